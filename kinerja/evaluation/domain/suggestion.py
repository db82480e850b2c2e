"""What the evidence suggests for the rating hasil kerja; the assessor decides.

BKN's slides on PermenPANRB 6/2022 define the rating hasil kerja without any weighting:

* Di Atas Ekspektasi: most or all results are above expectation and no main result is below;
* Sesuai Ekspektasi: most or all results meet it, and only a small part of the main results are
  below;
* Di Bawah Ekspektasi: most or all results are below expectation.

The product turns this into a suggestion with these documented choices:

* Each indicator's achievement is realisation against target in percent (`achievement_pct`).
* An indicator is *above* expectation from `ABOVE_FROM_PCT` = 110 %, *meets* from
  `MEETS_FROM_PCT` = 100 % and is *below* under 100 %. Meeting the target is what "sesuai" means,
  so there is no tolerance under 100 %; "above" needs a clear margin, and 110 % is where the old
  numeric scale of PP 30/2019 art. 41 began "Sangat Baik", so a count target of 10 met with 11
  is above while a rounding overshoot (101 %) is not.
* "Most" means more than half. "A small part" of the main results means at most one third
  (`SMALL_PART`).
* ABOVE when more than half of all results are above and no main result is below; BELOW when
  more than half of all results are below or more than a third of the main results are below;
  MEETS otherwise. When no result is marked main, all results count as main.

A rating that differs from the suggestion is allowed but needs a written reason (`needs_reason`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .ratings import Rating

ABOVE_FROM_PCT = Decimal(110)
MEETS_FROM_PCT = Decimal(100)
SMALL_PART = Fraction(1, 3)
# No single indicator counts for more than twice its target; this also settles a zero
# realisation on a lower-is-better indicator (e.g. zero complaints against a target of 5).
MAX_ACHIEVEMENT_PCT = Decimal(200)

Number = Decimal | int


@dataclass(frozen=True)
class IndicatorAchievement:
    """An indicator's achievement for the suggestion; `is_main` marks an RHK utama."""

    is_main: bool
    achievement_pct: Decimal


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal:
    if denominator == 0:
        return MAX_ACHIEVEMENT_PCT if numerator > 0 else Decimal(100)
    value = numerator * 100 / denominator
    return min(value, MAX_ACHIEVEMENT_PCT).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def achievement_pct(
    target_min: Number,
    target_max: Number | None,
    realised: Number,
    lower_is_better: bool = False,
) -> Decimal:
    """Realisation against target, in percent (100 = exactly on target), capped at 200 %.

    A point target has `target_max` None or equal to `target_min`. A range target counts as met
    (100 %) anywhere inside the range; outside it the nearest bound is the target. For a
    "lower is better" indicator (complaints, days of processing, cost) the ratio is inverted:
    target / realised. Zero denominators: a zero target reached with zero gives 100 %, anything
    better than a zero-sized target gives the cap. Rounded half-up to 2 decimals.
    """
    low = Decimal(target_min)
    high = low if target_max is None else Decimal(target_max)
    if high < low:
        raise ValueError("Batas atas target tidak boleh lebih kecil dari batas bawah.")
    value = Decimal(realised)
    if low < 0 or value < 0:
        raise ValueError("Target dan realisasi tidak boleh negatif.")
    if low <= value <= high:
        return Decimal(100).quantize(Decimal("0.01"))
    if not lower_is_better:
        bound = low if value < low else high
        return _pct(value, bound)
    bound = high if value > high else low
    if value == 0:
        return MAX_ACHIEVEMENT_PCT.quantize(Decimal("0.01"))
    return _pct(bound, value)


def classify(pct: Decimal) -> Rating:
    """One indicator's standing: above from 110 %, meets from 100 %, below under 100 %."""
    if pct >= ABOVE_FROM_PCT:
        return Rating.ABOVE
    if pct >= MEETS_FROM_PCT:
        return Rating.MEETS
    return Rating.BELOW


def suggest_work_rating(achievements: Sequence[IndicatorAchievement]) -> Rating:
    """The rating hasil kerja the evidence suggests (rules in the module docstring).

    Raises ValueError when there is no achievement at all: with nothing realised there is nothing
    to suggest, and the assessor rates on their own record.
    """
    if not achievements:
        raise ValueError("Belum ada capaian indikator untuk menyarankan rating hasil kerja.")
    standings = [(a.is_main, classify(Decimal(a.achievement_pct))) for a in achievements]
    main = [r for is_main, r in standings if is_main] or [r for _, r in standings]
    total = len(standings)
    above = sum(1 for _, r in standings if r is Rating.ABOVE)
    below = sum(1 for _, r in standings if r is Rating.BELOW)
    main_below = sum(1 for r in main if r is Rating.BELOW)
    if above * 2 > total and main_below == 0:
        return Rating.ABOVE
    if below * 2 > total or Fraction(main_below, len(main)) > SMALL_PART:
        return Rating.BELOW
    return Rating.MEETS


def needs_reason(suggested: Rating, chosen: Rating) -> bool:
    """A rating that departs from the suggestion needs the assessor's written reason."""
    return Rating(suggested) is not Rating(chosen)
