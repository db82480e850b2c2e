"""Random mixes of valid and garbage rows: the importer never crashes and never half-writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kinerja.accounts.imports import services
from kinerja.accounts.models import User
from kinerja.organisations.domain.nip import Gender, build_nip
from kinerja.organisations.models import (
    Assignment,
    Employee,
    OrgUnit,
    Position,
    SupervisionOverride,
)

from .import_files import csv_file, workbook

pytestmark = pytest.mark.django_db

printable = st.text(
    st.characters(min_codepoint=32, max_codepoint=0x2FF, exclude_characters=",;\"'"), max_size=25
)
valid_nips = st.builds(
    lambda born, sex, seq: build_nip(born, (born.year + 25, 1), sex, seq),
    st.dates(dt.date(1960, 1, 1), dt.date(1999, 12, 31)),
    st.sampled_from(list(Gender)),
    st.integers(1, 999),
)
nips = st.one_of(valid_nips, valid_nips, printable, st.integers(0, 10**18), st.none())
dates = st.one_of(
    st.dates(dt.date(2021, 1, 1), dt.date(2026, 12, 31)),
    st.dates(dt.date(2021, 1, 1), dt.date(2026, 12, 31)).map(lambda d: d.strftime("%d-%m-%Y")),
    printable,
    st.none(),
)
employee_rows = st.fixed_dictionaries(
    {
        "nip": nips,
        "name": st.one_of(printable, st.just("Pegawai Uji")),
        "status": st.sampled_from(["PNS", "pppk", "CPNS", "honorer", "", None]),
        "position_code": st.sampled_from(["HYP.STAF", "HYP.KEPALA", "HYP.BARU", "TIDAK.ADA", None]),
        "unit_code": st.sampled_from(["DINKES", "HYP.UNIT", "TIDAK.ADA", None]),
        "start_date": dates,
        "email": st.sampled_from(["", "a@b.id", "bukan surel", None]),
    }
)
position_rows = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["HYP.BARU", "HYP.STAF", "HYP.LAIN", None]),
        "name": st.one_of(printable, st.just("Jabatan Uji")),
        "unit_code": st.sampled_from(["DINKES", "HYP.UNIT", "TIDAK.ADA"]),
        "kind": st.sampled_from(["pelaksana", "functional_expert", "Pengawas", "raja", None]),
        "level": st.sampled_from(["", "ahli_muda", "mahir", "tinggi"]),
        "is_head": st.sampled_from(["Ya", "Tidak", "mungkin", None]),
        "class_grade": st.sampled_from([None, 7, "7", 99, "tujuh"]),
    }
)
unit_rows = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["HYP.UNIT", "HYP.UNIT2", None]),
        "name": st.one_of(printable, st.just("Unit Uji")),
        "kind": st.sampled_from(["seksi", "bidang", "Dinas", "kantor"]),
        "parent_code": st.sampled_from(["DINKES", "HYP.UNIT", "TIDAK.ADA", None]),
    }
)


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (OrgUnit, Position, Employee, Assignment, User, SupervisionOverride)
    ] + [list(Employee.objects.order_by("pk").values_list("name", "version"))]


@pytest.fixture
def prepared(world):
    OrgUnit.objects.filter(pk=world.health.pk).update(code="DINKES")
    Position.objects.filter(unit=world.health, name="Analis Kinerja").update(code="HYP.STAF")
    Position.objects.filter(unit=world.health, is_head=True).update(code="HYP.KEPALA")
    return world


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    units=st.lists(unit_rows, max_size=3),
    positions=st.lists(position_rows, max_size=4),
    employees=st.lists(employee_rows, max_size=6),
    as_csv=st.booleans(),
    override_pairs=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=3),
)
def test_random_rows_never_crash_and_never_half_write(
    prepared, units, positions, employees, as_csv, override_pairs
):
    known = [e.get("nip") for e in employees if isinstance(e.get("nip"), str)]
    known += [prepared.staff.nip, prepared.seksi_head.nip]
    overrides = [
        {
            "nip": known[a % len(known)],
            "assessor_nip": known[b % len(known)],
            "start_date": "01-01-2026",
            "reason": "uji",
        }
        for a, b in override_pairs
    ]
    savepoint = transaction.savepoint()
    try:
        before = snapshot()
        if as_csv:
            data = csv_file("employees", employees)
        else:
            data = workbook(
                units=units, positions=positions, employees=employees, overrides=overrides
            )
        outcome = services.import_file(
            actor=None, data=data, name="acak.csv" if as_csv else "acak.xlsx"
        )
        event("disimpan" if outcome.ok else "ditolak")
        if not outcome.ok:
            assert outcome.errors and all(e.message for e in outcome.errors)
            assert snapshot() == before
        else:
            assert outcome.committed
            expected_new = outcome.summary["employees_new"]
            assert Employee.objects.count() == len(before[2]) + expected_new
    finally:
        transaction.savepoint_rollback(savepoint)
