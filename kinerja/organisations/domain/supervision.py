"""Who assesses whom: the pejabat penilai kinerja and the atasan pejabat penilai.

Pure functions over plain data; the selectors load the data and call these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .positions import PositionKind, minimum_assessor_rank, rank_of


class ActingKind(StrEnum):
    DEFINITIVE = "definitive"
    PLT = "plt"  # pelaksana tugas: fills a vacant post
    PLH = "plh"  # pelaksana harian: stands in while the holder is away


# Plh stands in for a holder who is away, so it wins over the holder; Plt fills a vacancy.
_ACTING_PRIORITY = {ActingKind.PLH: 0, ActingKind.PLT: 1, ActingKind.DEFINITIVE: 2}


@dataclass(frozen=True)
class Holder:
    """Someone holding (or acting in) a head-of-unit position on a date."""

    employee_id: int
    acting: ActingKind


@dataclass(frozen=True)
class UnitHead:
    """A unit on the path to the root, with its head position and who holds it on the date."""

    unit_id: int
    head_kind: PositionKind | None
    holders: tuple[Holder, ...] = ()

    def official(self) -> Holder | None:
        """The one who exercises the head's authority: a Plh, else a Plt, else the holder."""
        if not self.holders:
            return None
        return min(self.holders, key=lambda h: (_ACTING_PRIORITY[h.acting], h.employee_id))


@dataclass(frozen=True)
class Subject:
    """The employee being assessed: their position and whether it heads their unit."""

    employee_id: int
    kind: PositionKind
    level: object | None
    is_head: bool


@dataclass(frozen=True)
class Assessor:
    employee_id: int
    unit_id: int | None
    acting: ActingKind
    source: str  # "derived" or "override"


def derive_assessor(subject: Subject, chain: Sequence[UnitHead]) -> Assessor | None:
    """Walk up from the subject's unit to the first head who may assess them.

    `chain` starts at the subject's own unit and ends at the root (the regency, headed by the
    regent). A unit head is assessed from the parent unit upwards. Vacant heads and heads of
    too low a rank are passed over. Returns None only when no one on the path qualifies.
    """
    needed = minimum_assessor_rank(subject.kind, subject.level)  # type: ignore[arg-type]
    units = chain[1:] if subject.is_head else chain
    for unit in units:
        official = unit.official()
        if (
            official is None
            or unit.head_kind is None
            or official.employee_id == subject.employee_id
        ):
            continue
        if rank_of(unit.head_kind) >= needed:
            return Assessor(official.employee_id, unit.unit_id, official.acting, "derived")
    return None


class SupervisionCycleError(ValueError):
    """Assigning this assessor would make someone (indirectly) assess themselves."""


def find_cycle(
    start: int, assessor_of: Callable[[int], int | None], limit: int = 64
) -> list[int] | None:
    """Follow assessor links from `start`; return the loop if one comes back to a visited person."""
    seen: list[int] = [start]
    current = start
    for _ in range(limit):
        nxt = assessor_of(current)
        if nxt is None:
            return None
        if nxt in seen:
            return [*seen[seen.index(nxt) :], nxt]
        seen.append(nxt)
        current = nxt
    return seen


def check_override(
    subject_id: int, new_assessor_id: int, current: Mapping[int, int | None]
) -> None:
    """Refuse an override that makes the subject their own (indirect) assessor."""
    if subject_id == new_assessor_id:
        raise SupervisionCycleError(
            "Pegawai tidak dapat menjadi pejabat penilai bagi dirinya sendiri."
        )

    def assessor_of(emp: int) -> int | None:
        return new_assessor_id if emp == subject_id else current.get(emp)

    cycle = find_cycle(subject_id, assessor_of)
    if cycle and cycle[0] == cycle[-1] and len(cycle) > 1:
        raise SupervisionCycleError(
            "Penetapan ini membuat siklus penilai (A menilai B dan B menilai A secara berantai)."
        )
