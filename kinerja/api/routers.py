"""Every app's router, gathered in one place for the API application."""

from kinerja.accounts.api import router as accounts_router
from kinerja.organisations.api import router as org_router

__all__ = ["accounts_router", "org_router"]
