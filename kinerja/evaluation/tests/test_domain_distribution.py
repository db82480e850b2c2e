"""The SE MenPANRB 3/2023 distribution pattern, row by row, with its boundaries."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.evaluation.domain import (
    OrgPredicate,
    Predicate,
    RuleKind,
    Violation,
    allowed_counts,
    check_distribution,
    format_pct,
    rules_for,
)

SB, B, BP, K, SK = (
    Predicate.SANGAT_BAIK,
    Predicate.BAIK,
    Predicate.BUTUH_PERBAIKAN,
    Predicate.KURANG,
    Predicate.SANGAT_KURANG,
)


def counts(sb=0, b=0, bp=0, k=0, sk=0):
    return {SB: sb, B: b, BP: bp, K: k, SK: sk}


def codes(violations):
    return sorted((v.code, v.predicates) for v in violations)


# (org, counts, expected [(code, predicates)]) ------------------------------------------------
CASES = [
    # Istimewa: Sangat Baik at most 70 %
    ("istimewa exactly 70% sangat baik", OrgPredicate.ISTIMEWA, counts(sb=7, b=3), []),
    (
        "istimewa 70%+1 sangat baik",
        OrgPredicate.ISTIMEWA,
        counts(sb=8, b=2),
        [("max_share", (SB,))],
    ),
    ("istimewa all sangat baik", OrgPredicate.ISTIMEWA, counts(sb=10), [("max_share", (SB,))]),
    ("istimewa no sangat baik at all", OrgPredicate.ISTIMEWA, counts(b=5, bp=3, k=1, sk=1), []),
    (
        "istimewa one person sangat baik",
        OrgPredicate.ISTIMEWA,
        counts(sb=1),
        [("max_share", (SB,))],
    ),
    ("istimewa one person baik", OrgPredicate.ISTIMEWA, counts(b=1), []),
    # Baik: Baik at most 70 % and the largest group; at least one Butuh Perbaikan or Kurang
    ("baik exactly 70% baik", OrgPredicate.BAIK, counts(sb=2, b=7, bp=1), []),
    ("baik 70%+1 baik", OrgPredicate.BAIK, counts(b=8, bp=2), [("max_share", (B,))]),
    ("baik with only kurang as the must-have", OrgPredicate.BAIK, counts(b=7, k=3), []),
    (
        "baik none at all butuh perbaikan or kurang",
        OrgPredicate.BAIK,
        counts(sb=3, b=6, sk=1),
        [("at_least_one", (BP, K))],
    ),
    (
        "baik not the largest group",
        OrgPredicate.BAIK,
        counts(sb=4, b=3, bp=3),
        [("largest_group", (B,))],
    ),
    ("baik tied largest group", OrgPredicate.BAIK, counts(b=1, bp=1), []),
    ("baik tie of three", OrgPredicate.BAIK, counts(sb=3, b=3, bp=3), []),
    (
        "baik one person baik",
        OrgPredicate.BAIK,
        counts(b=1),
        [("at_least_one", (BP, K)), ("max_share", (B,))],
    ),
    ("baik one person butuh perbaikan", OrgPredicate.BAIK, counts(bp=1), [("largest_group", (B,))]),
    # Butuh Perbaikan: at least 60 % Butuh Perbaikan; Sangat Baik at most 10 %
    ("bp exactly 60%", OrgPredicate.BUTUH_PERBAIKAN, counts(b=4, bp=6), []),
    (
        "bp 60% minus one person",
        OrgPredicate.BUTUH_PERBAIKAN,
        counts(b=5, bp=5),
        [("min_share", (BP,))],
    ),
    ("bp exactly 10% sangat baik", OrgPredicate.BUTUH_PERBAIKAN, counts(sb=1, b=3, bp=6), []),
    (
        "bp 10%+1 sangat baik",
        OrgPredicate.BUTUH_PERBAIKAN,
        counts(sb=2, b=2, bp=6),
        [("max_share", (SB,))],
    ),
    (
        "bp both broken",
        OrgPredicate.BUTUH_PERBAIKAN,
        counts(sb=5, b=5),
        [("max_share", (SB,)), ("min_share", (BP,))],
    ),
    ("bp one person bp", OrgPredicate.BUTUH_PERBAIKAN, counts(bp=1), []),
    ("bp one person baik", OrgPredicate.BUTUH_PERBAIKAN, counts(b=1), [("min_share", (BP,))]),
    # Kurang: at least 60 % Kurang; at least 10 % Butuh Perbaikan; Sangat Baik at most 10 %
    ("kurang exact bounds", OrgPredicate.KURANG, counts(sb=1, b=2, bp=1, k=6), []),
    ("kurang 60% minus one", OrgPredicate.KURANG, counts(b=4, bp=1, k=5), [("min_share", (K,))]),
    ("kurang none at all bp", OrgPredicate.KURANG, counts(b=4, k=6), [("min_share", (BP,))]),
    (
        "kurang 10%+1 sangat baik",
        OrgPredicate.KURANG,
        counts(sb=2, b=1, bp=1, k=6),
        [("max_share", (SB,))],
    ),
    (
        "kurang one person kurang",
        OrgPredicate.KURANG,
        counts(k=1),
        [("min_share", (BP,))],
    ),
    # Sangat Kurang: at least 60 % SK; K + BP at least 10 %; no Sangat Baik
    ("sk exact with kurang", OrgPredicate.SANGAT_KURANG, counts(b=3, k=1, sk=6), []),
    ("sk exact with bp", OrgPredicate.SANGAT_KURANG, counts(b=3, bp=1, sk=6), []),
    (
        "sk 60% minus one",
        OrgPredicate.SANGAT_KURANG,
        counts(b=4, k=1, sk=5),
        [("min_share", (SK,))],
    ),
    (
        "sk none at all kurang or bp",
        OrgPredicate.SANGAT_KURANG,
        counts(b=4, sk=6),
        [("min_share", (K, BP))],
    ),
    (
        "sk any sangat baik",
        OrgPredicate.SANGAT_KURANG,
        counts(sb=1, b=2, k=1, sk=6),
        [("none_allowed", (SB,))],
    ),
]


@pytest.mark.parametrize(
    ("org", "unit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_distribution_table(org, unit, expected):
    assert codes(check_distribution(org, unit)) == sorted(expected)


@pytest.mark.parametrize("org", list(OrgPredicate))
def test_empty_unit_has_nothing_to_check(org):
    assert check_distribution(org, {}) == []
    assert check_distribution(org, counts()) == []


def test_missing_predicates_count_as_zero():
    assert check_distribution(OrgPredicate.BUTUH_PERBAIKAN, {BP: 3}) == []


def test_stored_slugs_are_accepted_as_keys():
    assert check_distribution(OrgPredicate.ISTIMEWA, {"very_good": 8, "good": 2})[0].count == 8


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negatif"):
        check_distribution(OrgPredicate.ISTIMEWA, {SB: -1, B: 3})


def test_violation_names_limit_count_and_share():
    (violation,) = check_distribution(OrgPredicate.ISTIMEWA, counts(sb=8, b=2))
    assert isinstance(violation, Violation)
    assert violation.limit_pct == 70
    assert violation.limit == 7
    assert violation.count == 8
    assert violation.total == 10
    assert violation.share == Fraction(4, 5)
    assert violation.message == (
        "Predikat Sangat Baik 8 dari 10 pegawai (80%) melebihi batas paling banyak 70% "
        "(7 pegawai) untuk unit dengan capaian kinerja organisasi Istimewa."
    )


def test_minimum_violation_message_is_indonesian_with_rounded_up_head_count():
    (violation,) = check_distribution(OrgPredicate.BUTUH_PERBAIKAN, counts(b=3, bp=4))
    assert violation.limit == 5  # 60 % of 7 = 4.2 → at least 5 people
    assert "4 dari 7 pegawai (57,1%)" in violation.message
    assert "paling sedikit 60%" in violation.message


def test_must_have_and_none_allowed_and_largest_messages():
    (must,) = check_distribution(OrgPredicate.BAIK, counts(sb=3, b=6, sk=1))
    assert must.message.startswith("Harus ada paling sedikit satu pegawai")
    assert "Butuh Perbaikan dan/atau Kurang/Misconduct" in must.message
    (forbidden,) = check_distribution(OrgPredicate.SANGAT_KURANG, counts(sb=1, b=2, k=1, sk=6))
    assert forbidden.message.startswith("Tidak boleh ada predikat Sangat Baik")
    assert forbidden.limit == 0
    (largest,) = check_distribution(OrgPredicate.BAIK, counts(sb=4, b=3, bp=3))
    assert "kelompok terbesar" in largest.message
    assert "Sangat Baik (4)" in largest.message
    assert largest.limit is None


def test_exact_fractions_not_floats_decide_the_boundary():
    # 0.7 * 30 is 20.999999999999996 in floating point; 21 of 30 is exactly 70 %.
    assert check_distribution(OrgPredicate.ISTIMEWA, counts(sb=21, b=9)) == []
    assert check_distribution(OrgPredicate.ISTIMEWA, counts(sb=22, b=8)) != []


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (Fraction(4, 5), "80%"),
        (Fraction(2, 3), "66,7%"),
        (Fraction(1, 8), "12,5%"),
        (Fraction(0), "0%"),
    ],
)
def test_percentages_are_written_the_indonesian_way(share, text):
    assert format_pct(share) == text


@pytest.mark.parametrize(
    ("org", "descriptions"),
    [
        (OrgPredicate.ISTIMEWA, ["Sangat Baik paling banyak 70%"]),
        (
            OrgPredicate.BAIK,
            [
                "Baik paling banyak 70%",
                "Baik merupakan kelompok terbesar",
                "harus ada pegawai dengan predikat Butuh Perbaikan dan/atau Kurang/Misconduct",
            ],
        ),
        (
            OrgPredicate.BUTUH_PERBAIKAN,
            ["Butuh Perbaikan paling sedikit 60%", "Sangat Baik paling banyak 10%"],
        ),
        (
            OrgPredicate.KURANG,
            [
                "Kurang/Misconduct paling sedikit 60%",
                "Butuh Perbaikan paling sedikit 10%",
                "Sangat Baik paling banyak 10%",
            ],
        ),
        (
            OrgPredicate.SANGAT_KURANG,
            [
                "Sangat Kurang paling sedikit 60%",
                "Kurang/Misconduct dan/atau Butuh Perbaikan paling sedikit 10%",
                "tidak boleh ada predikat Sangat Baik",
            ],
        ),
    ],
)
def test_every_rule_describes_itself_in_indonesian(org, descriptions):
    assert [rule.describe() for rule in rules_for(org)] == descriptions


# allowed_counts ---------------------------------------------------------------------------
FULL = {1: (0, 1), 5: (0, 5), 7: (0, 7), 10: (0, 10), 33: (0, 33)}
MAX70 = {1: 0, 5: 3, 7: 4, 10: 7, 33: 23}
MIN60 = {1: 1, 5: 3, 7: 5, 10: 6, 33: 20}
MAX10 = {1: 0, 5: 0, 7: 0, 10: 1, 33: 3}
MIN10 = {1: 1, 5: 1, 7: 1, 10: 1, 33: 4}


def _expected(org, total):
    bounds = {p: FULL[total] for p in Predicate}
    if org is OrgPredicate.ISTIMEWA:
        bounds[SB] = (0, MAX70[total])
    elif org is OrgPredicate.BAIK:
        bounds[B] = (0, MAX70[total])
    elif org is OrgPredicate.BUTUH_PERBAIKAN:
        bounds[BP] = (MIN60[total], total)
        bounds[SB] = (0, MAX10[total])
    elif org is OrgPredicate.KURANG:
        bounds[K] = (MIN60[total], total)
        bounds[BP] = (MIN10[total], total)
        bounds[SB] = (0, MAX10[total])
    else:
        bounds[SK] = (MIN60[total], total)
        bounds[SB] = (0, 0)
    return bounds


@pytest.mark.parametrize("total", [1, 5, 7, 10, 33])
@pytest.mark.parametrize("org", list(OrgPredicate))
def test_allowed_counts_round_minimums_up_and_maximums_down(org, total):
    assert allowed_counts(org, total) == _expected(org, total)


def test_allowed_counts_for_an_empty_unit_are_all_zero():
    assert set(allowed_counts(OrgPredicate.KURANG, 0).values()) == {(0, 0)}


def test_allowed_counts_refuses_negative_totals():
    with pytest.raises(ValueError, match="negatif"):
        allowed_counts(OrgPredicate.BAIK, -1)


def test_kurang_row_of_one_person_cannot_be_satisfied_and_says_so():
    # 60 % Kurang and 10 % Butuh Perbaikan each need one of the single employee.
    bounds = allowed_counts(OrgPredicate.KURANG, 1)
    assert bounds[K][0] + bounds[BP][0] == 2


# Properties -------------------------------------------------------------------------------
count_maps = st.fixed_dictionaries({p: st.integers(min_value=0, max_value=40) for p in Predicate})


def _within_bounds(org, unit):
    total = sum(unit.values())
    bounds = allowed_counts(org, total)
    return all(low <= unit[p] <= high for p, (low, high) in bounds.items())


def _group_rules_hold(org, unit):
    """The clauses allowed_counts cannot express, written out independently."""
    total = sum(unit.values())
    if org is OrgPredicate.BAIK:
        largest = all(unit[B] >= unit[p] for p in Predicate)
        return largest and unit[BP] + unit[K] >= 1
    if org is OrgPredicate.SANGAT_KURANG:
        return (unit[K] + unit[BP]) * 10 >= total
    return True


@settings(max_examples=400, database=None, deadline=None)
@given(org=st.sampled_from(list(OrgPredicate)), unit=count_maps)
def test_pattern_holds_iff_bounds_and_group_rules_hold(org, unit):
    total = sum(unit.values())
    holds = check_distribution(org, unit) == []
    if total == 0:
        assert holds
    else:
        assert holds == (_within_bounds(org, unit) and _group_rules_hold(org, unit))


@settings(max_examples=400, database=None, deadline=None)
@given(
    org=st.sampled_from([OrgPredicate.ISTIMEWA, OrgPredicate.BUTUH_PERBAIKAN, OrgPredicate.KURANG]),
    unit=count_maps,
)
def test_rows_without_group_clauses_are_exactly_the_bounds(org, unit):
    assert (check_distribution(org, unit) == []) == (
        sum(unit.values()) == 0 or _within_bounds(org, unit)
    )


@settings(max_examples=200, database=None, deadline=None)
@given(total=st.integers(min_value=1, max_value=500))
def test_head_count_bounds_sit_exactly_on_the_percentages(total):
    limit = allowed_counts(OrgPredicate.ISTIMEWA, total)[SB][1]
    rest = {B: total - limit}
    assert check_distribution(OrgPredicate.ISTIMEWA, {SB: limit, **rest}) == []
    if limit < total:
        over = {SB: limit + 1, B: total - limit - 1}
        assert [v.code for v in check_distribution(OrgPredicate.ISTIMEWA, over)] == [
            RuleKind.MAX_SHARE
        ]
    minimum = allowed_counts(OrgPredicate.BUTUH_PERBAIKAN, total)[BP][0]
    assert check_distribution(OrgPredicate.BUTUH_PERBAIKAN, {BP: minimum, B: total - minimum}) == []
    if minimum > 0:
        under = {BP: minimum - 1, B: total - minimum + 1}
        assert [v.code for v in check_distribution(OrgPredicate.BUTUH_PERBAIKAN, under)] == [
            RuleKind.MIN_SHARE
        ]
