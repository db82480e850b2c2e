"""The assessor's reads: the team's JP, needs to confirm, plans to agree and reports to verify."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)

from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee
from kinerja.organisations.selectors import current_assessor_map

from ..domain import (
    JpProgress,
    progress,
)
from ..models import (
    DevelopmentNeed,
    DevelopmentPlan,
    ExternalActivityReport,
    NeedStatus,
    PlanItem,
    ReportStatus,
)
from ._common import _search
from .ledger import with_jp_total


def team_members(user) -> QuerySet[Employee]:
    """The subtree of the units the user heads plus override assessees (not the user)."""
    access = access_for(user)
    parts = [Q(unit__path__startswith=p) for p in access.headed_unit_paths]
    if access.override_assessee_ids:
        parts.append(Q(pk__in=sorted(access.override_assessee_ids)))
    if not parts:
        return Employee.objects.none()
    return (
        Employee.objects.filter(reduce(or_, parts), is_active=True)
        .exclude(pk=access.employee_id)
        .select_related("unit", "position")
        .order_by("name", "nip")
    )


@dataclass(frozen=True)
class JpRow:
    employee: Employee
    total: Decimal
    progress: JpProgress


def team_jp(user, year: int) -> list[JpRow]:
    """The whole team's JP with names (those the user assesses), below-target PNS first (PPPK
    never flagged). The team page pages `team.team(...)` instead."""
    from ..team import team

    return [JpRow(e, e.jp_total, progress(e.status, e.jp_total)) for e in team(user, year)]


def jp_rows(employees) -> list[JpRow]:
    """Rows of a page of employees annotated with `jp_total`."""
    return [JpRow(e, e.jp_total, progress(e.status, e.jp_total)) for e in employees]


@dataclass(frozen=True)
class TeamSummary:
    members: int
    below_target: int


def team_summary(user, year: int) -> TeamSummary:
    """How many the user assesses and how many PNS among them are below 20 JP (one query)."""
    from ..team import below_target_q, members

    totals = with_jp_total(members(user), year).aggregate(
        n=Count("pk"), below=Count("pk", filter=below_target_q())
    )
    return TeamSummary(members=totals["n"] or 0, below_target=totals["below"] or 0)


def _mine_to_decide(user, employee_ids: list[int]) -> set[int]:
    """Of these employees, those whose assessor is the user, or who are in the user's admin scope."""
    access = access_for(user)
    assessors = current_assessor_map(employee_ids)
    mine = {e for e, a in assessors.items() if a is not None and a == access.employee_id}
    if access.manages_all:
        mine |= set(employee_ids)
    elif access.admin_unit_paths:
        mine |= set(
            Employee.objects.filter(
                reduce(or_, (Q(unit__path__startswith=p) for p in access.admin_unit_paths)),
                pk__in=employee_ids,
            ).values_list("pk", flat=True)
        )
    mine.discard(access.employee_id)
    return mine


def reports_to_verify(user) -> list[ExternalActivityReport]:
    """Submitted reports the user may decide (own reports excluded)."""
    reports = list(
        ExternalActivityReport.objects.visible_to(user)
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("employee", "employee__unit")
        .order_by("created_at")
    )
    if not reports:
        return []
    allowed = _mine_to_decide(user, sorted({r.employee_id for r in reports}))
    return [r for r in reports if r.employee_id in allowed]


def needs_to_confirm(user, year: int, *, query: str = "") -> QuerySet[DevelopmentNeed]:
    """Proposed needs of the employees the user assesses (or administers), by employee name;
    filtered by the employee's name or NIP. Paged by the caller."""
    from ..team import decidable

    qs = (
        DevelopmentNeed.objects.visible_to(user)
        .filter(decidable(user), year=year, status=NeedStatus.PROPOSED)
        .select_related("employee", "competency")
        .order_by("employee__name", "id")
    )
    return _search(qs, query, "employee__")


def team_plans(user, year: int, *, query: str = "") -> QuerySet[DevelopmentPlan]:
    """The year's development plans of the employees the user assesses (or administers), with
    their items, for the assessor to review and agree. Paged by the caller."""
    from ..team import decidable

    qs = (
        DevelopmentPlan.objects.visible_to(user)
        .filter(decidable(user), year=year)
        .select_related("employee")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=PlanItem.objects.select_related("activity", "event", "need").order_by(
                    "quarter", "id"
                ),
            )
        )
        .order_by("employee__name", "id")
    )
    return _search(qs, query, "employee__")
