"""SQL expressions the dashboard's reads share: an indicator's achievement, an employee's JP."""

from __future__ import annotations

from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Least

from kinerja.development.models import JpEntry


def _achievement_expr() -> Case:
    """`evaluation.domain.achievement_pct` for a point or range target, in SQL (capped at 200)."""
    value = Cast("value", FloatField())
    low = Cast("indicator__target_min", FloatField())
    high = Cast(Coalesce("indicator__target_max", "indicator__target_min"), FloatField())
    return Case(
        When(Q(value__gte=F("indicator__target_min")) & Q(value__lte=high), then=Value(100.0)),
        When(
            Q(value__gt=high) & Q(indicator__target_min__gt=0),
            then=Least(value * Value(100.0) / high, Value(200.0)),
        ),
        When(Q(value__gt=high), then=Value(200.0)),
        default=value * Value(100.0) / low,
        output_field=FloatField(),
    )


def _jp_total_subquery(year: int) -> Subquery:
    totals = (
        JpEntry.objects.filter(employee=OuterRef("pk"), year=year)
        .order_by()
        .values("employee")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    return Subquery(totals)
