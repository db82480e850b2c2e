"""The public transparency figures: per agency and for the regency, no personal data, small groups
suppressed, cached.

The same dictionary feeds the public page and the anonymous API, so both suppress alike. It is
computed from the dashboard aggregates (scope: the regency) and kept in Django's cache for
`settings.REPORTS_PUBLIC_CACHE_SECONDS` (default 600 s); the time it was computed is published
as the date of the data.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache

from kinerja.core import clock
from kinerja.evaluation.domain import Predicate
from kinerja.evaluation.models import Period, PeriodKind

from ..domain import (
    MIN_GROUP,
    SUPPRESSED_NOTE,
    suppress_count_table,
    suppress_rate_column,
    suppress_size_column,
)
from .achievement import agencies_achievement_means
from .dashboard import Figures, dashboard

CACHE_KEY = "reports:transparency:v2:{year}"  # v2: suppressed as a table
YEARS_SHOWN = 3
DEFAULT_TIMEOUT = 600


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def public_row(figures: Figures, iku: Decimal | None) -> dict[str, Any]:
    """One public row on its own (the regency): rates by their denominators, predicate
    head-counts cell by cell."""
    return public_rows([figures], [iku])[0]


def public_rows(groups: list[Figures], iku: list[Decimal | None]) -> list[dict[str, Any]]:
    """Public rows of groups published side by side with their sum (the agencies beside the
    regency): suppressed as a table, so that no suppressed figure of one group can be recovered
    by subtracting the others' from the sum (`reports.domain`)."""
    sizes = suppress_size_column([g.headcount for g in groups])
    approved = suppress_rate_column([(g.approved, g.headcount) for g in groups])
    evaluated = suppress_rate_column([(g.evaluated, g.approved) for g in groups])
    jp = suppress_rate_column([(g.pns_met, g.pns) for g in groups])
    counts = suppress_count_table([{p.value: g.predicates[p] for p in Predicate} for g in groups])
    return [
        {
            "employees": sizes[i],
            "skp_approved_pct": _number(approved[i]),
            "evaluation_pct": _number(evaluated[i]),
            "jp_pct": _number(jp[i]),
            "predicates": [
                {"predicate": p.value, "label": p.label, "count": counts[i][p.value]}
                for p in Predicate
            ],
            "iku_achievement_pct": _number(iku[i]),
        }
        for i in range(len(groups))
    ]


def _evaluation_period(year: int) -> Period | None:
    periods = Period.objects.filter(year=year)
    return (
        periods.filter(kind=PeriodKind.ANNUAL).first()
        or periods.exclude(kind=PeriodKind.ANNUAL).order_by("-end").first()
    )


def _year_figures(year: int) -> dict[str, Any]:
    period = _evaluation_period(year)
    board = dashboard(year=year, scope=None, period=period, with_adoption=False)
    agencies = sorted(
        (g for g in board.groups if g.unit is not None and g.unit.is_agency),
        key=lambda g: g.unit.name,
    )
    iku = agencies_achievement_means(year=year, agency_ids=[g.unit.pk for g in agencies])
    iku_values = list(iku.values())
    regency_iku = (
        (sum(iku_values) / len(iku_values)).quantize(Decimal("0.1")) if iku_values else None
    )
    return {
        "year": year,
        # A year with no SKP at all has no figures yet (not 0 %: nothing was measured).
        "has_data": board.total.skp_total > 0,
        "period": period.label if period is not None else None,
        "regency": public_row(board.total, regency_iku),
        "agencies": [
            {"id": g.unit.pk, "name": g.unit.name, **row}
            for g, row in zip(
                agencies, public_rows(agencies, [iku.get(g.unit.pk) for g in agencies]), strict=True
            )
        ],
    }


def compute_public_figures(year: int) -> dict[str, Any]:
    """The public figures for a year and the years before it (uncached)."""
    years = [_year_figures(y) for y in range(year, year - YEARS_SHOWN, -1)]
    current = years[0]
    return {
        "year": year,
        "data_as_of": clock.now().isoformat(),
        "min_group": MIN_GROUP,
        "suppression_note": SUPPRESSED_NOTE,
        "period": current["period"],
        "regency": current["regency"],
        "agencies": current["agencies"],
        "has_data": current["has_data"],
        "history": [
            {"year": y["year"], "has_data": y["has_data"], "regency": y["regency"]} for y in years
        ],
    }


def public_figures(year: int) -> dict[str, Any]:
    """The public figures, from the cache when fresh."""
    timeout = int(getattr(settings, "REPORTS_PUBLIC_CACHE_SECONDS", DEFAULT_TIMEOUT))
    key = CACHE_KEY.format(year=year)
    figures = cache.get(key)
    if figures is None:
        figures = compute_public_figures(year)
        cache.set(key, figures, timeout)
    return figures


def forget_public_figures(year: int) -> None:
    cache.delete(CACHE_KEY.format(year=year))
