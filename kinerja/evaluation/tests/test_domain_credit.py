"""Angka kredit from the annual predicate (PerBKN 3/2023): percentage × coefficient, pro rata."""

from decimal import Decimal

import pytest

from kinerja.evaluation.domain import (
    CREDIT_PERCENTAGES,
    DEFAULT_COEFFICIENTS,
    Predicate,
    credit_points,
)
from kinerja.organisations.domain.positions import FunctionalLevel

D = Decimal


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (Predicate.SANGAT_BAIK, "18.750"),
        (Predicate.BAIK, "12.500"),
        (Predicate.BUTUH_PERBAIKAN, "9.375"),
        (Predicate.KURANG, "6.250"),
        (Predicate.SANGAT_KURANG, "3.125"),
    ],
)
def test_full_year_for_ahli_pertama(predicate, expected):
    assert credit_points(predicate, D("12.5")) == D(expected)


@pytest.mark.parametrize(
    ("predicate", "pct"),
    [
        (Predicate.SANGAT_BAIK, 150),
        (Predicate.BAIK, 100),
        (Predicate.BUTUH_PERBAIKAN, 75),
        (Predicate.KURANG, 50),
        (Predicate.SANGAT_KURANG, 25),
    ],
)
def test_percentages_per_predicate(predicate, pct):
    assert CREDIT_PERCENTAGES[predicate] == pct


@pytest.mark.parametrize(
    ("predicate", "coefficient", "months", "expected"),
    [
        (Predicate.BUTUH_PERBAIKAN, "37.5", 5, "11.719"),  # 11.71875 rounded half up
        (Predicate.BAIK, "37.5", 6, "18.750"),
        (Predicate.SANGAT_BAIK, "25", 1, "3.125"),
        (Predicate.BAIK, "5", 7, "2.917"),
        (Predicate.SANGAT_KURANG, "50", 12, "12.500"),
        (Predicate.BAIK, "0", 12, "0.000"),
    ],
)
def test_part_year_is_pro_rata_and_rounded_to_three_places(
    predicate, coefficient, months, expected
):
    value = credit_points(predicate, D(coefficient), months)
    assert value == D(expected)
    assert value.as_tuple().exponent == -3


@pytest.mark.parametrize("months", [0, 13, -1])
def test_months_outside_a_year_are_refused(months):
    with pytest.raises(ValueError, match="antara 1 dan 12"):
        credit_points(Predicate.BAIK, D("12.5"), months)


def test_negative_coefficient_is_refused():
    with pytest.raises(ValueError, match="negatif"):
        credit_points(Predicate.BAIK, D("-1"))


def test_every_functional_level_has_a_default_coefficient():
    assert set(DEFAULT_COEFFICIENTS) == set(FunctionalLevel)


@pytest.mark.parametrize(
    ("level", "coefficient"),
    [
        (FunctionalLevel.AHLI_PERTAMA, "12.5"),
        (FunctionalLevel.AHLI_MUDA, "25"),
        (FunctionalLevel.AHLI_MADYA, "37.5"),
        (FunctionalLevel.AHLI_UTAMA, "50"),
        (FunctionalLevel.TERAMPIL, "5"),
        (FunctionalLevel.MAHIR, "12.5"),
        (FunctionalLevel.PENYELIA, "25"),
    ],
)
def test_default_coefficients(level, coefficient):
    assert DEFAULT_COEFFICIENTS[level] == D(coefficient)
