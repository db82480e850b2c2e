"""The link from evaluation results to development needs.

The development app must work before the evaluation app stores results, so needs from performance
gaps come through a small provider protocol: a function that answers, for an employee and a year,
the predicate, the behaviour ratings and the RHK achievements. The default provider answers
nothing; the evaluation app supplies a real one (pass it to `derive_needs_for`, or name it in the
`KINERJA_PERFORMANCE_SIGNALS` setting as a dotted path).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .domain import BERAKHLAK_AS_A_WHOLE, RhkAchievement


@dataclass(frozen=True)
class PerformanceSignals:
    """What the evaluation says about an employee's year (empty when not evaluated yet)."""

    predicate: str | None = None
    behaviour_ratings: Mapping[str, str] = field(default_factory=dict)
    rhk_achievements: Sequence[RhkAchievement] = ()


class PerformanceSignalsProvider(Protocol):
    def __call__(self, *, employee_id: int, year: int) -> PerformanceSignals: ...


def no_performance_signals(*, employee_id: int, year: int) -> PerformanceSignals:
    """The default: no evaluation results are known."""
    return PerformanceSignals()


def configured_provider() -> PerformanceSignalsProvider:
    path = getattr(settings, "KINERJA_PERFORMANCE_SIGNALS", "")
    return import_string(path) if path else no_performance_signals


def evaluation_signals(*, employee_id: int, year: int) -> PerformanceSignals:
    """The real provider: what the evaluation app recorded for the employee's year.

    The evaluation used is the year's annual one when it exists, else the latest periodic one
    (so needs appear during the year, not only after the annual rating). With several SKPs in
    the year (a move), the SKP that ends last counts. It gives:

    * the predicate of that evaluation;
    * the rating perilaku kerja when it is Di Bawah Ekspektasi (the evaluation rates the
      BerAKHLAK values together, so the need names BerAKHLAK as a whole);
    * per RHK of that SKP, the mean achievement of its measurable indicators against the target
      due by the period's end (the figures the work-rating suggestion uses).
    """
    from kinerja.evaluation.domain import Rating
    from kinerja.evaluation.models import Evaluation, PeriodKind
    from kinerja.evaluation.selectors.achievement import progress_for_many

    evaluation = (
        Evaluation.objects.filter(skp__employee_id=employee_id, period__year=year)
        .select_related("skp", "period")
        .order_by(
            # Annual first, then the latest period, then the SKP that ends last.
            _annual_first(PeriodKind.ANNUAL),
            "-period__end",
            "-skp__period_end",
            "-evaluated_at",
        )
        .first()
    )
    if evaluation is None:
        return PerformanceSignals()
    behaviour: dict[str, str] = {}
    if evaluation.behaviour_rating == Rating.BELOW:
        behaviour[BERAKHLAK_AS_A_WHOLE] = Rating.BELOW.value
    rows = progress_for_many([evaluation.skp], evaluation.period)[evaluation.skp_id]
    by_rhk: dict[int, list[Decimal]] = {}
    titles: dict[int, str] = {}
    for row in rows:
        if row.period_pct is None:
            continue
        rhk = row.indicator.rhk
        by_rhk.setdefault(rhk.pk, []).append(row.period_pct)
        titles[rhk.pk] = rhk.text
    achievements = tuple(
        RhkAchievement(
            reference=f"rhk-{rhk_id}",
            title=_short(titles[rhk_id]),
            achievement_pct=(sum(values) / len(values)).quantize(Decimal("0.1")),
        )
        for rhk_id, values in by_rhk.items()
    )
    return PerformanceSignals(
        predicate=evaluation.predicate,
        behaviour_ratings=behaviour,
        rhk_achievements=achievements,
    )


def _annual_first(annual: str):
    from django.db.models import Case, IntegerField, Value, When

    return Case(
        When(period__kind=annual, then=Value(0)), default=Value(1), output_field=IntegerField()
    )


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
