"""Steps for an app's own browser tests (kinerja/<app>/tests/test_browser.py).

The journeys under tests/browser/ have their own fixtures for the same steps; these serve the
app test folders, which that conftest does not reach.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.world import PASSWORD


def sign_in(page, live_server, employee) -> None:
    """Log in through the login page with NIP and password, as a person would."""
    page.set_default_timeout(20_000)
    page.set_default_navigation_timeout(40_000)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP").fill(employee.nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def snap(page, name: str) -> None:
    """Save a full-page PNG when KINERJA_SCREENSHOTS names a folder (for looking at pages)."""
    folder = os.environ.get("KINERJA_SCREENSHOTS", "")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)
