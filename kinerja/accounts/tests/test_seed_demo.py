"""The demo data: deterministic, consistent, with a working login for every persona."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from kinerja.accounts.demo import data
from kinerja.accounts.demo.personas import find_personas
from kinerja.accounts.demo.plan import build_plan
from kinerja.accounts.models import User
from kinerja.organisations.access import access_for
from kinerja.organisations.domain.nip import parse_nip
from kinerja.organisations.models import (
    AGENCY_KINDS,
    PATH_SEGMENT,
    Assignment,
    Employee,
    OrgUnit,
)
from kinerja.organisations.selectors import current_assessor_map

PERSONA_ROLES = {
    "bkpsdm_admin",
    "regent",
    "sekda",
    "kepala_dinas_kesehatan",
    "kepala_bidang",
    "kepala_seksi",
    "pelaksana",
    "guru",
    "pranata_komputer",
    "kepala_dinas_sosial",
    "opd_admin",
    "auditor",
}


def seed(employees: int = 60, seed: int = 1) -> str:
    out = io.StringIO()
    call_command("seed_demo", employees=employees, seed=seed, stdout=out)
    return out.getvalue()


def test_same_seed_gives_the_same_plan_and_another_seed_another():
    first = [p.nip for p in build_plan(employees=60, seed=1).people]
    again = [p.nip for p in build_plan(employees=60, seed=1).people]
    other = [p.nip for p in build_plan(employees=60, seed=2).people]
    assert first == again
    assert first != other


def test_plan_for_regency_scale_has_every_perangkat_daerah_and_kecamatan():
    plan = build_plan(employees=6000, seed=1)
    names = {u.name for u in plan.units}
    assert len(plan.people) == 6000
    assert {f"Kecamatan {k}" for k in data.KECAMATAN} <= names
    assert {"Dinas Kesehatan", "RSUD Teungku Peukan", "Inspektorat", "Dinas Syariat Islam"} <= names
    assert sum(u.kind == "puskesmas" for u in plan.units) == len(data.PUSKESMAS)
    assert sum(u.kind == "school" for u in plan.units) > 100
    assert sum(len(p.acting_in) for p in plan.people) > 10  # some vacant posts have a Plt


@pytest.mark.django_db
def test_seeding_writes_exactly_the_planned_nips():
    seed(60, 7)
    planned = sorted(p.nip for p in build_plan(employees=60, seed=7).people)
    assert sorted(Employee.objects.values_list("nip", flat=True)) == planned


@pytest.mark.django_db
def test_every_nip_is_valid_unique_and_matches_birth_date_and_gender():
    seed()
    employees = list(Employee.objects.all())
    assert len(employees) == 60
    assert len({e.nip for e in employees}) == 60
    for e in employees:
        parsed = parse_nip(e.nip)
        assert parsed.birth_date == e.birth_date
        assert parsed.gender.value == e.gender


@pytest.mark.django_db
def test_every_persona_exists_with_a_login_that_accepts_the_demo_password():
    seed()
    personas = {p.role: p for p in find_personas()}
    assert set(personas) == PERSONA_ROLES
    for persona in personas.values():
        user = User.objects.select_related("employee").get(username=persona.nip)
        assert user.employee.nip == persona.nip
        assert user.check_password(data.DEMO_PASSWORD)
        assert not user.must_change_password
    assert personas["regent"].name == data.REGENT_NAME
    assert User.objects.count() == Employee.objects.count()


@pytest.mark.django_db
def test_persona_chain_in_dinas_kesehatan_is_headed_definitively():
    seed()
    personas = {p.role: p for p in find_personas()}
    pelaksana = Employee.objects.get(nip=personas["pelaksana"].nip)
    kasi = Employee.objects.get(nip=personas["kepala_seksi"].nip)
    kabid = Employee.objects.get(nip=personas["kepala_bidang"].nip)
    assessors = current_assessor_map([pelaksana.pk, kasi.pk])
    assert assessors[pelaksana.pk] == kasi.pk
    assert assessors[kasi.pk] == kabid.pk
    kadis_user = User.objects.get(username=personas["kepala_dinas_kesehatan"].nip)
    dinkes = OrgUnit.objects.get(code=data.CODE_DINKES)
    assert dinkes.pk in access_for(kadis_user).headed_unit_ids


@pytest.mark.django_db
def test_every_employee_but_the_regent_has_an_assessor():
    seed()
    assessors = current_assessor_map(Employee.objects.values_list("pk", flat=True))
    missing = {pk for pk, assessor in assessors.items() if assessor is None}
    regent = Employee.objects.get(position__kind="regent")
    assert missing == {regent.pk}


@pytest.mark.django_db
def test_unit_paths_agencies_and_definitive_assignments_are_consistent():
    seed()
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id)
        segment = f"{unit.pk:0{PATH_SEGMENT - 1}d}/"
        assert unit.path == (parent.path if parent else "") + segment
        assert unit.depth == (parent.depth + 1 if parent else 0)
        expected_agency = unit.pk if unit.kind in AGENCY_KINDS else (parent and parent.agency_id)
        assert unit.agency_id == expected_agency
    for employee in Employee.objects.select_related("position"):
        definitive = Assignment.objects.get(
            employee=employee, acting="definitive", end_date__isnull=True
        )
        assert definitive.position_id == employee.position_id
        assert employee.position.unit_id == employee.unit_id


@pytest.mark.django_db
def test_if_empty_leaves_existing_data_alone_and_plain_seed_refuses():
    seed()
    out = io.StringIO()
    call_command("seed_demo", employees=60, if_empty=True, stdout=out)
    assert "sudah ada" in out.getvalue()
    assert Employee.objects.count() == 60
    with pytest.raises(CommandError, match="sudah berisi pegawai"):
        seed()


@pytest.mark.django_db
def test_too_few_employees_is_refused_in_indonesian():
    with pytest.raises(CommandError, match="minimal"):
        seed(5)


@pytest.mark.django_db
def test_demo_personas_json_lists_role_nip_password_name_and_unit():
    seed()
    out = io.StringIO()
    call_command("demo_personas", json=True, stdout=out)
    personas = json.loads(out.getvalue())
    assert {p["role"] for p in personas} == PERSONA_ROLES
    for p in personas:
        assert {"role", "nip", "password", "name", "unit"} <= set(p)
        assert p["password"] == data.DEMO_PASSWORD


@pytest.mark.django_db
def test_demo_personas_table_is_in_indonesian():
    seed()
    out = io.StringIO()
    call_command("demo_personas", stdout=out)
    text = out.getvalue()
    assert "Kata sandi" in text
    assert "Kepala Dinas Kesehatan" in text
