"""The names behind the figures (the drill-down): the employees of a scope the user may see, each
with their SKP status, the period's predicate and JP."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kinerja.development.domain.duty import is_below_target
from kinerja.evaluation.domain import Predicate
from kinerja.evaluation.models import Evaluation, Period
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.domain.orgplan import MONITORING_LABELS, MonitoringStatus, monitoring_status
from kinerja.planning.models import Skp

from .expressions import _jp_total_subquery
from .selection import _scope_employees


@dataclass
class PersonRow:
    employee: Employee
    skp_status: MonitoringStatus
    predicate: Predicate | None
    jp: Decimal
    below_jp: bool

    @property
    def skp_label(self) -> str:
        return MONITORING_LABELS[self.skp_status]


def people(*, employees: QuerySet[Employee], year: int, period: Period | None) -> list[PersonRow]:
    """Names for the drill-down: the given (already scoped, already paged) employees with their
    SKP status, the period's predicate and JP (one query: a page's worth of index look-ups)."""
    status = (
        Skp.objects.open()
        .filter(year=year, employee=OuterRef("pk"))
        .order_by("-pk")
        .values("status")
    )
    annotations = {
        "jp": Coalesce(_jp_total_subquery(year), Value(Decimal(0))),
        "open_skp_status": Subquery(status[:1]),
    }
    if period is not None:
        predicate = (
            Evaluation.objects.filter(period=period, skp__employee=OuterRef("pk"))
            .order_by("-pk")
            .values("predicate")
        )
        annotations["period_predicate"] = Subquery(predicate[:1])
    rows = employees.select_related("unit", "position").annotate(**annotations)
    result = []
    for employee in rows:
        jp = Decimal(employee.jp or 0)
        predicate = getattr(employee, "period_predicate", None)
        result.append(
            PersonRow(
                employee=employee,
                skp_status=monitoring_status(employee.open_skp_status),
                predicate=Predicate(predicate) if predicate else None,
                jp=jp,
                below_jp=is_below_target(employee.status, jp),
            )
        )
    return result


def people_in_scope(user, scope: OrgUnit) -> QuerySet[Employee]:
    """Employees of the scope the user may see by name (organisations' row-level access)."""
    return (
        Employee.objects.visible_to(user)
        .filter(_scope_employees(scope))
        .order_by("unit__path", "name", "pk")
    )
