"""How the annual rating follows from the periodic ones. UNCONFIRMED nationally.

No source fixes the rule. The default (`ASSESSOR_DECIDES_PREFILL_LAST`) treats the annual rating
as the assessor's own record: the form is pre-filled with the last period's rating, all periods
are shown, and the assessor confirms or changes it. The other rules compute the value and are
available for an agency that decides so. Nothing averages ratings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from enum import StrEnum

from .ratings import Rating


class AnnualRule(StrEnum):
    ASSESSOR_DECIDES_PREFILL_LAST = "assessor_decides"
    LAST_PERIOD = "last_period"
    WORST_PERIOD = "worst_period"
    MAJORITY = "majority"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_computed(self) -> bool:
        """False when the result is only a pre-fill the assessor confirms or changes."""
        return self is not AnnualRule.ASSESSOR_DECIDES_PREFILL_LAST


_LABELS = {
    AnnualRule.ASSESSOR_DECIDES_PREFILL_LAST: "Ditetapkan penilai (diisi awal dari periode terakhir)",
    AnnualRule.LAST_PERIOD: "Sama dengan periode terakhir",
    AnnualRule.WORST_PERIOD: "Rating terendah dari semua periode",
    AnnualRule.MAJORITY: "Rating terbanyak dari semua periode",
}

DEFAULT_ANNUAL_RULE = AnnualRule.ASSESSOR_DECIDES_PREFILL_LAST


def annual_prefill(
    period_ratings: Sequence[Rating], rule: AnnualRule = DEFAULT_ANNUAL_RULE
) -> Rating | None:
    """The annual rating the rule gives from the periods' ratings, in chronological order.

    None when no period has a rating yet. MAJORITY breaks a tie by the most recent period among
    the tied ratings (recency, in line with the default).
    """
    ratings = [Rating(r) for r in period_ratings]
    if not ratings:
        return None
    rule = AnnualRule(rule)
    if rule in (AnnualRule.ASSESSOR_DECIDES_PREFILL_LAST, AnnualRule.LAST_PERIOD):
        return ratings[-1]
    if rule is AnnualRule.WORST_PERIOD:
        return min(ratings, key=lambda r: r.rank)
    tally = Counter(ratings)
    top = max(tally.values())
    tied = {r for r, n in tally.items() if n == top}
    return next(r for r in reversed(ratings) if r in tied)
