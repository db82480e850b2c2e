"""Fixtures for the API tests: bearer tokens for the personas of the test world."""

from __future__ import annotations

import pytest


@pytest.fixture
def bearer(world):
    """Return `Authorization` headers for an employee's fresh API token."""
    from kinerja.accounts.services import issue_token

    def _bearer(employee) -> dict[str, str]:
        _, key = issue_token(user=world.user(employee), name="uji")
        return {"Authorization": f"Bearer {key}"}

    return _bearer
