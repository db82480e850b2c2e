"""JP ledger reads: one employee's total and lines, totals annotated on employees, the export."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    DecimalField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from kinerja.organisations.models import Employee

from ..domain import (
    JpProgress,
    progress,
)
from ..models import (
    JpEntry,
)

ZERO = Decimal("0.00")
_JP_FIELD = DecimalField(max_digits=8, decimal_places=2)


def jp_total(*, employee: Employee, year: int) -> Decimal:
    """The employee's JP for the year (sum of the ledger)."""
    total = JpEntry.objects.filter(employee=employee, year=year).aggregate(t=Sum("jp"))["t"]
    return Decimal(total or ZERO)


def jp_ledger(*, employee: Employee, year: int) -> QuerySet[JpEntry]:
    return JpEntry.objects.filter(employee=employee, year=year).select_related(
        "registration__event", "report"
    )


def with_jp_total(qs: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    """Annotate `jp_total` on employees with one correlated subquery."""
    totals = (
        JpEntry.objects.filter(employee=OuterRef("pk"), year=year)
        .order_by()
        .values("employee")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    return qs.annotate(
        jp_total=Coalesce(
            Subquery(totals, output_field=_JP_FIELD), Value(ZERO), output_field=_JP_FIELD
        )
    )


def employee_progress(employee: Employee, total: Decimal) -> JpProgress:
    return progress(employee.status, total)


def jp_export_rows(user, year: int) -> QuerySet[Employee]:
    """Visible employees with their JP total for the year (for the Excel export)."""
    return (
        with_jp_total(Employee.objects.visible_to(user).filter(is_active=True), year)
        .select_related("unit", "unit__agency", "position")
        .order_by("unit__path", "name")
    )
