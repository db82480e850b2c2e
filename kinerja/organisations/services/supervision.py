"""Admin corrections of the assessor line (`SupervisionOverride`): dated, ended, never deleted,
and refused when they would make someone assess themselves, directly or in a loop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot

from ..domain.supervision import find_cycle
from ..models import Employee, SupervisionOverride
from ..selectors import current_assessor_map
from ._common import _require_manage


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
