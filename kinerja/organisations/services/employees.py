"""Employees (pegawai): registration, with the NIP checked and read, and changes to their data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot

from ..domain.nip import NipError, parse_nip
from ..models import Employee, OrgUnit
from ._common import _require_manage

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
