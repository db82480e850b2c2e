"""Pure rules of the reports (no Django): small-group suppression, the target of a period for a
Perjanjian Kinerja indicator, and the organisation result proposed from IKU achievement.

Suppression (public transparency): no figure about a group of fewer than `MIN_GROUP` = 5 people
is published, directly or by subtraction. Suppressed figures are `None`, never rounded.
- A rate (completion, JP attainment) is suppressed when its denominator is below five.
- A head-count cell of a distribution is suppressed when it holds one to four people; a
  distribution of fewer than five people is suppressed whole.
- In a distribution with a suppressed cell, its zero cells are suppressed too: were zeros shown,
  two hidden cells summing to two (the total minus the shown cells) would each be one.
- When only one cell of a distribution is suppressed, the next smallest non-zero cell is too, so
  the hidden cell cannot be recovered by subtracting the others from the total.
- The agencies' figures are published beside the regency's, which are their sums: a column (one
  predicate, one rate) in which a single agency is suppressed would be recovered by subtracting
  the others from the regency's. The agency with the next smallest figure in that column is
  suppressed too (and its distribution checked again), until no column has a single suppressed
  agency. Likewise when the suppressed agencies of a column add up to nobody (each would be
  zero) or, for a rate, to 0 % or 100 % together. Agencies with nobody in the distribution give no
  cover: their zeros are known.
Zero stays visible in a distribution without suppressed cells (it says something about the whole
group, not about a person).

Organisation result proposal: SE MenPANRB 3/2023 says the annual result combines the Perjanjian
Kinerja's achievement with the unit's delivery of expectations and is *set by the head one level
up*. No source fixes the thresholds, so the product proposes, as a starting point the leader may
override with a reason, the bands of the numeric scale of PP 30/2019 art. 41 applied to the mean
IKU achievement (each IKU capped at 200 %): Istimewa from 110 % when every IKU reaches its target,
Baik from 90 %, Butuh Perbaikan from 70 %, Kurang from 50 %, Sangat Kurang below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

MIN_GROUP = 5
SUPPRESSED_NOTE = (
    "Angka untuk kelompok kurang dari 5 orang tidak ditampilkan (—) untuk melindungi data "
    "pribadi; angka itu disembunyikan, bukan dibulatkan."
)


def suppress_rate(numerator: int, denominator: int) -> Decimal | None:
    """Percentage with one decimal, or None when the group is smaller than five people."""
    if denominator < MIN_GROUP:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def suppress_counts(counts: Mapping[str, int]) -> dict[str, int | None]:
    """Head-counts per category with small cells hidden (see the module docstring).

    When the whole group is smaller than five, every cell is hidden.
    """
    if sum(counts.values()) < MIN_GROUP:
        return dict.fromkeys(counts)
    shown: dict[str, int | None] = {
        key: (None if 0 < n < MIN_GROUP else n) for key, n in counts.items()
    }
    return _close_row(counts, shown)


def _close_row(counts: Mapping[str, int], shown: dict[str, int | None]) -> dict[str, int | None]:
    """Hide what would let a hidden cell be recovered within its own distribution: the zeros
    beside a hidden cell, and a second cell when only one is hidden."""
    if all(value is not None for value in shown.values()):
        return shown
    for key, n in counts.items():
        if n == 0:
            shown[key] = None
    if sum(value is None for value in shown.values()) == 1:
        candidates = sorted(
            (n, key) for key, n in counts.items() if n > 0 and shown[key] is not None
        )
        if candidates:
            shown[candidates[0][1]] = None
    return shown


def suppress_count_table(rows: Sequence[Mapping[str, int]]) -> list[dict[str, int | None]]:
    """The distributions of several groups (the agencies) whose sum is published too (the
    regency): each suppressed as a distribution, then per category until no category has its
    suppressed groups recoverable from the sum: a single one, or several that hold nobody
    (each would be zero). Only groups with anybody in the distribution count."""
    shown = [suppress_counts(row) for row in rows]
    covered = [i for i, row in enumerate(rows) if sum(row.values()) > 0]
    keys = list(rows[0]) if rows else []
    changed = True
    while changed:
        changed = False
        for key in keys:
            hidden = [i for i in covered if shown[i][key] is None]
            if not hidden or (len(hidden) > 1 and sum(rows[i][key] for i in hidden) > 0):
                continue
            others = sorted(
                (rows[i][key] == 0, rows[i][key], i) for i in covered if shown[i][key] is not None
            )
            if not others:
                continue  # nothing else to hide: the sum is these groups', hidden alike
            i = others[0][2]
            shown[i][key] = None
            shown[i] = _close_row(rows[i], shown[i])
            changed = True
    return shown


def _pinned(pairs: Sequence[tuple[int, int]], hidden: list[int]) -> bool:
    """Whether the hidden groups' rates follow from the sums: a single one, or all at 0 % or
    all at 100 %."""
    if len(hidden) == 1:
        return True
    numerators = sum(pairs[i][0] for i in hidden)
    return numerators == 0 or numerators == sum(pairs[i][1] for i in hidden)


def suppress_rate_column(pairs: Sequence[tuple[int, int]]) -> list[Decimal | None]:
    """One rate (numerator, denominator) of several groups whose sums are published too: each
    suppressed below five, then, while the suppressed groups with anybody in them could be
    recovered from the sums (`_pinned`), the group with the next smallest denominator as well."""
    rates = [suppress_rate(numerator, denominator) for numerator, denominator in pairs]
    while True:
        hidden = [i for i, (_n, d) in enumerate(pairs) if d > 0 and rates[i] is None]
        others = sorted((d, i) for i, (_n, d) in enumerate(pairs) if rates[i] is not None)
        if not hidden or not others or not _pinned(pairs, hidden):
            return rates
        rates[others[0][1]] = None


def suppress_size_column(sizes: Sequence[int]) -> list[int | None]:
    """Group sizes (head-counts) of several groups whose sum is published: below five hidden,
    and the next smallest too when a single non-empty group is hidden."""
    shown: list[int | None] = [n if n >= MIN_GROUP else None for n in sizes]
    hidden = [i for i, n in enumerate(sizes) if 0 < n < MIN_GROUP]
    if len(hidden) == 1:
        others = sorted((n, i) for i, n in enumerate(sizes) if shown[i] is not None)
        if others:
            shown[others[0][1]] = None
    return shown


class PeriodKind(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


def quarter_of(kind: str, number: int) -> int | None:
    """The quarter a period falls in (None for the annual period)."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.ANNUAL:
        return None
    if kind is PeriodKind.QUARTERLY:
        return number
    return (number - 1) // 3 + 1


