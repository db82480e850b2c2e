"""The distribution pattern of employee predicates per organisation result (SE MenPANRB 3/2023).

After the head one level up sets a unit's capaian kinerja organisasi, SE MenPANRB 3/2023 gives
the pattern the employees' predicates should follow. The pattern is a *consideration*
(pertimbangan) for the leader, not a hard rule: the product warns, names each breach and asks for
a written justification, but never blocks saving a predicate on account of it.

Rules, per organisation result (percentages of the unit's employees):

* Istimewa: Sangat Baik at most 70 %.
* Baik: Baik at most 70 % and the largest group ("sebagian besar (maksimal 70%)": ties with another
  group are accepted, so a two-person unit can hold one Baik and one Butuh Perbaikan); there
  must be at least one Butuh Perbaikan or Kurang/Misconduct.
* Butuh Perbaikan: Butuh Perbaikan at least 60 %; Sangat Baik at most 10 %.
* Kurang: Kurang/Misconduct at least 60 %; Butuh Perbaikan at least 10 %; Sangat Baik at most 10 %.
* Sangat Kurang: Sangat Kurang at least 60 %; Kurang/Misconduct and Butuh Perbaikan together at
  least 10 %; no Sangat Baik at all.

"At most" and "at least" both include the bound. Shares are compared in exact integer arithmetic
(``count * 100 <= pct * total``), never in floating point, so exactly 60 %, 70 % and 10 % fall on
the allowed side. In head-counts this is the same as rounding minimums up (ceiling) and maximums
down (floor): in a unit of 7, "at least 60 %" means at least 5 people (4.2 → 5) and "at most 70 %"
at most 4 people (4.9 → 4). A unit with no employees has nothing to check and never breaches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .ratings import OrgPredicate, Predicate


class RuleKind(StrEnum):
    MAX_SHARE = "max_share"  # the group holds at most pct % of the unit
    MIN_SHARE = "min_share"  # the group holds at least pct % of the unit
    AT_LEAST_ONE = "at_least_one"  # at least one employee in the group ("harus ada")
    NONE_ALLOWED = "none_allowed"  # nobody in the group ("tidak ada")
    LARGEST_GROUP = "largest_group"  # the group is at least as large as every other predicate


@dataclass(frozen=True)
class DistributionRule:
    """One clause of the SE MenPANRB 3/2023 pattern; `predicates` together form the group."""

    kind: RuleKind
    predicates: tuple[Predicate, ...]
    pct: int | None = None

    @property
    def group_label(self) -> str:
        return " dan/atau ".join(p.label for p in self.predicates)

    def describe(self) -> str:
        """The clause in Indonesian, for the calibration page."""
        if self.kind is RuleKind.MAX_SHARE:
            return f"{self.group_label} paling banyak {self.pct}%"
        if self.kind is RuleKind.MIN_SHARE:
            return f"{self.group_label} paling sedikit {self.pct}%"
        if self.kind is RuleKind.AT_LEAST_ONE:
            return f"harus ada pegawai dengan predikat {self.group_label}"
        if self.kind is RuleKind.NONE_ALLOWED:
            return f"tidak boleh ada predikat {self.group_label}"
        return f"{self.group_label} merupakan kelompok terbesar"


_SB, _B, _BP, _K, _SK = (
    Predicate.SANGAT_BAIK,
    Predicate.BAIK,
    Predicate.BUTUH_PERBAIKAN,
    Predicate.KURANG,
    Predicate.SANGAT_KURANG,
)

_RULES: dict[OrgPredicate, tuple[DistributionRule, ...]] = {
    OrgPredicate.ISTIMEWA: (DistributionRule(RuleKind.MAX_SHARE, (_SB,), 70),),
    OrgPredicate.BAIK: (
        DistributionRule(RuleKind.MAX_SHARE, (_B,), 70),
        DistributionRule(RuleKind.LARGEST_GROUP, (_B,)),
        DistributionRule(RuleKind.AT_LEAST_ONE, (_BP, _K)),
    ),
    OrgPredicate.BUTUH_PERBAIKAN: (
        DistributionRule(RuleKind.MIN_SHARE, (_BP,), 60),
        DistributionRule(RuleKind.MAX_SHARE, (_SB,), 10),
    ),
    OrgPredicate.KURANG: (
        DistributionRule(RuleKind.MIN_SHARE, (_K,), 60),
        DistributionRule(RuleKind.MIN_SHARE, (_BP,), 10),
        DistributionRule(RuleKind.MAX_SHARE, (_SB,), 10),
    ),
    OrgPredicate.SANGAT_KURANG: (
        DistributionRule(RuleKind.MIN_SHARE, (_SK,), 60),
        DistributionRule(RuleKind.MIN_SHARE, (_K, _BP), 10),
        DistributionRule(RuleKind.NONE_ALLOWED, (_SB,)),
    ),
}


def rules_for(org: OrgPredicate) -> tuple[DistributionRule, ...]:
    """The clauses of the SE MenPANRB 3/2023 pattern for a unit whose result is `org`."""
    return _RULES[OrgPredicate(org)]


@dataclass(frozen=True)
class Violation:
    """One breach of the pattern. `limit` is the head-count bound for this unit (None for the
    largest-group clause); `limit_pct` the percentage of the rule (None where it has none)."""

    code: str
    predicates: tuple[Predicate, ...]
    limit_pct: int | None
    limit: int | None
    count: int
    total: int
    message: str

    @property
    def share(self) -> Fraction:
        """The group's actual share of the unit, as an exact fraction (0 for an empty unit)."""
        return Fraction(self.count, self.total) if self.total else Fraction(0)


