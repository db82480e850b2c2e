"""Use cases that change the organisation. Each checks permission, writes, and audits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot
from kinerja.core import clock

from .access import access_for
from .domain.nip import NipError, parse_nip
from .domain.positions import FunctionalLevel, PositionKind, level_is_valid
from .domain.supervision import ActingKind, SupervisionCycleError, find_cycle
from .models import (
    AGENCY_KINDS,
    PATH_SEGMENT,
    Assignment,
    Employee,
    OrgUnit,
    Position,
    Role,
    RoleGrant,
    SupervisionOverride,
)
from .selectors import current_assessor_map

EMPLOYEE_FIELDS = [
    "nip",
    "name",
    "front_title",
    "back_title",
    "gender",
    "birth_date",
    "status",
    "rank",
    "email",
    "phone",
    "skp_exemption",
    "is_active",
    "unit_id",
    "position_id",
]


def _require_manage(actor: Any, unit: OrgUnit | None) -> None:
    if actor is None:  # system jobs (imports from the command line, demo data)
        return
    access = access_for(actor)
    allowed = access.manages_all if unit is None else access.manages_unit_path(unit.path)
    if not allowed:
        raise PermissionDenied("Anda tidak berwenang mengubah data unit ini.")


def _segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT - 1}d}/"


@transaction.atomic
def create_unit(
    *,
    actor: Any,
    name: str,
    kind: str,
    parent: OrgUnit | None,
    code: str | None = None,
    short_name: str = "",
) -> OrgUnit:
    """Add a unit under `parent`; a perangkat daerah is its own agency, others inherit it."""
    _require_manage(actor, parent)
    unit = OrgUnit.objects.create(
        name=name,
        kind=kind,
        parent=parent,
        code=code or None,
        short_name=short_name,
        depth=(parent.depth + 1) if parent else 0,
    )
    unit.path = (parent.path if parent else "") + _segment(unit.pk)
    if kind in AGENCY_KINDS:
        unit.agency = unit
    else:
        unit.agency_id = parent.agency_id if parent else None
    unit.save(update_fields=["path", "agency"])
    record(
        actor=actor, action="unit.create", obj=unit, after=snapshot(unit), agency_id=unit.agency_id
    )
    return unit


@transaction.atomic
def move_unit(*, actor: Any, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Re-parent a unit and rewrite the paths of its subtree."""
    _require_manage(actor, unit)
    _require_manage(actor, new_parent)
    if new_parent.path.startswith(unit.path):
        raise ValidationError("Unit tidak dapat dipindahkan ke bawah dirinya sendiri.")
    before = snapshot(unit, ["parent_id", "path"])
    old_prefix, new_prefix = unit.path, new_parent.path + _segment(unit.pk)
    depth_shift = new_parent.depth + 1 - unit.depth
    subtree = list(OrgUnit.objects.filter(path__startswith=old_prefix))
    for node in subtree:
        node.path = new_prefix + node.path[len(old_prefix) :]
        node.depth += depth_shift
        if node.pk == unit.pk:
            node.parent = new_parent
    OrgUnit.objects.bulk_update(subtree, ["path", "depth", "parent"])
    unit.refresh_from_db()
    record(
        actor=actor,
        action="unit.move",
        obj=unit,
        before=before,
        after=snapshot(unit, ["parent_id", "path"]),
    )
    return unit


@transaction.atomic
def create_position(
    *,
    actor: Any,
    unit: OrgUnit,
    name: str,
    kind: str,
    level: str = "",
    is_head: bool = False,
    class_grade: int | None = None,
    code: str | None = None,
) -> Position:
    """Add a jabatan to a unit, checking that the level fits the type."""
    _require_manage(actor, unit)
    kind_enum = PositionKind(kind)
    level_enum = FunctionalLevel(level) if level else None
    if not level_is_valid(kind_enum, level_enum):
        raise ValidationError({"level": "Jenjang tidak sesuai dengan jenis jabatan."})
    if is_head and Position.objects.filter(unit=unit, is_head=True, is_active=True).exists():
        raise ValidationError({"is_head": f"Unit {unit} sudah memiliki jabatan kepala."})
    position = Position.objects.create(
        unit=unit,
        name=name,
        kind=kind,
        level=level,
        is_head=is_head,
        class_grade=class_grade,
        code=code or None,
    )
    record(
        actor=actor,
        action="position.create",
        obj=position,
        after=snapshot(position),
        agency_id=unit.agency_id,
    )
    return position