def period_target(
    annual: Decimal, quarterly: Sequence[Decimal | None], kind: str, number: int
) -> Decimal:
    """The target of a Perjanjian Kinerja indicator due by the end of a period.

    The annual period takes the annual target. A quarter takes its quarterly target (TW I–IV of
    the PK, cumulative by convention); a month takes the target of the quarter it falls in. Where
    the PK gives no quarterly target, the annual target applies.
    """
    quarter = quarter_of(kind, number)
    if quarter is None:
        return annual
    value = quarterly[quarter - 1] if 0 < quarter <= len(quarterly) else None
    return annual if value is None else value


class ProposalBand(StrEnum):
    ISTIMEWA = "outstanding"
    BAIK = "good"
    BUTUH_PERBAIKAN = "needs_improvement"
    KURANG = "poor"
    SANGAT_KURANG = "very_poor"


ISTIMEWA_FROM = Decimal(110)
BAIK_FROM = Decimal(90)
BUTUH_PERBAIKAN_FROM = Decimal(70)
KURANG_FROM = Decimal(50)
TARGET_MET = Decimal(100)


@dataclass(frozen=True)
class Proposal:
    """The proposed organisation result (an `OrgPredicate` slug) and why."""

    predicate: ProposalBand
    mean_pct: Decimal
    measured: int
    met: int

    @property
    def explanation(self) -> str:
        mean = f"{self.mean_pct:f}".replace(".", ",")
        return (
            f"Rata-rata capaian {self.measured} indikator kinerja utama {mean}%; "
            f"{self.met} indikator mencapai target."
        )


def propose_org_result(achievements: Sequence[Decimal]) -> Proposal | None:
    """Propose the capaian kinerja organisasi from the IKU achievements (None with none)."""
    if not achievements:
        return None
    values = [min(Decimal(a), Decimal(200)) for a in achievements]
    mean = (sum(values) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    met = sum(1 for v in values if v >= TARGET_MET)
    if mean >= ISTIMEWA_FROM and met == len(values):
        band = ProposalBand.ISTIMEWA
    elif mean >= BAIK_FROM:
        band = ProposalBand.BAIK
    elif mean >= BUTUH_PERBAIKAN_FROM:
        band = ProposalBand.BUTUH_PERBAIKAN
    elif mean >= KURANG_FROM:
        band = ProposalBand.KURANG
    else:
        band = ProposalBand.SANGAT_KURANG
    return Proposal(predicate=band, mean_pct=mean, measured=len(values), met=met)
