"""Journey: the BKPSDM admin imports employees from Excel, fixes a reported row, and saves."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from kinerja.accounts.imports.spec import EMPLOYEES, POSITIONS
from kinerja.organisations.models import Employee, OrgUnit
from tests.world import new_nip

pytestmark = pytest.mark.browser

TYPO = "DINKES.ANALS"
NOT_FOUND = (
    f"Kode jabatan “{TYPO}” tidak ditemukan (harus sudah terdaftar atau ada di lembar Jabatan)."
)


def _workbook(rows_by_sheet: dict) -> bytes:
    """An import file laid out like the downloadable template: one sheet per kind."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec, rows in rows_by_sheet.items():
        sheet = workbook.create_sheet(spec.title)
        sheet.append(spec.headers)
        for row in rows:
            sheet.append([row.get(column.key, "") for column in spec.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import_file(putri_nip: str, budi_nip: str, budi_position: str) -> bytes:
    position = {
        "code": "DINKES.ANALIS",
        "name": "Analis Data Kesehatan",
        "unit_code": "DINKES",
        "kind": "pelaksana",
    }
    common = {"status": "PNS", "rank": "III/a", "start_date": "02-01-2024"}
    employees = [
        {"nip": putri_nip, "name": "Putri Impor", "position_code": "DINKES.ANALIS", **common},
        {"nip": budi_nip, "name": "Budi Impor", "position_code": budi_position, **common},
    ]
    return _workbook({POSITIONS: [position], EMPLOYEES: employees})


def _upload(page, name: str, data: bytes) -> None:
    page.get_by_label("Berkas impor (.xlsx atau .csv)").set_input_files(
        files=[
            {
                "name": name,
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": data,
            }
        ]
    )
    page.get_by_role("button", name="Unggah dan periksa").click()


def test_bkpsdm_admin_fixes_reported_row_then_imports_employees(
    live_server, live_world, sign_in, snap
):
    OrgUnit.objects.filter(pk=live_world.health.pk).update(code="DINKES")
    putri_nip, budi_nip = new_nip(), new_nip()

    page = sign_in(live_world.bkpsdm_admin)
    page.locator("main").get_by_role("link", name="Impor Data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor data pegawai")
    snap(page, "impor-unggah")

    # First attempt: one row refers to a position code with a typo.
    _upload(page, "pegawai-dinkes.xlsx", _import_file(putri_nip, budi_nip, TYPO))
    expect(page).to_have_url(re.compile(r"/akun/impor/\d+/$"))
    expect(page.get_by_text("Tidak ada data yang disimpan.")).to_be_visible()
    report_row = page.get_by_role("row").filter(has_text=NOT_FOUND)
    expect(report_row).to_have_count(1)
    expect(report_row.get_by_role("cell").nth(0)).to_have_text("Pegawai")
    expect(report_row.get_by_role("cell").nth(1)).to_have_text("3")
    expect(page.get_by_role("button", name=re.compile("Simpan semua data"))).to_have_count(0)
    assert not Employee.objects.filter(nip__in=[putri_nip, budi_nip]).exists()
    snap(page, "impor-laporan-kesalahan")

    # Second attempt: the corrected file passes every check and is saved on confirmation.
    page.get_by_role("link", name="← Kembali ke impor").click()
    _upload(
        page, "pegawai-dinkes-perbaikan.xlsx", _import_file(putri_nip, budi_nip, "DINKES.ANALIS")
    )
    expect(page.get_by_text("Semua baris benar.")).to_be_visible()
    snap(page, "impor-siap-disimpan")
    page.get_by_role("button", name="2. Simpan semua data").click()

    success = page.get_by_role("status").filter(has_text="Impor selesai.")
    expect(success).to_contain_text("1 jabatan baru")
    expect(success).to_contain_text("2 pegawai baru")
    expect(success).to_contain_text("2 akun baru")
    snap(page, "impor-selesai")

    # The new employees are in the directory, in their new position.
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name="Organisasi").click()
    menu.get_by_role("link", name="Direktori Pegawai").click()
    page.get_by_label("Cari nama atau NIP").fill("Putri Impor")
    page.get_by_label("Cari nama atau NIP").press("Enter")
    row = page.get_by_role("row").filter(has_text="Putri Impor")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Analis Data Kesehatan")
    expect(row).to_contain_text("Dinas Kesehatan")
