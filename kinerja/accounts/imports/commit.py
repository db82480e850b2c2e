"""Write a validated plan: units through the organisation services, the rest in bulk.

Runs inside the caller's `transaction.atomic`; a service that still refuses a row raises
`RowFailure`, which the caller turns into a row error after the whole import rolled back.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.hashers import get_hasher, make_password
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core import clock
from kinerja.organisations import services as org
from kinerja.organisations.domain.nip import parse_nip
from kinerja.organisations.models import Assignment, Employee, OrgUnit, Position

from ..models import User
from .reader import RowError
from .spec import OVERRIDES, UNITS
from .validation import Plan

# Initial passwords are 60 random bits (12 base32 characters), so a cheap hash is as safe as a
# slow one against guessing, and 6,000 accounts hash in a second instead of ten minutes with
# Argon2. Django re-hashes with the preferred hasher at the first login, which must also change
# the password (must_change_password).
INITIAL_PBKDF2_ITERATIONS = 100
BATCH = 500


class RowFailure(Exception):
    def __init__(self, error: RowError):
        super().__init__(error.message)
        self.error = error


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "Ditolak."


def initial_password() -> str:
    """12 characters from A-Z and 2-7 (no 0/1 to mistake for O/I)."""
    return base64.b32encode(secrets.token_bytes(8)).decode("ascii")[:12]


def hash_initial(password: str) -> str:
    try:
        hasher = get_hasher("pbkdf2_sha256")
    except ValueError:
        return make_password(password)
    return hasher.encode(password, hasher.salt(), iterations=INITIAL_PBKDF2_ITERATIONS)


def _chunks(items: list[Any], size: int = 900) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _by_code(model, codes: Iterable[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for chunk in _chunks(sorted(set(codes))):
        found.update({o.code: o for o in model.objects.filter(code__in=chunk)})
    return found


def _apply_units(plan: Plan, actor: Any) -> dict[str, OrgUnit]:
    codes = {op.code for op in plan.units} | {op.parent_code for op in plan.units if op.parent_code}
    units = _by_code(OrgUnit, codes)
    for op in plan.units:
        try:
            if op.existing_id is None:
                parent = units[op.parent_code] if op.parent_code else None
                units[op.code] = org.create_unit(
                    actor=actor,
                    name=op.name,
                    kind=op.kind,
                    parent=parent,
                    code=op.code,
                    short_name=op.short_name or "",
                )
            elif op.changed:
                unit = units[op.code]
                if op.move_to_id is not None:
                    unit = org.move_unit(
                        actor=actor, unit=unit, new_parent=OrgUnit.objects.get(pk=op.move_to_id)
                    )
                unit.name, unit.kind = op.name, op.kind
                if op.short_name:
                    unit.short_name = op.short_name
                unit.save(update_fields=["name", "kind", "short_name", "updated_at"])
                units[op.code] = unit
        except (ValidationError, PermissionDenied) as exc:
            raise RowFailure(RowError(UNITS.title, op.row, "", _message(exc))) from exc
    return units


def _apply_positions(plan: Plan, units: dict[str, OrgUnit]) -> None:
    unit_ids = {c: u.pk for c, u in units.items()}
    missing = {op.unit_code for op in plan.positions} - set(unit_ids)
    unit_ids.update({c: u.pk for c, u in _by_code(OrgUnit, missing).items()})
    existing_ids = [op.existing_id for op in plan.positions if op.existing_id and op.changed]
    existing: dict[int, Position] = {}
    for chunk in _chunks(existing_ids):
        existing.update(Position.objects.in_bulk(chunk))
    ops = {op.existing_id: op for op in plan.positions if op.existing_id}
    # Heads that step down go first, so the one-head-per-unit constraint holds at every step.
    stepping_down = [p for pid, p in existing.items() if p.is_head and not ops[pid].is_head]
    for p in stepping_down:
        p.is_head = False
    Position.objects.bulk_update(stepping_down, ["is_head"], batch_size=BATCH)
    for pid, p in existing.items():
        op = ops[pid]
        p.name, p.unit_id, p.kind, p.level, p.is_head = (
            op.name,
            unit_ids[op.unit_code],
            op.kind,
            op.level,
            op.is_head,
        )
        if op.class_grade is not None:
            p.class_grade = op.class_grade
        p.is_active = True
        p.updated_at = clock.now()
    Position.objects.bulk_update(
        list(existing.values()),
        ["name", "unit", "kind", "level", "is_head", "class_grade", "is_active", "updated_at"],
        batch_size=BATCH,
    )
    Position.objects.bulk_create(
        [
            Position(
                code=op.code,
                name=op.name,
                unit_id=unit_ids[op.unit_code],
                kind=op.kind,
                level=op.level,
                is_head=op.is_head,
                class_grade=op.class_grade,
            )
            for op in plan.positions
            if op.existing_id is None
        ],
        batch_size=BATCH,
    )


def _apply_employees(plan: Plan) -> list[dict[str, str]]:
    today = clock.today()
    positions = _by_code(Position, [op.position_code for op in plan.employees if op.position_code])
    unit_codes = [op.unit.code for op in plan.employees if op.unit is not None and op.unit.code]
    units = _by_code(OrgUnit, unit_codes)

    def placement(op) -> tuple[int | None, int | None]:
        """(unit id, position id) the employee should show now."""
        if op.position_code:
            pos = positions[op.position_code]
            return pos.unit_id, (pos.pk if op.start_date <= today else None)
        if op.unit is not None:
            return (units[op.unit.code].pk if op.unit.code else op.unit.id), None
        return None, None

    new = []
    for op in plan.employees:
        if op.existing_id is not None:
            continue
        parsed = parse_nip(op.nip)
        unit_id, position_id = placement(op)
        new.append(
            Employee(
                nip=op.nip,
                birth_date=parsed.birth_date,
                gender=parsed.gender.value,
                unit_id=unit_id,
                position_id=position_id,
                **{k: (v or "") for k, v in op.fields.items()},
            )
        )
    Employee.objects.bulk_create(new, batch_size=BATCH)

    changed = [op for op in plan.employees if op.existing_id and op.changed]
    loaded: dict[int, Employee] = {}
    for chunk in _chunks([op.existing_id for op in changed]):
        loaded.update(Employee.objects.in_bulk(chunk))
    now = clock.now()
    for op in changed:
        emp = loaded[op.existing_id]
        for key, value in op.fields.items():
            if value not in (None, ""):
                setattr(emp, key, value)
        unit_id, position_id = placement(op)
        if op.new_assignment:
            if op.start_date <= today:
                emp.unit_id, emp.position_id = unit_id, position_id
        elif unit_id is not None and not op.position_code:
            emp.unit_id = unit_id
        emp.version += 1
        emp.updated_at = now
    Employee.objects.bulk_update(
        list(loaded.values()),
        [
            "name",
            "front_title",
            "back_title",
            "status",
            "rank",
            "email",
            "phone",
            "unit",
            "position",
            "version",
            "updated_at",
        ],
        batch_size=BATCH,
    )

    ids: dict[str, int] = {}
    for chunk in _chunks([op.nip for op in plan.employees]):
        ids.update(dict(Employee.objects.filter(nip__in=chunk).values_list("nip", "id")))

    ending = {op.end_assignment_id: op.start_date for op in plan.employees if op.end_assignment_id}
    to_end = []
    for chunk in _chunks(list(ending)):
        to_end.extend(Assignment.objects.filter(pk__in=chunk))
    for a in to_end:
        a.end_date = ending[a.pk] - dt.timedelta(days=1)
        a.updated_at = now
    Assignment.objects.bulk_update(to_end, ["end_date", "updated_at"], batch_size=BATCH)
    Assignment.objects.bulk_create(
        [
            Assignment(
                employee_id=ids[op.nip],
                position=positions[op.position_code],
                acting="definitive",
                start_date=op.start_date,
            )
            for op in plan.employees
            if op.new_assignment
        ],
        batch_size=BATCH,
    )

    credentials: list[dict[str, str]] = []
    users = []
    links = []
    for op in plan.employees:
        if not op.needs_login:
            continue
        if op.link_user_id:
            links.append(User(pk=op.link_user_id, employee_id=ids[op.nip]))
            continue
        password = initial_password()
        users.append(
            User(
                username=op.nip,
                employee_id=ids[op.nip],
                email=op.fields.get("email") or "",
                must_change_password=True,
                password=hash_initial(password),
            )
        )
        credentials.append({"nip": op.nip, "name": op.fields["name"], "password": password})
    User.objects.bulk_update(links, ["employee"], batch_size=BATCH)
    User.objects.bulk_create(users, batch_size=BATCH)
    return credentials


def _apply_overrides(plan: Plan, actor: Any) -> None:
    todo = [op for op in plan.overrides if not op.skip]
    nips = {n for op in todo for n in (op.nip, op.assessor_nip, op.superior_nip) if n}
    people: dict[str, Employee] = {}
    for chunk in _chunks(sorted(nips)):
        people.update(
            {e.nip: e for e in Employee.objects.filter(nip__in=chunk).select_related("unit")}
        )
    for op in sorted(todo, key=lambda o: (o.start_date, o.row)):
        try:
            org.set_assessor_override(
                actor=actor,
                employee=people[op.nip],
                assessor=people[op.assessor_nip],
                assessor_superior=people[op.superior_nip] if op.superior_nip else None,
                start_date=op.start_date,
                end_date=op.end_date,
                reason=op.reason,
            )
        except (ValidationError, PermissionDenied) as exc:
            raise RowFailure(RowError(OVERRIDES.title, op.row, "", _message(exc))) from exc


def apply_plan(plan: Plan, actor: Any) -> list[dict[str, str]]:
    """Write everything; returns the initial passwords of the accounts it created."""
    units = _apply_units(plan, actor)
    _apply_positions(plan, units)
    credentials = _apply_employees(plan)
    _apply_overrides(plan, actor)
    return credentials
