"""Pure rules of the reports: suppression of small groups, period targets, the proposal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.reports.domain import (
    ProposalBand,
    period_target,
    propose_org_result,
    suppress_counts,
    suppress_rate,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (0, 0, None),
        (4, 4, None),  # a group of four: hidden, not rounded
        (1, 5, Decimal("20.0")),
        (2, 3, None),
        (2, 7, Decimal("28.6")),
        (0, 9, Decimal("0.0")),
    ],
)
def test_a_rate_is_suppressed_when_its_group_is_smaller_than_five(numerator, denominator, expected):
    assert suppress_rate(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"a": 2, "b": 1}, {"a": None, "b": None}),  # the whole group is under five
        ({"a": 5, "b": 0}, {"a": 5, "b": 0}),  # zero stays visible
        ({"a": 5, "b": 2, "c": 1}, {"a": 5, "b": None, "c": None}),
        # One small cell alone could be recovered from the total: the next smallest goes too.
        ({"a": 9, "b": 6, "c": 3}, {"a": 9, "b": None, "c": None}),
        ({"a": 10, "b": 10}, {"a": 10, "b": 10}),
    ],
)
def test_small_cells_of_a_distribution_are_suppressed(counts, expected):
    assert suppress_counts(counts) == expected


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        ("annual", 1, Decimal(80)),
        ("quarterly", 1, Decimal(20)),
        ("quarterly", 3, Decimal(80)),  # no TW III target: the annual one
        ("monthly", 2, Decimal(20)),  # February falls in TW I
        ("monthly", 5, Decimal(45)),
    ],
)
def test_the_target_of_a_period(kind, number, expected):
    quarterly = [Decimal(20), Decimal(45), None, Decimal(80)]
    assert period_target(Decimal(80), quarterly, kind, number) == expected


@pytest.mark.parametrize(
    ("achievements", "band"),
    [
        ([Decimal(120), Decimal(110)], ProposalBand.ISTIMEWA),
        ([Decimal(200), Decimal(95)], ProposalBand.BAIK),  # high mean, one IKU missed
        ([Decimal(90)], ProposalBand.BAIK),
        ([Decimal("89.9")], ProposalBand.BUTUH_PERBAIKAN),
        ([Decimal(70)], ProposalBand.BUTUH_PERBAIKAN),
        ([Decimal(50)], ProposalBand.KURANG),
        ([Decimal(0), Decimal(60)], ProposalBand.SANGAT_KURANG),
        ([Decimal(500)], ProposalBand.ISTIMEWA),  # capped at 200
    ],
)
def test_the_proposed_organisation_result_follows_the_pp_30_2019_bands(achievements, band):
    assert propose_org_result(achievements).predicate is band


def test_no_achievement_no_proposal():
    assert propose_org_result([]) is None