def validate_nip(nip: str) -> str:
    try:
        return parse_nip(nip).value
    except NipError as exc:
        raise ValidationError({"nip": str(exc)}) from exc


@transaction.atomic
def create_employee(*, actor: Any, unit: OrgUnit | None = None, **fields: Any) -> Employee:
    """Register a pegawai; birth date and gender are taken from the NIP when not given."""
    _require_manage(actor, unit)
    parsed = parse_nip(validate_nip(fields["nip"]))
    if Employee.objects.filter(nip=parsed.value).exists():
        raise ValidationError({"nip": f"NIP {parsed.value} sudah terdaftar."})
    fields["nip"] = parsed.value
    fields.setdefault("birth_date", parsed.birth_date)
    fields.setdefault("gender", parsed.gender.value)
    employee = Employee(unit=unit, **fields)
    employee.full_clean(exclude=["unit", "position"])
    employee.save()
    record(
        actor=actor,
        action="employee.create",
        obj=employee,
        after=snapshot(employee, EMPLOYEE_FIELDS),
        agency_id=unit.agency_id if unit else None,
    )
    return employee


@transaction.atomic
def update_employee(
    *, actor: Any, employee: Employee, expected_version: int, **changes: Any
) -> Employee:
    """Change an employee's data; refuses a stale form (optimistic lock) and audits the diff."""
    from kinerja.core.concurrency import save_if_current

    _require_manage(actor, employee.unit)
    before = snapshot(employee, EMPLOYEE_FIELDS)
    for name, value in changes.items():
        setattr(employee, name, value)
    employee.full_clean(exclude=["unit", "position"])
    save_if_current(employee, expected_version=expected_version, fields=list(changes))
    record(
        actor=actor,
        action="employee.update",
        obj=employee,
        before=before,
        after=snapshot(employee, EMPLOYEE_FIELDS),
        agency_id=employee.unit.agency_id if employee.unit else None,
    )
    return employee


@transaction.atomic
def assign_position(
    *,
    actor: Any,
    employee: Employee,
    position: Position,
    start_date: dt.date,
    acting: str = ActingKind.DEFINITIVE.value,
    end_date: dt.date | None = None,
    decree_number: str = "",
) -> Assignment:
    """Put an employee in a position. A definitive move ends the previous definitive assignment
    the day before and updates the employee's current unit and position; Plt/Plh add to it."""
    _require_manage(actor, position.unit)
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if acting == ActingKind.DEFINITIVE.value:
        previous = Assignment.objects.filter(
            employee=employee, acting=ActingKind.DEFINITIVE.value, end_date__isnull=True
        ).exclude(position=position)
        for old in previous:
            if old.start_date >= start_date:
                raise ValidationError(
                    {"start_date": "Tanggal mulai harus setelah jabatan sebelumnya dimulai."}
                )
            old.end_date = start_date - dt.timedelta(days=1)
            old.save(update_fields=["end_date", "updated_at"])
        if position.is_head:
            occupied = (
                Assignment.objects.on(start_date)
                .filter(position=position, acting=ActingKind.DEFINITIVE.value)
                .exclude(employee=employee)
            )
            if occupied.exists():
                raise ValidationError(
                    {"position": f"Jabatan {position} masih dijabat pegawai lain secara definitif."}
                )
    assignment = Assignment.objects.create(
        employee=employee,
        position=position,
        acting=acting,
        start_date=start_date,
        end_date=end_date,
        decree_number=decree_number,
    )
    if acting == ActingKind.DEFINITIVE.value and start_date <= clock.today():
        before = snapshot(employee, ["unit_id", "position_id"])
        employee.unit = position.unit
        employee.position = position
        employee.save(update_fields=["unit", "position", "updated_at"])
        record(
            actor=actor,
            action="employee.move",
            obj=employee,
            before=before,
            after=snapshot(employee, ["unit_id", "position_id"]),
            agency_id=position.unit.agency_id,
        )
    record(
        actor=actor,
        action="assignment.create",
        obj=assignment,
        after=snapshot(assignment),
        agency_id=position.unit.agency_id,
    )
    return assignment


