"""Bad files get one clean Indonesian message; CSV works like a workbook sheet."""

from __future__ import annotations

import io
import zipfile

import pytest

from kinerja.accounts.imports import reader, services
from kinerja.accounts.imports.template import build_csv, build_workbook
from kinerja.organisations.models import Employee, OrgUnit

from .import_files import csv_file, fresh_nip, workbook

pytestmark = pytest.mark.django_db


def file_error(data: bytes, name: str = "data.xlsx") -> str:
    outcome, _ = services.check_file(actor=None, data=data, name=name)
    assert not outcome.ok
    assert len(outcome.errors) == 1, outcome.errors
    return outcome.errors[0].message


def test_renamed_pdf_is_refused():
    assert "PDF" in file_error(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "data.xlsx")


def test_random_binary_named_xlsx_is_refused():
    assert "bukan" in file_error(bytes(range(256)) * 4, "data.xlsx")


def test_text_file_named_xlsx_is_refused():
    assert "bukan buku kerja" in file_error(b"hello world", "data.xlsx")


def test_empty_file_is_refused():
    assert file_error(b"") == "Berkas kosong. Unggah templat yang sudah diisi."
    assert file_error(b"   \n") == "Berkas kosong. Unggah templat yang sudah diisi."


def test_oversize_file_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    assert "terlalu besar" in file_error(b"a,b\n" * 1000, "data.csv")


def test_old_xls_is_refused_with_advice():
    assert ".xlsx" in file_error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "bukan excel")
    assert "bukan buku kerja" in file_error(buffer.getvalue())


def test_zip_bomb_like_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (reader.MAX_UNCOMPRESSED_BYTES + 1))
    assert "terlalu besar setelah diekstrak" in file_error(buffer.getvalue())


def test_corrupt_workbook_is_refused():
    data = bytearray(workbook(employees=[{"nip": fresh_nip(), "name": "A", "status": "PNS"}]))
    data[200:400] = b"\x00" * 200
    message = file_error(bytes(data))
    assert "rusak" in message or "bukan" in message


def test_too_many_rows_in_a_sheet_is_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS_PER_SHEET", 5)
    rows = [{"nip": fresh_nip(), "name": f"P{i}", "status": "PNS"} for i in range(6)]
    assert "lebih dari 5 baris" in file_error(workbook(employees=rows))
    assert "lebih dari 5 baris" in file_error(csv_file("employees", rows), "p.csv")


def test_wrong_headers_are_reported_per_column():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Pegawai"
    book.active.append(["NIP", "Nama Lengkap", "Keterangan"])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome, _ = services.check_file(actor=None, data=buffer.getvalue())
    assert [(e.sheet, e.row, e.column) for e in outcome.errors] == [
        ("Pegawai", 1, "Nama Lengkap"),
        ("Pegawai", 1, "Keterangan"),
        ("Pegawai", 1, "Nama"),
        ("Pegawai", 1, "Status Kepegawaian"),
    ]


def test_unknown_sheet_is_reported():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Data Saya"
    book.active.append(["a"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert "Lembar tidak dikenal" in file_error(buffer.getvalue())


def test_csv_with_unrecognised_headers_is_reported():
    assert "tidak cocok" in file_error(b"nama,umur\nBudi,30\n", "x.csv")


def test_csv_import_of_employees(world):
    OrgUnit.objects.filter(pk=world.health.pk).update(code="DINKES")
    nip = fresh_nip()
    data = csv_file(
        "employees", [{"nip": nip, "name": "Lewat CSV", "status": "PNS", "unit_code": "DINKES"}]
    )
    outcome = services.import_file(actor=None, data=data, name="pegawai.csv")
    assert outcome.ok, outcome.errors
    assert Employee.objects.get(nip=nip).unit_id == world.health.pk


def test_csv_with_semicolons_as_excel_saves_it_in_indonesia(world):
    OrgUnit.objects.filter(pk=world.regency.pk).update(code="ABDYA")
    units = [
        {
            "code": "DPMG",
            "name": "Dinas Pemberdayaan Masyarakat; Gampong",
            "kind": "dinas",
            "parent_code": "ABDYA",
        }
    ]
    data = csv_file("units", units, delimiter=";")
    outcome = services.import_file(actor=None, data=data, name="unit.csv")
    assert outcome.ok, outcome.errors
    assert OrgUnit.objects.get(code="DPMG").name == "Dinas Pemberdayaan Masyarakat; Gampong"


def test_empty_template_reads_without_errors_and_without_rows():
    parsed = reader.read_file(build_workbook(), "templat.xlsx")
    assert parsed.errors == [] and parsed.row_count == 0
    assert {s.spec.kind for s in parsed.sheets} == {"units", "positions", "employees", "overrides"}
    for kind in ("units", "positions", "employees", "overrides"):
        parsed = reader.read_file(build_csv(kind), f"{kind}.csv")
        assert parsed.errors == [] and parsed.sheets[0].spec.kind == kind


def test_template_has_instructions_sheet_in_indonesian():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(build_workbook()))
    assert book.sheetnames == ["Petunjuk", "Unit", "Jabatan", "Pegawai", "Penilai"]
    text = " ".join(str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value)
    assert "NIP diisi sebagai teks" in text and "Kode Unit Induk" in text
