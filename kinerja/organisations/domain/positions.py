"""Position types and the rank ladder used to decide who may assess whom."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class PositionKind(StrEnum):
    REGENT = "regent"  # kepala daerah (bupati): the head of the whole government
    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNCTIONAL_EXPERT = "functional_expert"  # fungsional keahlian
    FUNCTIONAL_SKILLED = "functional_skilled"  # fungsional keterampilan


class FunctionalLevel(StrEnum):
    AHLI_PERTAMA = "ahli_pertama"
    AHLI_MUDA = "ahli_muda"
    AHLI_MADYA = "ahli_madya"
    AHLI_UTAMA = "ahli_utama"
    PEMULA = "pemula"
    TERAMPIL = "terampil"
    MAHIR = "mahir"
    PENYELIA = "penyelia"


EXPERT_LEVELS = frozenset(
    {
        FunctionalLevel.AHLI_PERTAMA,
        FunctionalLevel.AHLI_MUDA,
        FunctionalLevel.AHLI_MADYA,
        FunctionalLevel.AHLI_UTAMA,
    }
)
SKILLED_LEVELS = frozenset(
    {
        FunctionalLevel.PEMULA,
        FunctionalLevel.TERAMPIL,
        FunctionalLevel.MAHIR,
        FunctionalLevel.PENYELIA,
    }
)


class Rank(IntEnum):
    """Structural authority of a position, lowest first."""

    STAFF = 1
    PENGAWAS = 2
    ADMINISTRATOR = 3
    JPT_PRATAMA = 4
    JPT_MADYA = 5
    JPT_UTAMA = 6
    REGENT = 9


_RANK = {
    PositionKind.REGENT: Rank.REGENT,
    PositionKind.JPT_UTAMA: Rank.JPT_UTAMA,
    PositionKind.JPT_MADYA: Rank.JPT_MADYA,
    PositionKind.JPT_PRATAMA: Rank.JPT_PRATAMA,
    PositionKind.ADMINISTRATOR: Rank.ADMINISTRATOR,
    PositionKind.PENGAWAS: Rank.PENGAWAS,
    PositionKind.PELAKSANA: Rank.STAFF,
    PositionKind.FUNCTIONAL_EXPERT: Rank.STAFF,
    PositionKind.FUNCTIONAL_SKILLED: Rank.STAFF,
}

JPT_KINDS = frozenset({PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA})


def rank_of(kind: PositionKind) -> Rank:
    """Authority a position carries when its holder (or an acting official) heads a unit."""
    return _RANK[kind]


def level_is_valid(kind: PositionKind, level: FunctionalLevel | None) -> bool:
    """A functional position has a level of its own family; no other position has one."""
    if kind is PositionKind.FUNCTIONAL_EXPERT:
        return level in EXPERT_LEVELS
    if kind is PositionKind.FUNCTIONAL_SKILLED:
        return level in SKILLED_LEVELS
    return level is None


def minimum_assessor_rank(kind: PositionKind, level: FunctionalLevel | None = None) -> Rank:
    """The lowest rank that may assess a holder of this position.

    PermenPANRB 6/2022 Pasal 1 (pejabat penilai = direct superior, at least a pengawas) and the
    BKN table for local government (domain-reference §5): pelaksana → pengawas; pengawas →
    administrator; administrator → JPT pratama; JPT → kepala daerah; JF ahli madya → JPT
    pratama; JF ahli muda → administrator; JF ahli pertama and keterampilan → pengawas.
    """
    if kind in JPT_KINDS or kind is PositionKind.REGENT:
        return Rank.REGENT
    if kind is PositionKind.ADMINISTRATOR:
        return Rank.JPT_PRATAMA
    if kind is PositionKind.PENGAWAS:
        return Rank.ADMINISTRATOR
    if kind is PositionKind.FUNCTIONAL_EXPERT:
        if level is FunctionalLevel.AHLI_UTAMA:
            return Rank.REGENT
        if level is FunctionalLevel.AHLI_MADYA:
            return Rank.JPT_PRATAMA
        if level is FunctionalLevel.AHLI_MUDA:
            return Rank.ADMINISTRATOR
        return Rank.PENGAWAS
    return Rank.PENGAWAS
