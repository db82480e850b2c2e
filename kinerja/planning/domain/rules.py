"""Checks on an SKP's content: what blocks submission, and what the assessor should look at."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .forms import FormType, RhkGroup
from .workflow import SkpStatus


@dataclass(frozen=True)
class IndicatorRow:
    text: str
    has_target: bool


@dataclass(frozen=True)
class RhkRow:
    """One RHK as the rules see it: `parent_status` is the status of the linked superior SKP."""

    number: str
    group: RhkGroup
    text: str
    linked: bool = False
    parent_status: SkpStatus | None = None
    agreement_linked: bool = False
    indicators: tuple[IndicatorRow, ...] = ()


def submission_problems(
    rows: Sequence[RhkRow], *, form_type: FormType = FormType.NON_JPT
) -> list[str]:
    """Why the SKP cannot be submitted yet (empty list: it can).

    - at least one Utama RHK;
    - every Utama RHK of a non-JPT employee intervenes in an RHK of the direct superior's
      *approved* SKP (domain-reference §2: "every RHK below JPT must intervene in an RHK of the
      direct superior"); an employee may draft before that, but not submit;
    - every RHK has at least one indicator, and every indicator has a target.
    """
    problems: list[str] = []
    if not any(row.group == RhkGroup.UTAMA for row in rows):
        problems.append("SKP belum memiliki Rencana Hasil Kerja utama.")
    for row in rows:
        label = f"RHK {row.number}"
        if row.group == RhkGroup.UTAMA and form_type == FormType.NON_JPT:
            if not row.linked:
                problems.append(f"{label} belum dikaitkan dengan RHK atasan yang diintervensi.")
            elif row.parent_status != SkpStatus.APPROVED:
                problems.append(f"{label}: SKP atasan yang diintervensi belum disetujui.")
        if not row.indicators:
            problems.append(f"{label} belum memiliki indikator kinerja individu.")
        elif not all(ind.has_target for ind in row.indicators):
            problems.append(f"{label} memiliki indikator tanpa target.")
    return problems


def normalise(text: str) -> str:
    """Text compared for "identical across subordinates": case, spacing and punctuation ignored."""
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


@dataclass(frozen=True)
class QualityFlags:
    missing_indicator: int = 0
    missing_target: int = 0
    unlinked_utama: int = 0
    duplicated_text: int = 0

    @property
    def is_clean(self) -> bool:
        return not (
            self.missing_indicator
            or self.missing_target
            or self.unlinked_utama
            or self.duplicated_text
        )

    def messages(self) -> list[str]:
        out = []
        if self.missing_indicator:
            out.append(f"{self.missing_indicator} RHK tanpa indikator")
        if self.missing_target:
            out.append(f"{self.missing_target} RHK dengan indikator tanpa target")
        if self.unlinked_utama:
            out.append(f"{self.unlinked_utama} RHK utama tidak terkait RHK atasan")
        if self.duplicated_text:
            out.append(f"{self.duplicated_text} RHK sama persis dengan RHK bawahan lain")
        return out


def duplicated_texts(skps: Iterable[Sequence[RhkRow]]) -> frozenset[str]:
    """Normalised RHK texts that appear in two or more different SKPs of the team."""
    seen: dict[str, int] = {}
    for rows in skps:
        for text in {normalise(r.text) for r in rows if r.text.strip()}:
            seen[text] = seen.get(text, 0) + 1
    return frozenset(text for text, count in seen.items() if count > 1)


def quality_flags(
    rows: Sequence[RhkRow], *, duplicates: frozenset[str], form_type: FormType = FormType.NON_JPT
) -> QualityFlags:
    """What the assessor's review queue flags on one submitted SKP."""
    return QualityFlags(
        missing_indicator=sum(1 for r in rows if not r.indicators),
        missing_target=sum(
            1 for r in rows if r.indicators and not all(i.has_target for i in r.indicators)
        ),
        unlinked_utama=sum(
            1
            for r in rows
            if form_type == FormType.NON_JPT and r.group == RhkGroup.UTAMA and not r.linked
        ),
        duplicated_text=sum(1 for r in rows if normalise(r.text) in duplicates),
    )
