"""Pengembangan Saya: everything one employee sees about their own development in a year."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.organisations.models import Employee

from ..domain import (
    JpProgress,
    progress,
)
from ..models import (
    DevelopmentNeed,
    DevelopmentPlan,
    ExternalActivityReport,
    JpEntry,
    PlanItem,
    Registration,
    RegistrationStatus,
    TrainingEvent,
)
from .events import open_events
from .ledger import ZERO, jp_ledger


@dataclass
class MyDevelopment:
    """Everything on "Pengembangan Saya" for one year."""

    employee: Employee
    year: int
    total: Decimal
    progress: JpProgress
    ledger: list[JpEntry]
    needs: list[DevelopmentNeed]
    plan: DevelopmentPlan | None
    plan_items: list[PlanItem]
    registrations: list[Registration]
    reports: list[ExternalActivityReport]
    open_events: list[TrainingEvent]
    registered_event_ids: set[int] = field(default_factory=set)
    invited_event_ids: set[int] = field(default_factory=set)


def my_development(*, employee: Employee, year: int) -> MyDevelopment:
    ledger = list(jp_ledger(employee=employee, year=year))
    total = sum((e.jp for e in ledger), ZERO)
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    items = (
        list(plan.items.select_related("need", "activity", "event").order_by("quarter", "id"))
        if plan
        else []
    )
    registrations = list(
        Registration.objects.filter(employee=employee)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__activity")
        .order_by("-event__start_date")
    )
    return MyDevelopment(
        employee=employee,
        year=year,
        total=total,
        progress=progress(employee.status, total),
        ledger=ledger,
        needs=list(
            DevelopmentNeed.objects.filter(employee=employee, year=year)
            .select_related("competency")
            .order_by("status", "id")
        ),
        plan=plan,
        plan_items=items,
        registrations=registrations,
        reports=list(
            ExternalActivityReport.objects.filter(employee=employee).select_related("verified_by")
        ),
        open_events=list(open_events()),
        registered_event_ids={
            r.event_id for r in registrations if r.status != RegistrationStatus.INVITED
        },
        invited_event_ids={
            r.event_id for r in registrations if r.status == RegistrationStatus.INVITED
        },
    )
