"""Individual development plans: lines drafted by the employee or the assessor, the proposed
improvement plan adopted, and both parties' agreement."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot
from kinerja.core import clock
from kinerja.organisations.models import Employee

from .. import permissions
from ..models import (
    Activity,
    DevelopmentNeed,
    DevelopmentPlan,
    PlanItem,
    PlanStatus,
    TrainingEvent,
)
from ._common import ConflictError, _agency_id, _deny


def _plan_party(actor: Any, employee: Employee) -> str:
    if getattr(actor, "employee_id", None) == employee.pk:
        return "employee"
    if permissions.can_manage_needs(actor, employee):
        return "assessor"
    _deny()
    return ""


@transaction.atomic
def add_plan_item(
    *,
    actor: Any,
    employee: Employee,
    year: int,
    quarter: int,
    need: DevelopmentNeed | None = None,
    activity: Activity | None = None,
    event: TrainingEvent | None = None,
) -> PlanItem:
    """Add a line to the (draft) plan; the employee or the assessor may draft it."""
    _plan_party(actor, employee)
    if activity is None and event is None:
        raise ValidationError("Pilih kegiatan atau pelatihan.")
    if need is not None and need.employee_id != employee.pk:
        raise ValidationError("Kebutuhan ini milik pegawai lain.")
    plan, _ = DevelopmentPlan.objects.get_or_create(employee=employee, year=year)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.AGREED:
        raise ConflictError("Rencana yang sudah disepakati tidak dapat diubah.")
    item = PlanItem(plan=plan, need=need, activity=activity, event=event, quarter=quarter)
    item.full_clean()
    item.save()
    # A change after one side agreed asks both to agree again.
    plan.agreed_by_employee_at = plan.agreed_by_assessor_at = None
    plan.save()
    record(
        actor=actor,
        action="development.plan.item_add",
        obj=item,
        after=snapshot(item, ["plan_id", "need_id", "activity_id", "event_id", "quarter"]),
        agency_id=_agency_id(employee),
    )
    return item


@transaction.atomic
def adopt_improvement_plan(*, actor: Any, employee: Employee, year: int) -> list[PlanItem]:
    """Put the proposed improvement plan (Butuh Perbaikan or below) into the draft plan.

    One line per open performance need not yet planned, with the recommended coaching or
    guidance activity; the plan still needs both parties' agreement afterwards.
    """
    from ..selectors import improvement_plan_proposal

    _plan_party(actor, employee)
    needs = list(
        DevelopmentNeed.objects.filter(employee=employee, year=year).select_related("competency")
    )
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    items = list(plan.items.all()) if plan else []
    proposal = improvement_plan_proposal(needs, items, year=year)
    if proposal is None:
        raise ValidationError("Tidak ada rencana perbaikan kinerja yang diusulkan tahun ini.")
    usable = [p for p in proposal if p.activity is not None]
    if not usable:
        raise ValidationError(
            "Katalog belum memuat kegiatan coaching, mentoring, atau bimbingan di tempat kerja."
        )
    return [
        add_plan_item(
            actor=actor,
            employee=employee,
            year=year,
            quarter=p.quarter,
            need=p.need,
            activity=p.activity,
        )
        for p in usable
    ]


@transaction.atomic
def agree_plan(*, actor: Any, plan: DevelopmentPlan) -> DevelopmentPlan:
    """Employee and assessor each agree; once both have, the plan is agreed."""
    party = _plan_party(actor, plan.employee)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.AGREED:
        raise ConflictError("Rencana ini sudah disepakati.")
    if not plan.items.exists():
        raise ValidationError("Rencana belum berisi kegiatan.")
    before = snapshot(plan, ["status", "agreed_by_employee_at", "agreed_by_assessor_at"])
    now = clock.now()
    if party == "employee":
        plan.agreed_by_employee_at = now
    else:
        plan.agreed_by_assessor_at = now
        plan.assessor_id = getattr(actor, "employee_id", None)
    if plan.agreed_by_employee_at and plan.agreed_by_assessor_at:
        plan.status = PlanStatus.AGREED
    plan.save()
    record(
        actor=actor,
        action="development.plan.agree",
        obj=plan,
        before=before,
        after=snapshot(plan, ["status", "agreed_by_employee_at", "agreed_by_assessor_at"]),
        agency_id=_agency_id(plan.employee),
    )
    return plan
