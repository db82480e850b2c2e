"""A large file imports whole: every employee, assignment and login (timing lives in bench/)."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.accounts.imports import services
from kinerja.accounts.models import User
from kinerja.organisations.domain.nip import Gender, build_nip
from kinerja.organisations.models import Assignment, Employee, OrgUnit

from .import_files import workbook

pytestmark = pytest.mark.django_db


def test_a_large_file_imports_every_row_with_positions_and_logins(world):
    OrgUnit.objects.filter(pk=world.regency.pk).update(code="ABDYA")
    units = [{"code": "BESAR", "name": "Dinas Besar", "kind": "dinas", "parent_code": "ABDYA"}]
    positions = [
        {"code": f"BESAR.P{i}", "name": f"Pelaksana {i}", "unit_code": "BESAR", "kind": "pelaksana"}
        for i in range(60)
    ]
    employees = []
    for i in range(1_200 - len(units) - len(positions)):
        born = dt.date(1970, 1, 1) + dt.timedelta(days=i % 9000)
        nip = build_nip(born, (born.year + 25, 1 + i % 12), Gender.MALE, 1 + i // 9000)
        employees.append(
            {
                "nip": nip,
                "name": f"Pegawai {i}",
                "status": "PNS",
                "position_code": f"BESAR.P{i % 60}",
                "start_date": "02-01-2024",
            }
        )
    data = workbook(units=units, positions=positions, employees=employees)

    outcome = services.import_file(
        actor=world.user(world.bkpsdm_admin), data=data, name="besar.xlsx"
    )

    assert outcome.ok, outcome.errors[:3]
    assert outcome.rows == 1_200
    assert Employee.objects.filter(unit__code="BESAR").count() == len(employees)
    assert Assignment.objects.filter(position__unit__code="BESAR").count() == len(employees)
    assert User.objects.filter(must_change_password=True).count() == len(employees)
