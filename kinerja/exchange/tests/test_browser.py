"""Exports and the SIASN import in a real browser (screenshots in KINERJA_SCREENSHOTS)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.live_browser import sign_in, snap

from .conftest import YEAR, build

pytestmark = pytest.mark.browser


@pytest.fixture
def live_data(live_server, transactional_db):
    from tests.world import build_world

    return build(build_world())


def test_admin_downloads_an_export_and_sees_it_logged(live_server, live_data, page):
    w = live_data.world
    sign_in(page, live_server, w.bkpsdm_admin)
    page.get_by_role("link", name="Pertukaran SIASN").first.click()
    page.get_by_label("Jenis data").select_option("skp_annual")
    page.get_by_label("Tahun").fill(str(YEAR))
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh").click()
    download = info.value
    assert download.suggested_filename == f"skp-annual-{YEAR}.csv"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert w.staff.nip in content and "hasil" in content.splitlines()[0]
    page.reload()
    expect(page.locator("tbody").get_by_text("Hasil SKP tahunan").first).to_be_visible()
    snap(page, "exchange-index")
    page.get_by_role("link", name="Catatan ekspor").click()
    snap(page, "exchange-log")


def test_admin_previews_a_superior_file_and_must_tick_the_change(
    live_server, live_data, page, tmp_path
):
    w = live_data.world
    sign_in(page, live_server, w.bkpsdm_admin)
    page.goto(f"{live_server.url}/pertukaran/impor/")
    source = tmp_path / "atasan-siasn.csv"
    source.write_text(f"nip,nip_atasan\n{w.staff.nip},{w.bidang_head.nip}\n", encoding="utf-8")
    page.get_by_label("Jenis data referensi").select_option("superior")
    page.get_by_label("Berkas SIASN").set_input_files(str(source))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("Perubahan atasan tidak pernah diterapkan otomatis.")).to_be_visible()
    expect(page.get_by_label("Terima atasan ini")).not_to_be_checked()
    snap(page, "exchange-import-superior")
    page.get_by_label("Terima atasan ini").check()
    page.get_by_role("button", name="Terima yang dicentang").click()
    expect(page.get_by_text("1 perubahan diterapkan")).to_be_visible()
    snap(page, "exchange-import-applied")
    bad = tmp_path / "salah.csv"
    bad.write_text("nip,nip_atasan\n123,456\n", encoding="utf-8")
    page.goto(f"{live_server.url}/pertukaran/impor/")
    page.get_by_label("Jenis data referensi").select_option("superior")
    page.get_by_label("Berkas SIASN").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("Laporan per baris")).to_be_visible()
    snap(page, "exchange-import-errors")
