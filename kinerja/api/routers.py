"""Every app's router, gathered in one place for the API application."""

from kinerja.accounts.api import router as accounts_router
from kinerja.organisations.api import router as org_router

__all__ = ["accounts_router", "org_router"]
from kinerja.planning.api import router as planning_router

__all__ += ["planning_router"]
from kinerja.development.api import router as development_router  # noqa: E402

__all__ += ["development_router"]
from kinerja.evaluation.api import router as evaluation_router  # noqa: E402

__all__ += ["evaluation_router"]
from kinerja.leadership.api import router as leadership_router  # noqa: E402

__all__ += ["leadership_router"]
from kinerja.reports.api import router as reports_router  # noqa: E402

__all__ += ["reports_router"]
from kinerja.exchange.api import router as exchange_router  # noqa: E402

__all__ += ["exchange_router"]
from kinerja.adoption.api import router as adoption_router  # noqa: E402

__all__ += ["adoption_router"]
from kinerja.communication.api import router as communication_router  # noqa: E402

__all__ += ["communication_router"]
