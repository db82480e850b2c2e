"""Achievement against targets and the suggested work rating, for one SKP or many at once.

Realisation values are cumulative to the period's end. For a periodic evaluation the annual
target is taken pro rata to the share of the SKP's term that has passed at the period's end
(a product choice, see kinerja/evaluation/DECISIONS.md); the annual evaluation uses the full target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kinerja.planning.models import Indicator, Skp

from ..domain import IndicatorAchievement, Rating, achievement_pct, suggest_work_rating
from ..models import Period, Realisation


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    realisation: Realisation | None
    is_main: bool
    annual_pct: Decimal | None  # progress toward the annual target (the bar)
    period_pct: Decimal | None  # against the target due by the period's end (the suggestion)

    @property
    def bar_width(self) -> int:
        """Width of the progress bar in percent (0–100)."""
        if self.annual_pct is None:
            return 0
        return int(min(self.annual_pct, Decimal(100)))


def elapsed_share(skp: Skp, period: Period) -> Decimal:
    """Share of the SKP's term passed at the period's end (1 for the annual period)."""
    if period.is_annual:
        return Decimal(1)
    total = (skp.period_end - skp.period_start).days + 1
    passed = (min(period.end, skp.period_end) - skp.period_start).days + 1
    if passed <= 0:
        return Decimal(0)
    return min(Decimal(passed) / Decimal(total), Decimal(1))


def _scaled(value: Decimal | None, share: Decimal) -> Decimal | None:
    if value is None:
        return None
    return (value * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def progress_rows(
    skp: Skp, period: Period, indicators: Iterable[Indicator], realisations: dict[int, Realisation]
) -> list[IndicatorProgress]:
    share = elapsed_share(skp, period)
    rows = []
    for indicator in indicators:
        realisation = realisations.get(indicator.pk)
        annual = period_pct = None
        value = realisation.value if realisation is not None else None
        if indicator.target_min is not None and value is not None:
            annual = achievement_pct(indicator.target_min, indicator.target_max, value)
            low = _scaled(indicator.target_min, share)
            if low is not None and share > 0:
                period_pct = achievement_pct(
                    low,
                    _scaled(indicator.target_max, share) if indicator.target_max else None,
                    value,
                )
        rows.append(
            IndicatorProgress(
                indicator=indicator,
                realisation=realisation,
                is_main=indicator.rhk.group == "utama",
                annual_pct=annual,
                period_pct=period_pct,
            )
        )
    return rows


def suggestion_from(rows: Iterable[IndicatorProgress]) -> Rating | None:
    achievements = [
        IndicatorAchievement(is_main=r.is_main, achievement_pct=r.period_pct)
        for r in rows
        if r.period_pct is not None
    ]
    return suggest_work_rating(achievements) if achievements else None


def progress_for_many(skps: list[Skp], period: Period) -> dict[int, list[IndicatorProgress]]:
    """Progress rows per SKP with two queries, whatever the number of SKPs."""
    indicators = (
        Indicator.objects.filter(rhk__skp__in=[s.pk for s in skps])
        .select_related("rhk")
        .order_by("rhk__skp_id", "-rhk__group", "rhk__order", "rhk_id", "order", "id")
    )
    by_skp: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_skp[indicator.rhk.skp_id].append(indicator)
    realisations = {
        r.indicator_id: r
        for r in Realisation.objects.filter(
            indicator__rhk__skp__in=[s.pk for s in skps], period=period
        )
    }
    return {s.pk: progress_rows(s, period, by_skp.get(s.pk, []), realisations) for s in skps}


def work_suggestion(skp: Skp, period: Period) -> Rating | None:
    """What the evidence suggests for the rating hasil kerja; None with nothing measurable."""
    return suggestion_from(progress_for_many([skp], period)[skp.pk])
