"""The annual evaluation: the periods' ratings and the pre-fill the configured rule gives."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.planning.models import Skp

from ..domain import DEFAULT_ANNUAL_RULE, AnnualRule, Rating, annual_prefill
from ..models import Evaluation, EvaluationSchedule, PeriodKind


@dataclass(frozen=True)
class AnnualOverview:
    rule: AnnualRule
    periods: list[Evaluation]  # the periodic evaluations, in calendar order
    work: Rating | None
    behaviour: Rating | None

    @property
    def has_prefill(self) -> bool:
        return self.work is not None or self.behaviour is not None

    def departs(self, work: Rating | None, behaviour: Rating) -> bool:
        """Whether the assessor's annual ratings differ from the rule's pre-fill (`work` None
        when it is not the assessor's choice, as for a unit head)."""
        return (work is not None and self.work is not None and self.work is not Rating(work)) or (
            self.behaviour is not None and self.behaviour is not Rating(behaviour)
        )


def annual_overview(skp: Skp) -> AnnualOverview:
    """The SKP's periodic ratings of its year and what the year's annual rule makes of them
    (two queries)."""
    rule_value = (
        EvaluationSchedule.objects.filter(year=skp.year)
        .values_list("annual_rule", flat=True)
        .first()
    )
    rule = AnnualRule(rule_value) if rule_value else DEFAULT_ANNUAL_RULE
    periods = list(
        Evaluation.objects.filter(skp=skp, period__year=skp.year)
        .exclude(period__kind=PeriodKind.ANNUAL)
        .select_related("period")
        .order_by("period__start", "period__number")
    )
    return AnnualOverview(
        rule=rule,
        periods=periods,
        work=annual_prefill([Rating(e.work_rating) for e in periods], rule),
        behaviour=annual_prefill([Rating(e.behaviour_rating) for e in periods], rule),
    )
