"""Browser fixtures: the test world on a live server, and logging in through the real form."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.world import PASSWORD


@pytest.fixture
def live_world(live_server, transactional_db):
    """The fixed test regency, committed so the live server's thread sees it."""
    from tests.world import build_world

    return build_world()


@pytest.fixture
def page(page):
    """Fail fast: a journey step that waits longer than 10 s is broken, not slow."""
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(20_000)
    return page


@pytest.fixture
def sign_in(live_server, page):
    """Log in through the login page with NIP and password, as a person would."""

    def _sign_in(employee, password: str = PASSWORD):
        page.goto(f"{live_server.url}/akun/masuk/")
        page.get_by_label("NIP").fill(employee.nip)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state("domcontentloaded")
        return page

    return _sign_in


@pytest.fixture
def snap():
    """Save a full-page PNG when KINERJA_SCREENSHOTS names a folder (for looking at pages)."""
    folder = os.environ.get("KINERJA_SCREENSHOTS", "")

    def _snap(page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            width = page.viewport_size["width"] if page.viewport_size else 0
            page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)

    return _snap
