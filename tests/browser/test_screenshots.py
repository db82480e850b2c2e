"""Every page, as several personas, at desktop and phone widths: Indonesian, labelled, no sideways
scrolling of the whole page (wide tables scroll inside their own box).

Set KINERJA_SCREENSHOTS=/tmp/shots to also save a full-page PNG of each, for looking at them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from tests.world import PASSWORD

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 375}
SHOTS = os.environ.get("KINERJA_SCREENSHOTS", "")


def _optional(name: str, **kwargs) -> list[tuple[str, str]]:
    """Pages other features add; listed only once their URL exists."""
    try:
        return [(name.replace(":", "-"), reverse(name, kwargs=kwargs or None))]
    except NoReverseMatch:
        return []


def _pages(world) -> dict[str, list[tuple[str, str]]]:
    staff_nip = world.staff.nip
    return {
        "staff": [
            ("beranda", reverse("home")),
            ("struktur", reverse("organisations:tree")),
            ("struktur-unit", f"{reverse('organisations:tree')}?unit={world.health_seksi.pk}"),
            ("direktori-cari", f"{reverse('organisations:directory')}?q=Rahmat"),
            ("direktori-kosong", f"{reverse('organisations:directory')}?q=zzzz"),
            ("profil", reverse("organisations:profile", args=[staff_nip])),
            ("token", reverse("accounts:tokens")),
            ("kata-sandi", reverse("accounts:password_change")),
            *_optional("planning:my_skp"),
        ],
        "seksi_head": [
            ("beranda", reverse("home")),
            *_optional("planning:review_queue"),
        ],
        "bkpsdm_admin": [
            ("beranda", reverse("home")),
            ("profil-pegawai", reverse("organisations:profile", args=[staff_nip])),
            ("struktur-dinas", f"{reverse('organisations:tree')}?unit={world.health.pk}"),
            ("koreksi-penilai", reverse("organisations:assessor_override", args=[staff_nip])),
            ("direktori", reverse("organisations:directory")),
            ("jejak-audit", reverse("reports:audit_trail")),
            *_optional("accounts:import"),
            *_optional("organisations:roles"),
            *_optional("organisations:employee_add"),
        ],
        "auditor": [
            ("beranda", reverse("home")),
            ("jejak-audit-periksa", f"{reverse('reports:audit_trail')}?periksa=1"),
        ],
    }


def _check(page, label: str, width: int) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{label}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.lang") == "id", label
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main#isi")).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{label}: page scrolls sideways by {overflow}px at {width}px"
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('main input, main select, main textarea')]
            .filter(el => el.type !== 'hidden' && !el.labels?.length
                    && !el.getAttribute('aria-label'))
            .map(el => el.name)"""
    )
    assert unlabelled == [], f"{label}: inputs without a label: {unlabelled}"


def _check_both_widths(page, label: str) -> None:
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 800})
        _check(page, label, width)


def test_every_page_is_indonesian_labelled_and_fits_desktop_and_phone(
    live_server, live_world, browser
):
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(10_000)
    page = context.new_page()
    login_url = f"{live_server.url}{reverse('accounts:login')}"
    try:
        page.goto(login_url)
        _check_both_widths(page, "masuk")
        for persona, pages in _pages(live_world).items():
            context.clear_cookies()
            page.goto(login_url)
            page.get_by_label("NIP").fill(getattr(live_world, persona).nip)
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            expect(page).to_have_url(f"{live_server.url}/")
            for name, url in pages:
                response = page.goto(f"{live_server.url}{url}")
                assert response is not None and response.status == 200, (persona, name)
                _check_both_widths(page, f"{persona}-{name}")
    finally:
        context.close()
