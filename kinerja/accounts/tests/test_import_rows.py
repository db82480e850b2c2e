"""Every row is checked first; then all rows are written together, or none."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.accounts.imports import services
from kinerja.accounts.models import User
from kinerja.audit.models import AuditEvent
from kinerja.organisations.models import (
    Assignment,
    Employee,
    OrgUnit,
    Position,
    SupervisionOverride,
)

from .import_files import fresh_nip, small_agency, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(world):
    """The test regency with codes on the units the files refer to."""
    OrgUnit.objects.filter(pk=world.regency.pk).update(code="ABDYA")
    OrgUnit.objects.filter(pk=world.health.pk).update(code="DINKES")
    OrgUnit.objects.filter(pk=world.health_seksi.pk).update(code="DINKES.SEKSI")
    return world


def counts():
    return (
        OrgUnit.objects.count(),
        Position.objects.count(),
        Employee.objects.count(),
        Assignment.objects.count(),
        User.objects.count(),
        SupervisionOverride.objects.count(),
    )


def messages(outcome):
    return [(e.sheet, e.row, e.column, e.message) for e in outcome.errors]


def test_valid_workbook_imports_units_positions_employees_accounts_and_overrides(coded):
    head, staff = fresh_nip(), fresh_nip()
    sheets = small_agency(head, staff)
    sheets["overrides"] = [
        {"nip": staff, "assessor_nip": head, "start_date": "01-03-2024", "reason": "SK 1/2024"}
    ]
    outcome = services.import_file(actor=None, data=workbook(**sheets), name="impor.xlsx")

    assert outcome.ok, messages(outcome)
    assert outcome.summary == {
        "units_new": 2,
        "units_updated": 0,
        "positions_new": 2,
        "positions_updated": 0,
        "employees_new": 2,
        "employees_updated": 0,
        "assignments_new": 2,
        "accounts_new": 2,
        "overrides_new": 1,
    }
    agency = OrgUnit.objects.get(code="DISDIK")
    bidang = OrgUnit.objects.get(code="DISDIK.GTK")
    assert agency.parent_id == coded.regency.pk and agency.agency_id == agency.pk
    assert bidang.agency_id == agency.pk and bidang.path.startswith(agency.path)
    kadis = Employee.objects.get(nip=head)
    assert kadis.position.code == "DISDIK.KADIS" and kadis.unit_id == agency.pk
    assert kadis.back_title == "M.Pd" and kadis.birth_date == dt.date(1990, 5, 17)
    assert kadis.assignments.get().start_date == dt.date(2024, 1, 2)
    user = User.objects.get(username=staff)
    assert user.must_change_password and user.employee.nip == staff
    password = next(c["password"] for c in outcome.credentials if c["nip"] == staff)
    assert user.check_password(password)
    override = SupervisionOverride.objects.get(employee__nip=staff)
    assert override.assessor_id == kadis.pk
    assert AuditEvent.objects.filter(action="import.commit").count() == 1


def test_file_with_one_bad_row_writes_nothing_and_reports_that_row(coded):
    head, staff = fresh_nip(), fresh_nip()
    sheets = small_agency(head, staff)
    sheets["employees"].append({"nip": "12345", "name": "Salah", "status": "PNS"})
    before = counts()

    outcome = services.import_file(actor=None, data=workbook(**sheets))

    assert not outcome.ok
    assert messages(outcome) == [
        ("Pegawai", 4, "NIP", "NIP harus 18 digit angka (yang diisi 5 digit).")
    ]
    assert counts() == before


def test_reimport_updates_employee_by_nip_instead_of_duplicating(coded):
    head, staff = fresh_nip(), fresh_nip()
    first = services.import_file(actor=None, data=workbook(**small_agency(head, staff)))
    assert first.ok
    before = counts()
    sheets = small_agency(head, staff)
    sheets["employees"][1].update(name="Cut Analis Baru", rank="III/b")
    sheets["units"][0]["name"] = "Dinas Pendidikan dan Kebudayaan"

    second = services.import_file(actor=None, data=workbook(**sheets))

    assert second.ok, messages(second)
    assert counts() == before
    assert second.summary["employees_updated"] == 1 and second.summary["employees_new"] == 0
    assert second.summary["units_updated"] == 1 and second.summary["accounts_new"] == 0
    employee = Employee.objects.get(nip=staff)
    assert (employee.name, employee.rank, employee.version) == ("Cut Analis Baru", "III/b", 2)
    assert OrgUnit.objects.get(code="DISDIK").name == "Dinas Pendidikan dan Kebudayaan"


def test_reimport_with_new_position_ends_the_old_assignment(coded):
    head, staff = fresh_nip(), fresh_nip()
    assert services.import_file(actor=None, data=workbook(**small_agency(head, staff))).ok
    rows = [
        {
            "nip": staff,
            "name": "Cut Analis",
            "status": "PPPK",
            "position_code": "DISDIK.KADIS2",
            "start_date": "01-07-2024",
        },
    ]
    positions = [
        {"code": "DISDIK.KADIS2", "name": "Analis Data", "unit_code": "DISDIK", "kind": "pelaksana"}
    ]
    outcome = services.import_file(actor=None, data=workbook(positions=positions, employees=rows))

    assert outcome.ok, messages(outcome)
    history = list(Employee.objects.get(nip=staff).assignments.order_by("start_date"))
    assert [a.position.code for a in history] == ["DISDIK.GTK.ANALIS", "DISDIK.KADIS2"]
    assert history[0].end_date == dt.date(2024, 6, 30) and history[1].end_date is None
    assert Employee.objects.get(nip=staff).position.code == "DISDIK.KADIS2"


def test_existing_employee_is_updated_without_touching_empty_columns(coded):
    staff = coded.staff
    rows = [{"nip": staff.nip, "name": "Rahmat Diperbarui", "status": "PNS"}]
    outcome = services.import_file(actor=None, data=workbook(employees=rows))
    assert outcome.ok, messages(outcome)
    staff.refresh_from_db()
    assert staff.name == "Rahmat Diperbarui" and staff.rank == "III/a"
    assert staff.position is not None


def test_duplicate_nip_in_file_is_reported_on_the_second_row(coded):
    nip = fresh_nip()
    rows = [
        {"nip": nip, "name": "Satu", "status": "PNS", "unit_code": "DINKES"},
        {"nip": nip[:8] + " " + nip[8:], "name": "Dua", "status": "PNS", "unit_code": "DINKES"},
    ]
    outcome = services.import_file(actor=None, data=workbook(employees=rows))
    assert messages(outcome) == [("Pegawai", 3, "NIP", "NIP ini sudah muncul di baris 2.")]
    assert not Employee.objects.filter(nip=nip).exists()


def test_unknown_unit_code_is_reported(coded):
    positions = [{"code": "X1", "name": "Staf", "unit_code": "TIDAK.ADA", "kind": "pelaksana"}]
    outcome = services.import_file(actor=None, data=workbook(positions=positions))
    assert len(outcome.errors) == 1
    error = outcome.errors[0]
    assert (error.sheet, error.row, error.column) == ("Jabatan", 2, "Kode Unit")
    assert "TIDAK.ADA" in error.message


def test_parent_unit_must_come_before_its_children(coded):
    units = [
        {"code": "B", "name": "Bidang", "kind": "bidang", "parent_code": "A"},
        {"code": "A", "name": "Dinas A", "kind": "dinas", "parent_code": "ABDYA"},
    ]
    outcome = services.import_file(actor=None, data=workbook(units=units))
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "Kode Unit Induk")]


def test_functional_position_without_level_and_second_head_are_rejected(coded):
    positions = [
        {"code": "P1", "name": "Perawat", "unit_code": "DINKES", "kind": "functional_expert"},
        {
            "code": "P2",
            "name": "Kepala Lain",
            "unit_code": "DINKES",
            "kind": "jpt_pratama",
            "is_head": "Ya",
        },
        {
            "code": "P3",
            "name": "Staf",
            "unit_code": "DINKES",
            "kind": "pelaksana",
            "level": "mahir",
        },
    ]
    outcome = services.import_file(actor=None, data=workbook(positions=positions))
    assert [(e.row, e.column) for e in outcome.errors] == [
        (2, "Jenjang"),
        (3, "Kepala Unit"),
        (4, "Jenjang"),
    ]


def test_missing_required_fields_bad_dates_and_unknown_choices_are_reported_per_column(coded):
    rows = [
        {"nip": fresh_nip(), "name": None, "status": "honorer", "position_code": "DISDIK.X"},
        {
            "nip": fresh_nip(),
            "name": "Budi",
            "status": "PNS",
            "unit_code": "DINKES",
            "email": "bukan-surel",
        },
    ]
    overrides = [
        {
            "nip": coded.staff.nip,
            "assessor_nip": coded.bidang_head.nip,
            "start_date": "31-02-2024",
            "reason": "x",
        },
    ]
    outcome = services.import_file(actor=None, data=workbook(employees=rows, overrides=overrides))
    found = {(e.sheet, e.row, e.column) for e in outcome.errors}
    assert {
        ("Pegawai", 2, "Nama"),
        ("Pegawai", 2, "Status Kepegawaian"),
        ("Pegawai", 3, "Surel"),
        ("Penilai", 2, "Berlaku Mulai"),
    } <= found
    assert all(e.message for e in outcome.errors)


def test_nip_typed_as_number_is_refused_because_excel_rounds_it(coded):
    rows = [{"nip": 198503122010011003, "name": "Angka", "status": "PNS", "unit_code": "DINKES"}]
    outcome = services.import_file(actor=None, data=workbook(employees=rows))
    assert outcome.errors[0].column == "NIP" and "Teks" in outcome.errors[0].message


def test_override_cycle_within_file_is_refused(coded):
    a, b = coded.staff.nip, coded.nurse.nip
    overrides = [
        {"nip": a, "assessor_nip": b, "start_date": "01-01-2025", "reason": "uji"},
        {"nip": b, "assessor_nip": a, "start_date": "01-01-2025", "reason": "uji"},
    ]
    outcome = services.import_file(actor=None, data=workbook(overrides=overrides))
    assert not outcome.ok
    assert {e.row for e in outcome.errors} == {2, 3}
    assert all("siklus" in e.message for e in outcome.errors)
    assert SupervisionOverride.objects.count() == 0


def test_override_cycle_through_the_existing_tree_is_refused(coded):
    # The seksi head is the staff member's derived assessor; making the staff member assess the
    # seksi head closes a loop.
    overrides = [
        {
            "nip": coded.seksi_head.nip,
            "assessor_nip": coded.staff.nip,
            "start_date": "01-01-2025",
            "reason": "uji",
        },
    ]
    outcome = services.import_file(actor=None, data=workbook(overrides=overrides))
    assert [e.column for e in outcome.errors] == ["NIP Pejabat Penilai"]


def test_opd_admin_rows_outside_their_agency_are_row_errors(coded):
    actor = coded.user(coded.health_admin)
    OrgUnit.objects.filter(pk=coded.it_agency.pk).update(code="DISKOMINSA")
    units = [
        {"code": "DINKES.BARU", "name": "Seksi Baru", "kind": "seksi", "parent_code": "DINKES"},
        {
            "code": "KOMINFO.BARU",
            "name": "Seksi Lain",
            "kind": "seksi",
            "parent_code": "DISKOMINSA",
        },
    ]
    rows = [
        {"nip": coded.it_staff.nip, "name": "Muhammad Pranata", "status": "PNS"},
        {"nip": fresh_nip(), "name": "Pegawai Baru", "status": "PNS", "unit_code": "DINKES.BARU"},
    ]
    outcome = services.import_file(actor=actor, data=workbook(units=units, employees=rows))
    assert [(e.sheet, e.row) for e in outcome.errors] == [("Unit", 3), ("Pegawai", 2)]
    assert not OrgUnit.objects.filter(code="DINKES.BARU").exists()


def test_opd_admin_imports_inside_their_agency(coded):
    actor = coded.user(coded.health_admin)
    rows = [
        {"nip": fresh_nip(), "name": "Perawat Baru", "status": "PPPK", "unit_code": "DINKES.SEKSI"}
    ]
    outcome = services.import_file(actor=actor, data=workbook(employees=rows))
    assert outcome.ok, messages(outcome)
    assert Employee.objects.get(name="Perawat Baru").unit_id == coded.health_seksi.pk


def test_plain_employee_may_not_import(coded):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_file(actor=coded.user(coded.staff), data=workbook(employees=[]))


def test_head_position_held_by_someone_else_cannot_be_taken(coded):
    head_position = coded.health_seksi.positions.get(is_head=True)
    Position.objects.filter(pk=head_position.pk).update(code="SEKSI.KEPALA")
    rows = [
        {
            "nip": fresh_nip(),
            "name": "Calon Kasi",
            "status": "PNS",
            "position_code": "SEKSI.KEPALA",
            "start_date": "01-01-2025",
        }
    ]
    outcome = services.import_file(actor=None, data=workbook(employees=rows))
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "Kode Jabatan")]


def test_existing_login_with_the_nip_is_linked_instead_of_duplicated(coded):
    nip = fresh_nip()
    login = User.objects.create_user(username=nip, password="Rahasia-Lama-123")
    rows = [{"nip": nip, "name": "Sudah Punya Akun", "status": "PNS", "unit_code": "DINKES"}]
    outcome = services.import_file(actor=None, data=workbook(employees=rows))
    assert outcome.ok, messages(outcome)
    login.refresh_from_db()
    assert login.employee.nip == nip and outcome.credentials == []
    assert login.check_password("Rahasia-Lama-123")
