"""Journey: the public transparency page without login, and the regent's drill-down from the
regency dashboard to an agency, a unit and the names in it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kinerja.reports.tests.conftest import build_data

pytestmark = pytest.mark.browser


def test_public_page_shows_figures_without_login_and_hides_small_groups(
    live_server, live_world, page
):
    build_data(live_world)
    page.goto(f"{live_server.url}/laporan/transparansi/?tahun=2026")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Transparansi Kinerja ASN")
    expect(page.get_by_text(re.compile(r"Data per \d+ \w+ \d{4}"))).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("kurang dari 5 orang")
    small = page.get_by_role("row").filter(has_text="Dinas Komunikasi, Informatika dan Persandian")
    expect(small.first).to_contain_text("—")
    health = page.get_by_role("row").filter(has_text="Dinas Kesehatan").last
    expect(health).to_contain_text("77,8")
    expect(page.get_by_text(live_world.staff.full_name)).to_have_count(0)
    page.screenshot(path="/tmp/reports-public.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path="/tmp/reports-public-print.png", full_page=True)


def test_regent_drills_down_from_the_regency_to_an_agency_a_unit_and_names(
    live_server, live_world, sign_in, page
):
    build_data(live_world)
    sign_in(live_world.regent)
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name="Organisasi").click()
    menu.get_by_role("link", name="Dasbor Kinerja").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kabupaten Aceh Barat Daya")
    expect(page.locator("svg").first).to_be_visible()
    page.screenshot(path="/tmp/reports-regency.png", full_page=True)

    agencies = page.get_by_role("region", name="Per perangkat daerah")
    agencies.get_by_role("link", name="Dinas Kesehatan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Kesehatan")
    units = page.get_by_role("region", name="Per unit di bawah Dinas Kesehatan")
    expect(units.get_by_role("link", name="Bidang Pelayanan Kesehatan")).to_be_visible()
    page.screenshot(path="/tmp/reports-agency.png", full_page=True)

    units.get_by_role("link", name="Bidang Pelayanan Kesehatan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bidang Pelayanan Kesehatan")
    names = page.get_by_role("region", name="Pegawai")
    expect(names.get_by_role("link", name=live_world.staff.full_name)).to_be_visible()
    expect(names).not_to_contain_text(live_world.it_staff.full_name)
    page.screenshot(path="/tmp/reports-unit.png", full_page=True)

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Unduh PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_opd_admin_enters_an_iku_realisation_and_sees_its_achievement(
    live_server, live_world, sign_in, page
):
    data = build_data(live_world)
    sign_in(live_world.health_admin)
    page.goto(
        f"{live_server.url}/laporan/capaian/?unit={live_world.health.pk}&tahun=2026"
        f"&periode={data.q1.pk}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Capaian Kinerja Organisasi")
    form = page.get_by_role("region", name="Isi realisasi indikator")
    form.get_by_label("Indikator kinerja utama").select_option(label="Indeks pelayanan kesehatan")
    form.get_by_label("Realisasi").fill("-3")
    form.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Realisasi tidak boleh negatif.")).to_be_visible()
    form = page.get_by_role("region", name="Isi realisasi indikator")
    form.get_by_label("Realisasi").fill("78")
    form.get_by_label("Penjelasan").fill("Survei kepuasan pasien triwulan I.")
    form.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_role("alert")).to_contain_text("Realisasi indikator kinerja utama disimpan.")
    row = page.get_by_role("row").filter(has_text="Indeks pelayanan kesehatan")
    expect(row).to_contain_text("104%")
    expect(row).to_contain_text("Survei kepuasan pasien triwulan I.")
    page.screenshot(path="/tmp/reports-achievement.png", full_page=True)
