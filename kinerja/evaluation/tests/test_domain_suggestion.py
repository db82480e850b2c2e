"""The work rating the evidence suggests, and when a different choice needs a reason."""

from decimal import Decimal

import pytest

from kinerja.evaluation.domain import (
    ABOVE_FROM_PCT,
    MEETS_FROM_PCT,
    IndicatorAchievement,
    Rating,
    achievement_pct,
    classify,
    needs_reason,
    suggest_work_rating,
)

D = Decimal


@pytest.mark.parametrize(
    ("target_min", "target_max", "realised", "lower_is_better", "expected"),
    [
        (10, None, 10, False, "100.00"),
        (10, 10, 10, False, "100.00"),
        (10, None, 11, False, "110.00"),
        (10, None, 5, False, "50.00"),
        (3, None, 2, False, "66.67"),
        (D("12.5"), None, D("12.5"), False, "100.00"),
        (10, None, 50, False, "200.00"),  # capped at twice the target
        (90, 100, 95, False, "100.00"),  # inside the range is on target
        (90, 100, 80, False, "88.89"),  # under the range: the lower bound is the target
        (90, 100, 120, False, "120.00"),  # over the range: the upper bound is the target
        (5, None, 4, True, "125.00"),  # 4 complaints against at most 5
        (5, None, 10, True, "50.00"),
        (5, None, 0, True, "200.00"),  # zero when lower is better: the cap
        (0, None, 0, True, "100.00"),
        (0, None, 0, False, "100.00"),
        (0, None, 3, False, "200.00"),
        (2, 4, 3, True, "100.00"),
        (2, 4, 5, True, "80.00"),
        (2, 4, 1, True, "200.00"),
    ],
)
def test_achievement_pct(target_min, target_max, realised, lower_is_better, expected):
    assert achievement_pct(target_min, target_max, realised, lower_is_better) == D(expected)


def test_achievement_refuses_an_inverted_range():
    with pytest.raises(ValueError, match="Batas atas"):
        achievement_pct(10, 5, 7)


def test_achievement_refuses_negative_values():
    with pytest.raises(ValueError, match="negatif"):
        achievement_pct(10, None, -1)


@pytest.mark.parametrize(
    ("pct", "expected"),
    [
        ("200", Rating.ABOVE),
        ("110", Rating.ABOVE),
        ("109.99", Rating.MEETS),
        ("100", Rating.MEETS),
        ("99.99", Rating.BELOW),
        ("0", Rating.BELOW),
    ],
)
def test_each_indicator_is_classified_on_the_documented_thresholds(pct, expected):
    assert ABOVE_FROM_PCT == 110
    assert MEETS_FROM_PCT == 100
    assert classify(D(pct)) is expected


def main(pct):
    return IndicatorAchievement(is_main=True, achievement_pct=D(pct))


def extra(pct):
    return IndicatorAchievement(is_main=False, achievement_pct=D(pct))


@pytest.mark.parametrize(
    ("achievements", "expected"),
    [
        ([main(120), main(115), main(110)], Rating.ABOVE),
        ([main(120), main(115), extra(50)], Rating.ABOVE),  # an additional result may lag
        ([main(120), main(120), main(120), main(90)], Rating.MEETS),  # a main result below
        ([main(120), main(120), main(100), main(100)], Rating.MEETS),  # half above is not most
        ([main(100), main(105), extra(100)], Rating.MEETS),
        ([main(100), main(100), main(80)], Rating.MEETS),  # one third below: a small part
        ([main(100), main(80)], Rating.BELOW),  # half the main results below
        ([main(100), extra(50), extra(60), extra(70)], Rating.BELOW),  # most results below
        ([main(50), main(60), main(100)], Rating.BELOW),
        ([main(10)], Rating.BELOW),
        ([main(100)], Rating.MEETS),
        ([main(110)], Rating.ABOVE),
        # no result marked main: all count as main
        ([extra(120), extra(120), extra(90)], Rating.MEETS),
        ([extra(120), extra(120), extra(120)], Rating.ABOVE),
    ],
)
def test_suggested_work_rating_follows_the_bkn_definitions(achievements, expected):
    assert suggest_work_rating(achievements) is expected


def test_nothing_to_suggest_without_any_achievement():
    with pytest.raises(ValueError, match="Belum ada capaian"):
        suggest_work_rating([])


def test_suggestion_from_raw_realisations():
    achievements = [
        IndicatorAchievement(is_main=True, achievement_pct=achievement_pct(12, None, 14)),
        IndicatorAchievement(is_main=True, achievement_pct=achievement_pct(5, None, 3, True)),
    ]
    assert suggest_work_rating(achievements) is Rating.ABOVE


@pytest.mark.parametrize("suggested", list(Rating))
@pytest.mark.parametrize("chosen", list(Rating))
def test_a_departure_from_the_suggestion_needs_a_reason(suggested, chosen):
    assert needs_reason(suggested, chosen) is (suggested is not chosen)
