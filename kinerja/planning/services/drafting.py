"""Opening an SKP: the position, unit and assessor line copied as they are on the day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.organisations.models import Assignment, Employee
from kinerja.organisations.selectors import assessor_line

from .. import permissions
from ..domain.forms import Approach, form_type_for
from ..models import Skp
from ._common import _agency_id, _touch


def _assessor_post(employee: Employee, assessor: Employee, on_date: dt.date) -> int | None:
    """The head position (on the employee's chain) through which `assessor` assesses."""
    if employee.unit is None:
        return None
    chain = employee.unit.ancestor_ids()
    held = {
        a.position.unit_id: a.position_id
        for a in Assignment.objects.on(on_date)
        .filter(employee=assessor, position__is_head=True, position__unit_id__in=chain)
        .select_related("position")
    }
    for unit_id in reversed(chain):
        if unit_id in held:
            return held[unit_id]
    return None


@transaction.atomic
def create_skp(
    *,
    actor: Any,
    employee: Employee,
    year: int,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    approach: str = Approach.QUANTITATIVE,
) -> Skp:
    """Open an SKP for the employee's current position, copying the position, unit and assessor
    line as they are today. An open SKP of the same year is closed first (position change)."""
    if actor is not None and not permissions.can_create_skp_for(actor, employee):
        raise PermissionDenied("Anda tidak berwenang membuat SKP untuk pegawai ini.")
    period_start = period_start or dt.date(year, 1, 1)
    period_end = period_end or dt.date(year, 12, 31)
    if period_start.year != year or period_end.year != year or period_end < period_start:
        raise ValidationError({"period_start": "Periode SKP harus berada di dalam tahun SKP."})
    employee = Employee.objects.select_related("unit", "unit__agency", "position").get(
        pk=employee.pk
    )
    previous = Skp.objects.select_for_update().open().filter(employee=employee, year=year).first()
    if previous is not None:
        if previous.period_start >= period_start:
            raise ValidationError(
                {
                    "period_start": "Sudah ada SKP terbuka untuk tahun ini yang dimulai pada atau "
                    "setelah tanggal tersebut."
                }
            )
        previous.is_closed = True
        previous.period_end = period_start - dt.timedelta(days=1)
        _touch(previous, None, ["is_closed", "period_end"])
        record(
            actor=actor,
            action="planning.skp_closed",
            obj=previous,
            agency_id=_agency_id(previous),
            reason="Pegawai berpindah jabatan; SKP baru dibuka.",
        )
    line = assessor_line(employee, min(clock.today(), period_end))
    assessor, superior = line.assessor, line.superior
    position, unit = employee.position, employee.unit
    skp = Skp.objects.create(
        employee=employee,
        year=year,
        period_start=period_start,
        period_end=period_end,
        approach=Approach(approach).value,
        form_type=form_type_for(position.kind if position else None).value,
        position=position,
        position_name=position.name if position else "",
        position_kind=position.kind if position else "",
        unit=unit,
        unit_name=unit.name if unit else "",
        agency_name=(unit.agency.name if unit and unit.agency else (unit.name if unit else "")),
        employee_name=employee.full_name,
        employee_rank=employee.rank,
        assessor=assessor,
        assessor_post_id=_assessor_post(employee, assessor, line.on_date) if assessor else None,
        assessor_name=assessor.full_name if assessor else "",
        assessor_nip=assessor.nip if assessor else "",
        assessor_rank=assessor.rank if assessor else "",
        assessor_position=(
            (
                (
                    "Plt. "
                    if line.assessor_acting == "plt"
                    else "Plh. "
                    if line.assessor_acting == "plh"
                    else ""
                )
                + (assessor.position.name if assessor.position else "")
            )
            if assessor
            else ""
        ),
        assessor_unit=assessor.unit.name if assessor and assessor.unit else "",
        superior=superior,
        superior_name=superior.full_name if superior else "",
        superior_nip=superior.nip if superior else "",
        superior_position=superior.position.name if superior and superior.position else "",
    )
    record(
        actor=actor,
        action="planning.skp_created",
        obj=skp,
        agency_id=_agency_id(skp),
        after={"year": year, "assessor_id": skp.assessor_id, "form_type": skp.form_type},
    )
    return skp
