"""Pure rules of the reports: suppression of small groups, period targets, the proposal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.reports.domain import (
    ProposalBand,
    period_target,
    propose_org_result,
    suppress_count_table,
    suppress_counts,
    suppress_rate,
    suppress_rate_column,
    suppress_size_column,
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
        # With the zeros shown, the two hidden cells would sum to two and each be one.
        ({"a": 9, "b": 1, "c": 1, "d": 0}, {"a": 9, "b": None, "c": None, "d": None}),
        # A hidden zero is cover enough for a single small cell: 3 could be 3 + 0 or 2 + 1.
        ({"a": 9, "b": 3, "c": 0}, {"a": 9, "b": None, "c": None}),
    ],
)
def test_small_cells_of_a_distribution_are_suppressed(counts, expected):
    assert suppress_counts(counts) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # The second group's small cell and its complement; then column x has a single hidden
        # group, recoverable from the regency's sum: the first group goes too.
        (
            [{"x": 5, "y": 5}, {"x": 3, "y": 6}],
            [{"x": None, "y": None}, {"x": None, "y": None}],
        ),
        # The group with the next smallest figure in the column is the one suppressed.
        (
            [{"x": 10, "y": 10}, {"x": 11, "y": 12}, {"x": 2, "y": 8}],
            [{"x": None, "y": None}, {"x": 11, "y": 12}, {"x": None, "y": None}],
        ),
        # A group with nobody in the distribution gives no cover: its zeros are known.
        (
            [{"x": 6, "y": 0}, {"x": 0, "y": 0}, {"x": 3, "y": 9}],
            [{"x": None, "y": None}, {"x": None, "y": None}, {"x": None, "y": None}],
        ),
        # Two hidden groups with nobody in column y would each be zero: a third goes.
        (
            [{"x": 3, "y": 0}, {"x": 2, "y": 0}, {"x": 9, "y": 6}, {"x": 12, "y": 7}],
            [
                {"x": None, "y": None},
                {"x": None, "y": None},
                {"x": None, "y": None},
                {"x": 12, "y": 7},
            ],
        ),
        # Large groups side by side: nothing hidden.
        (
            [{"x": 6, "y": 0}, {"x": 7, "y": 5}],
            [{"x": 6, "y": 0}, {"x": 7, "y": 5}],
        ),
    ],
)
def test_groups_published_beside_their_sum_hide_no_cell_recoverable_by_subtraction(rows, expected):
    assert suppress_count_table(rows) == expected


@given(
    st.lists(
        st.fixed_dictionaries({k: st.integers(0, 12) for k in "abcde"}), min_size=1, max_size=6
    )
)
def test_no_suppressed_cell_is_alone_in_its_distribution_or_its_column(rows):
    shown = suppress_count_table(rows)
    for row, cells in zip(rows, shown, strict=True):
        hidden = [k for k, v in cells.items() if v is None]
        assert len(hidden) != 1 or sum(row.values()) == 0
        assert all(v is None or v == 0 or v >= 5 for v in cells.values())
        if hidden and sum(row.values()) > 0:
            assert all(cells[k] is None for k, n in row.items() if n == 0)
    covered = [i for i, row in enumerate(rows) if sum(row.values()) > 0]
    if len(covered) < 2:
        return  # one group with anybody in it: the regency's cells are its own, hidden alike
    for key in "abcde":
        hidden = [i for i in covered if shown[i][key] is None]
        alone = len(hidden) == 1 or (hidden and sum(rows[i][key] for i in hidden) == 0)
        everything = all(shown[i][key] is None for i in covered)
        assert not alone or everything


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(3, 4), (5, 10), (9, 20)], [None, None, Decimal("45.0")]),
        ([(0, 0), (5, 10)], [None, Decimal("50.0")]),  # an empty group hides nothing
        ([(1, 3), (2, 4), (9, 20)], [None, None, Decimal("45.0")]),
        # Two small groups both at 0 % (or both at 100 %) would each be that: one more goes.
        ([(0, 3), (0, 4), (1, 10), (9, 20)], [None, None, None, Decimal("45.0")]),
        ([(3, 3), (4, 4), (7, 10), (9, 20)], [None, None, None, Decimal("45.0")]),
    ],
)
def test_a_rate_of_one_small_group_takes_the_next_smallest_with_it(pairs, expected):
    assert suppress_rate_column(pairs) == expected


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [([3, 9, 20], [None, None, 20]), ([0, 9], [None, 9]), ([3, 2, 9], [None, None, 9])],
)
def test_a_group_size_under_five_takes_the_next_smallest_with_it(sizes, expected):
    assert suppress_size_column(sizes) == expected


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
