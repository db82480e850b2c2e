"""Journey: BKPSDM opens the adoption page from the menu, sees where resistance is, drills down
to the names of one agency with a WhatsApp-ready reminder, and downloads the Excel file."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from kinerja.accounts.models import User
from kinerja.adoption.services import take_weekly_snapshot
from kinerja.adoption.tests.conftest import skp_for
from kinerja.communication import services as communication
from kinerja.core import clock

pytestmark = pytest.mark.browser


def build(w):
    today = clock.today()
    skp_for(w.staff, w.seksi_head, year=today.year)
    skp_for(w.it_staff, w.it_head, year=today.year)
    take_weekly_snapshot(today - dt.timedelta(days=14))
    User.objects.filter(employee__in=[w.staff, w.it_head]).update(last_login=clock.now())
    take_weekly_snapshot(today - dt.timedelta(days=7))
    item = communication.publish_announcement(
        actor=w.user(w.bkpsdm_admin),
        title="Sosialisasi aplikasi Kinerja",
        body="Hadiri sosialisasi di aula BKPSDM.",
        author_label="BKPSDM",
        publish_at=clock.now() - dt.timedelta(hours=2),
    )
    communication.mark_announcement_read(user=w.user(w.staff), announcement=item)


def test_bkpsdm_finds_whom_to_call_and_exports_the_figures(live_server, live_world, sign_in, page):
    w = live_world
    build(w)
    sign_in(w.bkpsdm_admin)
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name="Kelola").click()
    menu.get_by_role("link", name="Adopsi Aplikasi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Adopsi aplikasi")
    expect(page.get_by_test_id("agency-row")).to_have_count(5)
    expect(page.get_by_test_id("total-row")).to_contain_text("Kabupaten Aceh Barat Daya")
    expect(page.locator("figure svg")).to_have_count(2)
    expect(page.get_by_test_id("announcement-rate")).to_contain_text("Sosialisasi aplikasi")
    page.screenshot(path="/tmp/adoption-overview.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ekspor Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    health = page.get_by_test_id("agency-row").filter(has_text="Dinas Kesehatan")
    health.get_by_role("link").nth(1).click()  # the "never logged in" count of the agency
    expect(page.get_by_role("heading", level=1)).to_have_text("Belum pernah masuk")
    rows = page.get_by_test_id("person-row")
    expect(rows.filter(has_text=w.nurse.full_name)).to_have_count(1)
    expect(rows.filter(has_text=w.staff.full_name)).to_have_count(0)
    expect(rows.filter(has_text=w.it_staff.full_name)).to_have_count(0)
    first = rows.first
    expect(first.get_by_role("textbox")).to_have_value(
        re.compile("akun Kinerja Abdya Anda sudah siap")
    )
    expect(first.get_by_role("link", name="Bagikan lewat WhatsApp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\?text=")
    )
    page.screenshot(path="/tmp/adoption-people.png", full_page=True)


def test_an_opd_admin_sees_only_their_agency(live_server, live_world, sign_in, page):
    build(live_world)
    sign_in(live_world.health_admin)
    page.goto(f"{live_server.url}/adopsi/")
    expect(page.get_by_test_id("agency-row")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Kesehatan")
    expect(page.get_by_text("Persandian")).to_have_count(0)
    page.screenshot(path="/tmp/adoption-opd.png", full_page=True)
