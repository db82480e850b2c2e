"""Assignments: who holds which position from when, definitively or as Plt/Plh."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot
from kinerja.core import clock

from ..domain.supervision import ActingKind
from ..models import Assignment, Employee, Position
from ._common import _require_manage


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
