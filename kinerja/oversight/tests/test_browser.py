"""The inspectorate's view in a real browser: filters, the list and its links (screenshots in
KINERJA_SCREENSHOTS when set)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.live_browser import sign_in, snap

from .conftest import YEAR, build

pytestmark = pytest.mark.browser


@pytest.fixture
def live_data(live_server, transactional_db):
    from tests.world import build_world

    return build(build_world())


def test_auditor_filters_exceptions_and_follows_a_link_to_the_audit_trail(
    live_server, live_data, page
):
    sign_in(page, live_server, live_data.world.auditor)
    page.get_by_role("link", name="Pengawasan").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pengawasan")
    page.get_by_label("Tahun").fill(str(YEAR))
    page.get_by_label("Perangkat daerah").select_option(label="Dinas Kesehatan")
    page.get_by_role("button", name="Saring").click()
    expect(
        page.locator("tbody").get_by_text("Rating berbeda dari saran bukti").first
    ).to_be_visible()
    expect(page.get_by_text(live_data.world.it_staff.nip)).to_have_count(0)
    snap(page, "oversight-exceptions")
    page.set_viewport_size({"width": 375, "height": 800})
    snap(page, "oversight-exceptions-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="Jejak audit").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jejak Audit")
