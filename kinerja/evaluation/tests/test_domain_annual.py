"""How the annual rating is pre-filled or computed from the periods (configurable)."""

import pytest

from kinerja.evaluation.domain import DEFAULT_ANNUAL_RULE, AnnualRule, Rating, annual_prefill

A, M, B = Rating.ABOVE, Rating.MEETS, Rating.BELOW


def test_default_is_the_assessor_deciding_with_the_last_period_prefilled():
    assert DEFAULT_ANNUAL_RULE is AnnualRule.ASSESSOR_DECIDES_PREFILL_LAST
    assert not DEFAULT_ANNUAL_RULE.is_computed
    assert annual_prefill([B, M, A]) is A


@pytest.mark.parametrize(
    ("rule", "ratings", "expected"),
    [
        (AnnualRule.ASSESSOR_DECIDES_PREFILL_LAST, [A, A, B], B),
        (AnnualRule.LAST_PERIOD, [A, A, B], B),
        (AnnualRule.LAST_PERIOD, [M], M),
        (AnnualRule.WORST_PERIOD, [A, M, A, A], M),
        (AnnualRule.WORST_PERIOD, [A, B, A], B),
        (AnnualRule.WORST_PERIOD, [A, A], A),
        (AnnualRule.MAJORITY, [A, M, M, A, M], M),
        (AnnualRule.MAJORITY, [B, B, A], B),
        (AnnualRule.MAJORITY, [A, B], B),  # tie: the most recent of the tied ratings
        (AnnualRule.MAJORITY, [B, A, A, B, M], B),
        (AnnualRule.MAJORITY, [A, A, B, B, M], B),
    ],
)
def test_annual_rules(rule, ratings, expected):
    assert annual_prefill(ratings, rule) is expected


@pytest.mark.parametrize("rule", list(AnnualRule))
def test_no_period_rated_gives_nothing(rule):
    assert annual_prefill([], rule) is None


def test_stored_slugs_are_accepted():
    assert annual_prefill(["meets", "below"], "worst_period") is B  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", list(AnnualRule))
def test_every_rule_has_an_indonesian_label(rule):
    assert rule.label
    assert rule.is_computed is (rule is not AnnualRule.ASSESSOR_DECIDES_PREFILL_LAST)
