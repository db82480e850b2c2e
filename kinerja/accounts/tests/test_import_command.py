"""`manage.py import_employees`: exit 1 with the row errors and nothing written, or import all."""

from __future__ import annotations

import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.organisations.models import Employee, OrgUnit

from .import_files import fresh_nip, small_agency, workbook

pytestmark = pytest.mark.django_db


def run(*args: str) -> int:
    """The exit code `manage.py import_employees ARGS` ends with (run_from_argv maps a
    CommandError to its return code; calling it in-process keeps the test's database connection,
    which run_from_argv would close)."""
    try:
        call_command("import_employees", *args)
    except CommandError as exc:
        sys.stderr.write(f"CommandError: {exc}\n")
        return exc.returncode
    return 0


@pytest.fixture
def coded(world):
    OrgUnit.objects.filter(pk=world.regency.pk).update(code="ABDYA")
    return world


def test_valid_file_imports_and_prints_summary(coded, tmp_path, capsys):
    head, staff = fresh_nip(), fresh_nip()
    path = tmp_path / "impor.xlsx"
    path.write_bytes(workbook(**small_agency(head, staff)))
    credentials = tmp_path / "akun.csv"

    assert run(str(path), "--credentials", str(credentials)) == 0

    out = capsys.readouterr().out
    assert "Impor selesai (6 baris): 2 unit baru" in out and "2 akun baru" in out
    assert Employee.objects.filter(nip__in=[head, staff]).count() == 2
    assert head in credentials.read_text(encoding="utf-8")


def test_invalid_file_exits_non_zero_prints_row_errors_and_writes_nothing(coded, tmp_path, capsys):
    sheets = small_agency(fresh_nip(), fresh_nip())
    sheets["positions"][1]["unit_code"] = "TIDAK.ADA"
    path = tmp_path / "impor.xlsx"
    path.write_bytes(workbook(**sheets))
    before = OrgUnit.objects.count()

    assert run(str(path)) == 1

    err = capsys.readouterr().err
    assert "Jabatan baris 3 kolom Kode Unit" in err and "tidak ada data yang disimpan" in err
    assert OrgUnit.objects.count() == before


def test_check_only_writes_nothing(coded, tmp_path, capsys):
    path = tmp_path / "impor.xlsx"
    path.write_bytes(workbook(**small_agency(fresh_nip(), fresh_nip())))
    assert run(str(path), "--check") == 0
    assert "Semua 6 baris benar" in capsys.readouterr().out
    assert not OrgUnit.objects.filter(code="DISDIK").exists()


def test_actor_scope_applies_and_unknown_actor_or_file_fail(coded, tmp_path, capsys):
    path = tmp_path / "impor.xlsx"
    path.write_bytes(workbook(**small_agency(fresh_nip(), fresh_nip())))
    assert run(str(path), "--actor", coded.health_admin.nip) == 1
    assert "di luar perangkat daerah Anda" in capsys.readouterr().err
    assert run(str(path), "--actor", coded.staff.nip) == 1
    assert "Hanya admin BKPSDM" in capsys.readouterr().err
    assert run(str(path), "--actor", "000") == 1
    assert run(str(tmp_path / "tidak-ada.xlsx")) == 1
    assert not OrgUnit.objects.filter(code="DISDIK").exists()


def test_renamed_pdf_exits_non_zero_with_clean_message(db, tmp_path, capsys):
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"%PDF-1.5 isi")
    assert run(str(path)) == 1
    assert "Berkas ini PDF" in capsys.readouterr().err