@transaction.atomic
def end_assignment(*, actor: Any, assignment: Assignment, end_date: dt.date) -> Assignment:
    _require_manage(actor, assignment.position.unit)
    if end_date < assignment.start_date:
        raise ValidationError({"end_date": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    before = snapshot(assignment)
    assignment.end_date = end_date
    assignment.save(update_fields=["end_date", "updated_at"])
    record(
        actor=actor,
        action="assignment.end",
        obj=assignment,
        before=before,
        after=snapshot(assignment),
    )
    return assignment


def _would_cycle(subject: Employee, assessor: Employee, on_date: dt.date) -> list[int] | None:
    cache: dict[int, int | None] = {subject.pk: assessor.pk}

    def assessor_of(emp_id: int) -> int | None:
        if emp_id not in cache:
            cache.update(current_assessor_map([emp_id], on_date))
        return cache.get(emp_id)

    cycle = find_cycle(subject.pk, assessor_of)
    if cycle and len(cycle) > 1 and cycle[0] == cycle[-1]:
        return cycle
    return None


@transaction.atomic
def set_assessor_override(
    *,
    actor: Any,
    employee: Employee,
    assessor: Employee,
    start_date: dt.date,
    reason: str,
    assessor_superior: Employee | None = None,
    end_date: dt.date | None = None,
) -> SupervisionOverride:
    """Correct an employee's pejabat penilai from a date; the previous override ends the day before.

    Refuses a correction that would make someone assess themselves, directly or in a loop.
    """
    _require_manage(actor, employee.unit)
    if not reason.strip():
        raise ValidationError({"reason": "Alasan koreksi wajib diisi."})
    if assessor.pk == employee.pk:
        raise ValidationError({"assessor": "Pegawai tidak dapat menilai dirinya sendiri."})
    cycle = _would_cycle(employee, assessor, start_date)
    if cycle:
        names = dict(Employee.objects.filter(pk__in=cycle).values_list("pk", "name"))
        chain = " → ".join(names.get(pk, str(pk)) for pk in cycle)
        raise ValidationError({"assessor": f"Penetapan ini membuat siklus penilai: {chain}."})
    open_ones = SupervisionOverride.objects.filter(employee=employee).filter(
        end_date__isnull=True, start_date__lt=start_date
    )
    for old in open_ones:
        old.end_date = start_date - dt.timedelta(days=1)
        old.save(update_fields=["end_date", "updated_at"])
    override = SupervisionOverride.objects.create(
        employee=employee,
        assessor=assessor,
        assessor_superior=assessor_superior,
        start_date=start_date,
        end_date=end_date,
        reason=reason.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="supervision.override",
        obj=override,
        after=snapshot(override),
        reason=reason,
        agency_id=employee.unit.agency_id if employee.unit else None,
    )
    return override


@transaction.atomic
def end_assessor_override(
    *, actor: Any, override: SupervisionOverride, end_date: dt.date, reason: str
) -> None:
    """Stop an override so the line is derived from the tree again."""
    _require_manage(actor, override.employee.unit)
    before = snapshot(override)
    override.end_date = max(end_date, override.start_date)
    override.save(update_fields=["end_date", "updated_at"])
    record(
        actor=actor,
        action="supervision.override_end",
        obj=override,
        before=before,
        after=snapshot(override),
        reason=reason,
    )


@transaction.atomic
def grant_role(
    *, actor: Any, employee: Employee, role: str, unit: OrgUnit | None = None
) -> RoleGrant:
    """Give a role; only BKPSDM admins and superusers hand out roles."""
    if actor is not None and not access_for(actor).manages_all:
        raise PermissionDenied("Hanya admin BKPSDM yang dapat memberikan peran.")
    if role == Role.OPD_ADMIN and unit is None:
        raise ValidationError(
            {"unit": "Pengelola kinerja harus ditetapkan pada satu perangkat daerah."}
        )
    grant, created = RoleGrant.objects.get_or_create(
        employee=employee,
        role=role,
        unit=unit if role == Role.OPD_ADMIN else None,
        defaults={"is_active": True},
    )
    if not created and not grant.is_active:
        grant.is_active = True
        grant.save(update_fields=["is_active", "updated_at"])
    record(actor=actor, action="role.grant", obj=grant, after=snapshot(grant))
    return grant


@transaction.atomic
def revoke_role(*, actor: Any, grant: RoleGrant) -> None:
    if actor is not None and not access_for(actor).manages_all:
        raise PermissionDenied("Hanya admin BKPSDM yang dapat mencabut peran.")
    before = snapshot(grant)
    grant.is_active = False
    grant.save(update_fields=["is_active", "updated_at"])
    record(actor=actor, action="role.revoke", obj=grant, before=before, after=snapshot(grant))


__all__ = [
    "SupervisionCycleError",
    "assign_position",
    "create_employee",
    "create_position",
    "create_unit",
    "end_assessor_override",
    "end_assignment",
    "grant_role",
    "move_unit",
    "revoke_role",
    "set_assessor_override",
    "update_employee",
]
