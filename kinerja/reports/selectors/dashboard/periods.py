"""The year's periods and the one the dashboard shows by default."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from kinerja.evaluation.models import Evaluation, Period, PeriodKind


def default_period(year: int, periods: list[Period]) -> Period | None:
    """The annual period when it has evaluations, else the latest periodic one that has."""
    # One index probe per period (a semi-join), not a scan of the year's evaluations.
    evaluated = set(
        Period.objects.filter(year=year)
        .filter(Exists(Evaluation.objects.filter(period=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    for period in sorted(periods, key=lambda p: (p.kind != PeriodKind.ANNUAL, -p.number)):
        if period.pk in evaluated:
            return period
    periodic = [p for p in periods if not p.is_annual]
    return periodic[0] if periodic else (periods[0] if periods else None)


def year_periods(year: int, period: Period | None) -> tuple[list[Period], Period | None]:
    """The year's periods in calendar order, and the period shown (the default when None)."""
    periods = list(Period.objects.filter(year=year).order_by("kind", "number"))
    periods.sort(key=lambda p: (p.is_annual, p.start, p.number))
    if period is None:
        period = default_period(year, periods)
    return periods, period