def _ceil_share(pct: int, total: int) -> int:
    return -(-pct * total // 100)


def _floor_share(pct: int, total: int) -> int:
    return pct * total // 100


def format_pct(share: Fraction) -> str:
    """A share as an Indonesian percentage with at most one decimal: 2/3 → "66,7%"."""
    tenths = round(share * 1000)
    whole, rest = divmod(tenths, 10)
    return f"{whole}%" if rest == 0 else f"{whole},{rest}%"


def _check(
    rule: DistributionRule, org: OrgPredicate, counts: Mapping[Predicate, int], total: int
) -> Violation | None:
    count = sum(counts.get(p, 0) for p in rule.predicates)
    group = rule.group_label
    actual = f"{count} dari {total} pegawai ({format_pct(Fraction(count, total))})"
    suffix = f"untuk unit dengan capaian kinerja organisasi {org.label}."
    if rule.kind is RuleKind.MAX_SHARE:
        assert rule.pct is not None
        if count * 100 <= rule.pct * total:
            return None
        limit = _floor_share(rule.pct, total)
        message = (
            f"Predikat {group} {actual} melebihi batas paling banyak {rule.pct}% "
            f"({limit} pegawai) {suffix}"
        )
    elif rule.kind is RuleKind.MIN_SHARE:
        assert rule.pct is not None
        if count * 100 >= rule.pct * total:
            return None
        limit = _ceil_share(rule.pct, total)
        message = (
            f"Predikat {group} {actual} kurang dari batas paling sedikit {rule.pct}% "
            f"({limit} pegawai) {suffix}"
        )
    elif rule.kind is RuleKind.AT_LEAST_ONE:
        if count >= 1:
            return None
        limit = 1
        message = f"Harus ada paling sedikit satu pegawai dengan predikat {group} {suffix}"
    elif rule.kind is RuleKind.NONE_ALLOWED:
        if count == 0:
            return None
        limit = 0
        message = f"Tidak boleh ada predikat {group}, sedangkan terdapat {actual} {suffix}"
    else:
        others = [p for p in Predicate if p not in rule.predicates]
        largest = max(counts.get(p, 0) for p in others)
        if count >= largest:
            return None
        limit = None
        bigger = ", ".join(
            f"{p.label} ({counts.get(p, 0)})" for p in others if counts.get(p, 0) > count
        )
        message = (
            f"Predikat {group} ({count} pegawai) harus menjadi kelompok terbesar, "
            f"tetapi lebih sedikit daripada {bigger} {suffix}"
        )
    return Violation(
        code=rule.kind.value,
        predicates=rule.predicates,
        limit_pct=rule.pct,
        limit=limit,
        count=count,
        total=total,
        message=message,
    )


def check_distribution(org: OrgPredicate, counts: Mapping[Predicate, int]) -> list[Violation]:
    """Breaches of the SE MenPANRB 3/2023 pattern for a unit whose result is `org`.

    `counts` maps each employee predicate to its head-count (missing predicates count 0). The
    list is empty when the pattern holds, and always empty for a unit with no employees. The
    pattern is a consideration (pertimbangan): callers warn and ask for a reason, never block.
    """
    org = OrgPredicate(org)
    normalised = {Predicate(p): int(n) for p, n in counts.items()}
    if any(n < 0 for n in normalised.values()):
        raise ValueError("Jumlah pegawai per predikat tidak boleh negatif.")
    total = sum(normalised.values())
    if total == 0:
        return []
    violations = []
    for rule in _RULES[org]:
        violation = _check(rule, org, normalised, total)
        if violation is not None:
            violations.append(violation)
    return violations


def allowed_counts(org: OrgPredicate, total: int) -> dict[Predicate, tuple[int, int]]:
    """Minimum and maximum head-count per predicate for a unit of `total` employees.

    Minimums are rounded up (ceiling) and maximums down (floor), which is exactly what
    `check_distribution` accepts for single-predicate clauses. Clauses that are not about one
    predicate are not in these bounds: the Baik row's "largest group" and "at least one Butuh
    Perbaikan or Kurang", and the Sangat Kurang row's "Kurang and Butuh Perbaikan together at least
    10 %". The calibration page lists them from `rules_for(org)`.
    """
    if total < 0:
        raise ValueError("Jumlah pegawai tidak boleh negatif.")
    bounds = {p: (0, total) for p in Predicate}
    for rule in _RULES[OrgPredicate(org)]:
        if len(rule.predicates) != 1:
            continue
        (predicate,) = rule.predicates
        low, high = bounds[predicate]
        if rule.kind is RuleKind.MAX_SHARE and rule.pct is not None:
            high = min(high, _floor_share(rule.pct, total))
        elif rule.kind is RuleKind.MIN_SHARE and rule.pct is not None:
            low = max(low, _ceil_share(rule.pct, total))
        elif rule.kind is RuleKind.NONE_ALLOWED:
            high = 0
        bounds[predicate] = (low, high)
    return bounds
