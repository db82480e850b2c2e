"""The predicate matrix of PermenPANRB 6/2022, cell by cell, and the unit-head rating."""

import pytest

from kinerja.evaluation.domain import (
    OrgPredicate,
    Predicate,
    Rating,
    org_rating_for_head,
    predicate_for,
)

A, M, B = Rating.ABOVE, Rating.MEETS, Rating.BELOW


@pytest.mark.parametrize(
    ("work", "behaviour", "expected"),
    [
        # behaviour Di Atas
        (B, A, Predicate.BUTUH_PERBAIKAN),
        (M, A, Predicate.BAIK),
        (A, A, Predicate.SANGAT_BAIK),
        # behaviour Sesuai
        (B, M, Predicate.BUTUH_PERBAIKAN),
        (M, M, Predicate.BAIK),
        (A, M, Predicate.BAIK),
        # behaviour Di Bawah
        (B, B, Predicate.SANGAT_KURANG),
        (M, B, Predicate.KURANG),
        (A, B, Predicate.KURANG),
    ],
)
def test_every_cell_of_the_matrix(work, behaviour, expected):
    assert predicate_for(work, behaviour) is expected


def test_matrix_is_not_symmetric_work_is_the_column():
    assert predicate_for(work=B, behaviour=A) is Predicate.BUTUH_PERBAIKAN
    assert predicate_for(work=A, behaviour=B) is Predicate.KURANG


def test_predicate_accepts_stored_slugs():
    assert predicate_for("above", "above") is Predicate.SANGAT_BAIK  # type: ignore[arg-type]


def test_only_sangat_baik_needs_both_ratings_above():
    cells = [(w, b) for w in Rating for b in Rating]
    assert [c for c in cells if predicate_for(*c) is Predicate.SANGAT_BAIK] == [(A, A)]


@pytest.mark.parametrize(
    ("rating", "label"),
    [(A, "Di Atas Ekspektasi"), (M, "Sesuai Ekspektasi"), (B, "Di Bawah Ekspektasi")],
)
def test_rating_labels_are_indonesian(rating, label):
    assert rating.label == label


@pytest.mark.parametrize(
    ("predicate", "label", "needs_plan"),
    [
        (Predicate.SANGAT_BAIK, "Sangat Baik", False),
        (Predicate.BAIK, "Baik", False),
        (Predicate.BUTUH_PERBAIKAN, "Butuh Perbaikan", True),
        (Predicate.KURANG, "Kurang/Misconduct", True),
        (Predicate.SANGAT_KURANG, "Sangat Kurang", True),
    ],
)
def test_predicate_labels_and_improvement_plan(predicate, label, needs_plan):
    assert predicate.label == label
    assert predicate.needs_improvement_plan is needs_plan


def test_istimewa_is_an_organisation_predicate_only():
    assert "Istimewa" not in {p.label for p in Predicate}
    assert OrgPredicate.ISTIMEWA.label == "Istimewa"


def test_values_are_english_slugs():
    for enum in (Rating, Predicate, OrgPredicate):
        for member in enum:
            assert member.value.isascii()
            assert member.value == member.value.lower()


@pytest.mark.parametrize(
    ("org", "expected"),
    [
        (OrgPredicate.ISTIMEWA, A),
        (OrgPredicate.BAIK, M),
        (OrgPredicate.BUTUH_PERBAIKAN, B),
        (OrgPredicate.KURANG, B),
        (OrgPredicate.SANGAT_KURANG, B),
    ],
)
def test_unit_head_work_rating_follows_the_organisation_result(org, expected):
    assert org_rating_for_head(org) is expected
