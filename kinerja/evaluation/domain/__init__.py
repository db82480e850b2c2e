"""Pure rules of the evaluation app (no Django): ratings, the predicate matrix, the distribution
pattern, the suggested work rating, appeal deadlines, angka kredit and the annual rule."""

from .annual import DEFAULT_ANNUAL_RULE, AnnualRule, annual_prefill
from .appeals import APPEAL_DAYS, appeal_closed_message, appeal_deadline, can_file_appeal
from .credit import CREDIT_PERCENTAGES, DEFAULT_COEFFICIENTS, credit_points
from .distribution import (
    DistributionRule,
    RuleKind,
    Violation,
    allowed_counts,
    check_distribution,
    format_pct,
    rules_for,
)
from .ratings import OrgPredicate, Predicate, Rating, org_rating_for_head, predicate_for
from .suggestion import (
    ABOVE_FROM_PCT,
    MEETS_FROM_PCT,
    SMALL_PART,
    IndicatorAchievement,
    achievement_pct,
    classify,
    needs_reason,
    suggest_work_rating,
)

__all__ = [
    "ABOVE_FROM_PCT",
    "APPEAL_DAYS",
    "CREDIT_PERCENTAGES",
    "DEFAULT_ANNUAL_RULE",
    "DEFAULT_COEFFICIENTS",
    "MEETS_FROM_PCT",
    "SMALL_PART",
    "AnnualRule",
    "DistributionRule",
    "IndicatorAchievement",
    "OrgPredicate",
    "Predicate",
    "Rating",
    "RuleKind",
    "Violation",
    "achievement_pct",
    "allowed_counts",
    "annual_prefill",
    "appeal_closed_message",
    "appeal_deadline",
    "can_file_appeal",
    "check_distribution",
    "classify",
    "credit_points",
    "format_pct",
    "needs_reason",
    "org_rating_for_head",
    "predicate_for",
    "rules_for",
    "suggest_work_rating",
]
