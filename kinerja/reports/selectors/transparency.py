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

from ..domain import MIN_GROUP, SUPPRESSED_NOTE, suppress_counts, suppress_rate
from .achievement import agencies_achievement_means
from .dashboard import Figures, dashboard

CACHE_KEY = "reports:transparency:v1:{year}"
YEARS_SHOWN = 3
DEFAULT_TIMEOUT = 600


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def public_row(figures: Figures, iku: Decimal | None) -> dict[str, Any]:
    """One public row: rates by their denominators, predicate head-counts cell by cell."""
    counts = suppress_counts({p.value: figures.predicates[p] for p in Predicate})
    return {
        "employees": figures.headcount if figures.headcount >= MIN_GROUP else None,
        "skp_approved_pct": _number(suppress_rate(figures.approved, figures.headcount)),
        "evaluation_pct": _number(suppress_rate(figures.evaluated, figures.approved)),
        "jp_pct": _number(suppress_rate(figures.pns_met, figures.pns)),
        "predicates": [
            {"predicate": p.value, "label": p.label, "count": counts[p.value]} for p in Predicate
        ],
        "iku_achievement_pct": _number(iku),
    }


def _evaluation_period(year: int) -> Period | None:
    periods = Period.objects.filter(year=year)
    return (
        periods.filter(kind=PeriodKind.ANNUAL).first()
        or periods.exclude(kind=PeriodKind.ANNUAL).order_by("-end").first()
    )


def _year_figures(year: int) -> dict[str, Any]:
    period = _evaluation_period(year)
    board = dashboard(year=year, scope=None, period=period, with_adoption=False)
    agencies = [g for g in board.groups if g.unit is not None and g.unit.is_agency]
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
            {"id": g.unit.pk, "name": g.unit.name, **public_row(g, iku.get(g.unit.pk))}
            for g in sorted(agencies, key=lambda g: g.unit.name)
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
