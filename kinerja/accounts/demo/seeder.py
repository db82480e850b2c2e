"""Write a demo plan to the database in bulk: a few statements per table, not per row.

The unit paths are computed exactly as `kinerja.organisations.services.create_unit` does
(ancestor ids, 7 digits and a slash each), one tree level at a time. Employees' `unit` and
`position` mirror their definitive assignment, as `assign_position` would leave them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from kinerja.audit.services import record
from kinerja.organisations.domain.supervision import ActingKind
from kinerja.organisations.models import (
    AGENCY_KINDS,
    PATH_SEGMENT,
    Assignment,
    Employee,
    OrgUnit,
    Position,
)
from kinerja.organisations.services import grant_role

from ..models import User
from . import data
from .personas import find_personas
from .plan import Plan, UnitPlan, build_plan

CLASS_GRADE = {
    "regent": None,
    "jpt_pratama": 14,
    "administrator": 12,
    "pengawas": 9,
    "pelaksana": 6,
    "ahli_pertama": 8,
    "ahli_muda": 9,
    "ahli_madya": 11,
    "terampil": 6,
    "mahir": 7,
}


@dataclass(frozen=True)
class SeedResult:
    units: int
    positions: int
    employees: int
    plt: int


def _segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT - 1}d}/"


def _short_name(u: UnitPlan) -> str:
    if u.parent is None:
        return "Pemkab Abdya"
    return (
        data.AGENCIES[u.agency_index].short if u.parent == 0 and u.agency_index is not None else ""
    )


def _write_units(plan: Plan) -> dict[int, OrgUnit]:
    saved: dict[int, OrgUnit] = {}
    depth_of: dict[int, int] = {}
    for u in plan.units:
        depth_of[u.key] = 0 if u.parent is None else depth_of[u.parent] + 1
    for depth in sorted(set(depth_of.values())):
        level = [u for u in plan.units if depth_of[u.key] == depth]
        objs = [
            OrgUnit(
                name=u.name,
                short_name=_short_name(u),
                code=u.code,
                kind=u.kind,
                parent=saved[u.parent] if u.parent is not None else None,
                depth=depth,
            )
            for u in level
        ]
        OrgUnit.objects.bulk_create(objs)
        for u, obj in zip(level, objs, strict=True):
            parent = saved.get(u.parent) if u.parent is not None else None
            obj.path = (parent.path if parent else "") + _segment(obj.pk)
            obj.agency_id = obj.pk if obj.kind in AGENCY_KINDS else (parent and parent.agency_id)
            saved[u.key] = obj
    # One small UPDATE per unit is much cheaper than bulk_update's CASE over hundreds of rows.
    for obj in saved.values():
        OrgUnit.objects.filter(pk=obj.pk).update(path=obj.path, agency_id=obj.agency_id)
    return saved


@transaction.atomic
def seed(*, employees: int, seed: int) -> SeedResult:
    """Create the demo regency with `employees` people and a login for each."""
    plan = build_plan(employees=employees, seed=seed)
    units = _write_units(plan)

    positions: dict[tuple[int, str], Position] = {}
    for p in plan.people:
        name, kind, level, is_head = p.job
        key = (p.unit, name)
        if key not in positions:
            positions[key] = Position(
                unit=units[p.unit],
                name=name,
                kind=kind,
                level=level,
                is_head=is_head,
                class_grade=CLASS_GRADE.get(level or kind),
            )
    # Vacant head posts exist too (some with a Plt), so the tree shows every jabatan kepala.
    for u in plan.units:
        key = (u.key, u.head_name)
        if key not in positions:
            positions[key] = Position(
                unit=units[u.key],
                name=u.head_name,
                kind=u.head_kind,
                is_head=True,
                class_grade=CLASS_GRADE.get(u.head_kind),
            )
    Position.objects.bulk_create(list(positions.values()), batch_size=500)

    people = [
        Employee(
            nip=p.nip,
            name=p.name,
            front_title=p.front_title,
            back_title=p.back_title,
            gender=p.gender,
            birth_date=p.birth_date,
            status=p.status,
            rank=p.rank,
            email=p.email,
            phone=p.phone,
            unit=units[p.unit],
            position=positions[(p.unit, p.job[0])],
        )
        for p in plan.people
    ]
    Employee.objects.bulk_create(people, batch_size=1000)

    assignments = []
    head_position = {u.key: positions[(u.key, u.head_name)] for u in plan.units}
    for p, employee in zip(plan.people, people, strict=True):
        assignments.append(
            Assignment(
                employee=employee,
                position=employee.position,
                acting=ActingKind.DEFINITIVE.value,
                start_date=p.start_date,
                decree_number=p.decree,
            )
        )
        for unit_key in p.acting_in:
            start = max(p.start_date, dt.date(data.DATA_DATE_YEAR, 1, 2))
            assignments.append(
                Assignment(
                    employee=employee,
                    position=head_position[unit_key],
                    acting=ActingKind.PLT.value,
                    start_date=start,
                    decree_number=f"{p.decree}/PLT",
                )
            )
    Assignment.objects.bulk_create(assignments, batch_size=1000)

    # One hash for the shared demo password: hashing 6,000 times would take minutes.
    password = make_password(data.DEMO_PASSWORD)
    User.objects.bulk_create(
        [
            User(
                username=e.nip,
                employee=e,
                email=e.email,
                password=password,
                must_change_password=True,
            )
            for e in people
        ],
        batch_size=1000,
    )
    for index, role, unit_key in plan.roles:
        grant_role(
            actor=None,
            employee=people[index],
            role=role,
            unit=units[unit_key] if unit_key is not None else None,
        )
    persona_nips = [p.nip for p in find_personas()]
    User.objects.filter(username__in=persona_nips).update(must_change_password=False)
    plt = sum(len(p.acting_in) for p in plan.people)
    record(
        actor=None,
        action="demo.seed",
        object_type="demo",
        object_id="seed",
        object_repr="Data demo Aceh Barat Daya",
        after={"employees": employees, "seed": seed, "units": len(units), "plt": plt},
    )
    return SeedResult(len(units), len(positions), len(people), plt)
