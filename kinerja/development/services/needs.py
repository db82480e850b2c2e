"""Development needs: competency gaps, needs derived from competency and performance gaps, and
needs the assessor adds, confirms or closes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot
from kinerja.core import clock
from kinerja.organisations.models import Employee

from .. import permissions
from ..domain import (
    CompetencyGap,
    derive_needs,
)
from ..models import (
    MANUAL_SOURCE,
    Competency,
    DevelopmentNeed,
    EmployeeCompetency,
    NeedStatus,
    PositionCompetency,
)
from ..performance import PerformanceSignalsProvider, configured_provider
from ._common import _agency_id, _deny


def competency_gaps(employee: Employee, year: int) -> tuple[list[CompetencyGap], dict[str, int]]:
    """Standards of the employee's position against their latest assessed levels up to `year`."""
    if employee.position_id is None:
        return [], {}
    standards = list(
        PositionCompetency.objects.filter(position_id=employee.position_id).select_related(
            "competency"
        )
    )
    assessed: dict[int, int] = {}
    for row in EmployeeCompetency.objects.filter(
        employee=employee, year__lte=year, competency_id__in=[s.competency_id for s in standards]
    ).order_by("year"):
        assessed[row.competency_id] = row.level
    gaps = [
        CompetencyGap(
            code=s.competency.code,
            name=s.competency.name,
            required_level=s.required_level,
            assessed_level=assessed.get(s.competency_id),
        )
        for s in standards
    ]
    return gaps, {s.competency.code: s.competency_id for s in standards}


@transaction.atomic
def derive_needs_for(
    *,
    actor: Any,
    employee: Employee,
    year: int,
    provider: PerformanceSignalsProvider | None = None,
) -> list[DevelopmentNeed]:
    """Store the year's needs from competency and performance gaps (idempotent: kept once)."""
    own = getattr(actor, "employee_id", None) == employee.pk
    if actor is not None and not (own or permissions.can_manage_needs(actor, employee)):
        _deny()
    signals = (provider or configured_provider())(employee_id=employee.pk, year=year)
    gaps, competency_ids = competency_gaps(employee, year)
    derived = derive_needs(
        competency_gaps=gaps,
        predicate=signals.predicate,
        behaviour_ratings=signals.behaviour_ratings,
        rhk_achievements=signals.rhk_achievements,
    )
    codes = {n.competency_code for n in derived if n.competency_code} - set(competency_ids)
    if codes:
        competency_ids.update(
            dict(Competency.objects.filter(code__in=codes).values_list("code", "id"))
        )
    stored: list[DevelopmentNeed] = []
    for need in derived:
        key = f"{need.source}:{need.competency_code or ''}:{need.behaviour or ''}:{need.rhk_reference or ''}"
        row, created = DevelopmentNeed.objects.get_or_create(
            employee=employee,
            year=year,
            key=key[:200],
            defaults={
                "source": need.source.value,
                "competency_id": competency_ids.get(need.competency_code or ""),
                "behaviour": need.behaviour or "",
                "rhk_reference": need.rhk_reference or "",
                "reason": need.reason,
            },
        )
        if created:
            record(
                actor=actor,
                action="development.need.derive",
                obj=row,
                after=snapshot(row, ["year", "source", "competency_id", "reason"]),
                agency_id=_agency_id(employee),
            )
        stored.append(row)
    return stored


@transaction.atomic
def add_need(
    *, actor: Any, employee: Employee, year: int, reason: str, competency: Competency | None = None
) -> DevelopmentNeed:
    """The assessor adds a need of their own judgement (confirmed at once)."""
    if not permissions.can_manage_needs(actor, employee):
        _deny("Hanya pejabat penilai yang dapat menambah kebutuhan pengembangan.")
    if not reason.strip():
        raise ValidationError({"reason": "Alasan wajib diisi."})
    need = DevelopmentNeed.objects.create(
        employee=employee,
        year=year,
        source=MANUAL_SOURCE,
        key=f"{MANUAL_SOURCE}:{competency.code if competency else ''}",
        competency=competency,
        reason=reason,
        status=NeedStatus.CONFIRMED,
        confirmed_by=actor,
        confirmed_at=clock.now(),
    )
    record(
        actor=actor,
        action="development.need.add",
        obj=need,
        after=snapshot(need, ["year", "competency_id", "reason"]),
        agency_id=_agency_id(employee),
    )
    return need


@transaction.atomic
def set_need_status(*, actor: Any, need: DevelopmentNeed, status: str) -> DevelopmentNeed:
    """The assessor confirms a proposed need, or closes one that is met."""
    if not permissions.can_manage_needs(actor, need.employee):
        _deny("Hanya pejabat penilai yang dapat mengonfirmasi kebutuhan pengembangan.")
    before = snapshot(need, ["status"])
    need.status = NeedStatus(status)
    if need.status == NeedStatus.CONFIRMED:
        need.confirmed_by = actor
        need.confirmed_at = clock.now()
    need.save()
    record(
        actor=actor,
        action="development.need.status",
        obj=need,
        before=before,
        after=snapshot(need, ["status"]),
        agency_id=_agency_id(need.employee),
    )
    return need


def confirm_need(*, actor: Any, need: DevelopmentNeed) -> DevelopmentNeed:
    return set_need_status(actor=actor, need=need, status=NeedStatus.CONFIRMED)
