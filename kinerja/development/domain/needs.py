"""Development needs drawn from competency gaps and performance gaps (PP 11/2017 art. 203–205:
needs come from competency-gap and performance-gap analysis).

Sources, in the order they are returned:

* `competency_gap`: the position's standard level is above the employee's assessed level (a
  competency not yet assessed is not a gap: there is no evidence either way);
* `performance_predicate`: a predicate of Butuh Perbaikan or below calls for an improvement plan;
* `behaviour`: a BerAKHLAK value rated Di Bawah Ekspektasi;
* `rhk_below_target`: an RHK whose achievement is under 100 % of its target.

Each need carries the Indonesian `reason` the employee reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.evaluation.domain import MEETS_FROM_PCT, Predicate, Rating

IMPROVEMENT_PLAN_CODE = "improvement_plan"
# The evaluation rates the BerAKHLAK values together: a need on all of them uses this slug.
BERAKHLAK_AS_A_WHOLE = "berakhlak"

BEHAVIOUR_LABELS = {
    "berorientasi_pelayanan": "Berorientasi Pelayanan",
    "akuntabel": "Akuntabel",
    "kompeten": "Kompeten",
    "harmonis": "Harmonis",
    "loyal": "Loyal",
    "adaptif": "Adaptif",
    "kolaboratif": "Kolaboratif",
    BERAKHLAK_AS_A_WHOLE: "BerAKHLAK",
}


class NeedSource(StrEnum):
    COMPETENCY_GAP = "competency_gap"
    PERFORMANCE_PREDICATE = "performance_predicate"
    BEHAVIOUR = "behaviour"
    RHK_BELOW_TARGET = "rhk_below_target"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    NeedSource.COMPETENCY_GAP: "Kesenjangan kompetensi",
    NeedSource.PERFORMANCE_PREDICATE: "Predikat kinerja",
    NeedSource.BEHAVIOUR: "Perilaku kerja",
    NeedSource.RHK_BELOW_TARGET: "Capaian RHK di bawah target",
}


@dataclass(frozen=True)
class CompetencyGap:
    """A competency with the position's standard level and the employee's assessed level."""

    code: str
    name: str
    required_level: int
    assessed_level: int | None


@dataclass(frozen=True)
class RhkAchievement:
    """An RHK's achievement in percent of target, optionally tied to the competency it needs."""

    reference: str
    title: str
    achievement_pct: Decimal
    competency_code: str | None = None


@dataclass(frozen=True)
class DevelopmentNeed:
    """One development need and why it is there."""

    source: NeedSource
    reason: str
    competency_code: str | None = None
    behaviour: str | None = None
    rhk_reference: str | None = None


def _pct_text(value: Decimal) -> str:
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def derive_needs(
    *,
    competency_gaps: Sequence[CompetencyGap],
    predicate: Predicate | str | None,
    behaviour_ratings: Mapping[str, Rating | str],
    rhk_achievements: Sequence[RhkAchievement],
) -> list[DevelopmentNeed]:
    """The year's development needs from the evaluation and the competency profile.

    `predicate` may be None when the evaluation has not landed yet; `behaviour_ratings` maps a
    BerAKHLAK value slug (see `BEHAVIOUR_LABELS`) to its rating; strings are accepted for both.
    """
    needs: list[DevelopmentNeed] = []
    for gap in competency_gaps:
        if gap.assessed_level is None or gap.assessed_level >= gap.required_level:
            continue
        needs.append(
            DevelopmentNeed(
                source=NeedSource.COMPETENCY_GAP,
                competency_code=gap.code,
                reason=(
                    f"Level kompetensi {gap.name} Anda {gap.assessed_level}, "
                    f"standar jabatan {gap.required_level}"
                ),
            )
        )
    if predicate is not None:
        value = Predicate(predicate)
        if value.needs_improvement_plan:
            needs.append(
                DevelopmentNeed(
                    source=NeedSource.PERFORMANCE_PREDICATE,
                    competency_code=IMPROVEMENT_PLAN_CODE,
                    reason=(
                        f"Predikat kinerja Anda {value.label}: rencana perbaikan kinerja "
                        f"disusun bersama atasan"
                    ),
                )
            )
    for slug, rating in behaviour_ratings.items():
        if Rating(rating) is not Rating.BELOW:
            continue
        name = BEHAVIOUR_LABELS.get(slug, slug)
        needs.append(
            DevelopmentNeed(
                source=NeedSource.BEHAVIOUR,
                behaviour=slug,
                reason=f"Perilaku kerja {name} Anda dinilai {Rating.BELOW.label}",
            )
        )
    for rhk in rhk_achievements:
        if Decimal(rhk.achievement_pct) >= MEETS_FROM_PCT:
            continue
        needs.append(
            DevelopmentNeed(
                source=NeedSource.RHK_BELOW_TARGET,
                competency_code=rhk.competency_code,
                rhk_reference=rhk.reference,
                reason=(f'Capaian RHK "{rhk.title}" {_pct_text(rhk.achievement_pct)}% dari target'),
            )
        )
    return needs
