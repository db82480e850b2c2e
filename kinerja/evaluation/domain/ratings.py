"""Ratings and the employee predicate (PermenPANRB 6/2022, kuadran predikat kinerja pegawai).

Stored values are English slugs; every `label` is the Indonesian wording users read.
"""

from __future__ import annotations

from enum import StrEnum


class Rating(StrEnum):
    """Rating hasil kerja or rating perilaku kerja (PermenPANRB 6/2022)."""

    ABOVE = "above"
    MEETS = "meets"
    BELOW = "below"

    @property
    def label(self) -> str:
        return _RATING_LABELS[self]

    @property
    def rank(self) -> int:
        """Order from worst (0) to best (2), for comparisons such as "the worst period"."""
        return _RATING_RANK[self]


_RATING_LABELS = {
    Rating.ABOVE: "Di Atas Ekspektasi",
    Rating.MEETS: "Sesuai Ekspektasi",
    Rating.BELOW: "Di Bawah Ekspektasi",
}
_RATING_RANK = {Rating.BELOW: 0, Rating.MEETS: 1, Rating.ABOVE: 2}


class Predicate(StrEnum):
    """Predikat kinerja pegawai. "Istimewa" is an organisation predicate, never an employee's."""

    SANGAT_BAIK = "very_good"
    BAIK = "good"
    BUTUH_PERBAIKAN = "needs_improvement"
    KURANG = "poor"
    SANGAT_KURANG = "very_poor"

    @property
    def label(self) -> str:
        return _PREDICATE_LABELS[self]

    @property
    def needs_improvement_plan(self) -> bool:
        """Butuh Perbaikan and below call for an improvement plan (tindak lanjut)."""
        return self in {Predicate.BUTUH_PERBAIKAN, Predicate.KURANG, Predicate.SANGAT_KURANG}


_PREDICATE_LABELS = {
    Predicate.SANGAT_BAIK: "Sangat Baik",
    Predicate.BAIK: "Baik",
    Predicate.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predicate.KURANG: "Kurang/Misconduct",
    Predicate.SANGAT_KURANG: "Sangat Kurang",
}


class OrgPredicate(StrEnum):
    """Capaian kinerja organisasi (SE MenPANRB 3/2023), set by the head one level up."""

    ISTIMEWA = "outstanding"
    BAIK = "good"
    BUTUH_PERBAIKAN = "needs_improvement"
    KURANG = "poor"
    SANGAT_KURANG = "very_poor"

    @property
    def label(self) -> str:
        return _ORG_LABELS[self]


_ORG_LABELS = {
    OrgPredicate.ISTIMEWA: "Istimewa",
    OrgPredicate.BAIK: "Baik",
    OrgPredicate.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    OrgPredicate.KURANG: "Kurang",
    OrgPredicate.SANGAT_KURANG: "Sangat Kurang",
}


# Rows: rating perilaku kerja; columns: rating hasil kerja.
_MATRIX: dict[tuple[Rating, Rating], Predicate] = {
    # (work, behaviour)
    (Rating.BELOW, Rating.ABOVE): Predicate.BUTUH_PERBAIKAN,
    (Rating.MEETS, Rating.ABOVE): Predicate.BAIK,
    (Rating.ABOVE, Rating.ABOVE): Predicate.SANGAT_BAIK,
    (Rating.BELOW, Rating.MEETS): Predicate.BUTUH_PERBAIKAN,
    (Rating.MEETS, Rating.MEETS): Predicate.BAIK,
    (Rating.ABOVE, Rating.MEETS): Predicate.BAIK,
    (Rating.BELOW, Rating.BELOW): Predicate.SANGAT_KURANG,
    (Rating.MEETS, Rating.BELOW): Predicate.KURANG,
    (Rating.ABOVE, Rating.BELOW): Predicate.KURANG,
}


def predicate_for(work: Rating, behaviour: Rating) -> Predicate:
    """Predikat kinerja pegawai from the two ratings: the 3×3 kuadran of PermenPANRB 6/2022.

    `work` is the rating hasil kerja (the matrix's columns), `behaviour` the rating perilaku
    kerja (its rows):

    ====================  ===============  ==================  ==================
    perilaku \\ hasil      Di Bawah         Sesuai              Di Atas
    ====================  ===============  ==================  ==================
    Di Atas               Butuh Perbaikan  Baik                Sangat Baik
    Sesuai                Butuh Perbaikan  Baik                Baik
    Di Bawah              Sangat Kurang    Kurang/Misconduct   Kurang/Misconduct
    ====================  ===============  ==================  ==================
    """
    return _MATRIX[(Rating(work), Rating(behaviour))]


_HEAD_WORK_RATING = {
    OrgPredicate.ISTIMEWA: Rating.ABOVE,
    OrgPredicate.BAIK: Rating.MEETS,
    OrgPredicate.BUTUH_PERBAIKAN: Rating.BELOW,
    OrgPredicate.KURANG: Rating.BELOW,
    OrgPredicate.SANGAT_KURANG: Rating.BELOW,
}


def org_rating_for_head(org: OrgPredicate) -> Rating:
    """Rating hasil kerja of a unit head, taken from the unit's capaian kinerja organisasi.

    PermenPANRB 6/2022 (and the BKN material on it) says the organisation's result *is* the head's
    rating hasil kerja, but names no mapping between the two five- and three-step scales. The
    product maps Istimewa → Di Atas, Baik → Sesuai, and Butuh Perbaikan, Kurang and Sangat Kurang
    → Di Bawah Ekspektasi. UNCONFIRMED: this mapping is the product's choice, not a cited rule.
    """
    return _HEAD_WORK_RATING[OrgPredicate(org)]
