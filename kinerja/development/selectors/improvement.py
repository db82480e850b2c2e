"""What a need calls for: recommended events and activities, and the improvement plan proposed
to an employee rated Butuh Perbaikan or below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Q,
)

from kinerja.core import clock

from ..domain import (
    ActivityForm,
    NeedSource,
)
from ..models import (
    Activity,
    DevelopmentNeed,
    NeedStatus,
    PlanItem,
    TrainingEvent,
)
from .events import open_events


@dataclass(frozen=True)
class Recommendation:
    events: list[TrainingEvent]
    activities: list[Activity]


# A performance gap with no competency attached is worked on with the assessor's guidance.
GUIDANCE_FORMS = (
    ActivityForm.COACHING.value,
    ActivityForm.MENTORING.value,
    ActivityForm.BIMBINGAN_DI_TEMPAT_KERJA.value,
)
PERFORMANCE_SOURCES = frozenset(
    {
        NeedSource.PERFORMANCE_PREDICATE.value,
        NeedSource.BEHAVIOUR.value,
        NeedSource.RHK_BELOW_TARGET.value,
    }
)


def recommendations(need: DevelopmentNeed, *, today: dt.date | None = None) -> Recommendation:
    """Upcoming open events and catalogue activities for a need.

    A need tied to a competency gets what builds that competency; a performance gap without one
    (the predicate, BerAKHLAK, an RHK) gets coaching, mentoring and on-the-job guidance.
    """
    if need.competency_id is not None:
        match_event = Q(target_competency_id=need.competency_id) | Q(
            activity__competencies=need.competency_id
        )
        match_activity = Q(competencies=need.competency_id)
    elif need.source in PERFORMANCE_SOURCES:
        match_event = Q(activity__form__in=GUIDANCE_FORMS)
        match_activity = Q(form__in=GUIDANCE_FORMS)
    else:
        return Recommendation([], [])
    events = list(open_events(today=today).filter(match_event).distinct()[:5])
    activities = list(
        Activity.objects.filter(match_activity, is_active=True).distinct().order_by("name")[:5]
    )
    return Recommendation(events, activities)


@dataclass(frozen=True)
class ProposedItem:
    """A line the improvement plan proposes: the performance need, an activity, a quarter."""

    need: DevelopmentNeed
    activity: Activity | None
    quarter: int


def proposal_quarter(year: int, *, today: dt.date | None = None) -> int:
    """Improvement starts now: the current quarter of this year, Q1 of a later year."""
    today = today or clock.today()
    if year > today.year:
        return 1
    if year < today.year:
        return 4
    return (today.month - 1) // 3 + 1


def improvement_plan_proposal(
    needs: list[DevelopmentNeed],
    plan_items: list[PlanItem],
    *,
    year: int,
    today: dt.date | None = None,
) -> list[ProposedItem] | None:
    """The improvement plan proposed to an employee rated Butuh Perbaikan or below.

    None when no open predicate need exists. Otherwise one line per open performance need not
    already in the plan, with the first recommended activity (None when the catalogue has no
    fitting activity yet).
    """
    open_needs = [n for n in needs if n.status != NeedStatus.CLOSED]
    if not any(n.source == NeedSource.PERFORMANCE_PREDICATE for n in open_needs):
        return None
    planned = {item.need_id for item in plan_items if item.need_id}
    quarter = proposal_quarter(year, today=today)
    proposal = []
    for need in open_needs:
        if need.source not in PERFORMANCE_SOURCES or need.pk in planned:
            continue
        recommended = getattr(need, "recommended", None) or recommendations(need, today=today)
        activity = recommended.activities[0] if recommended.activities else None
        proposal.append(ProposedItem(need, activity, quarter))
    return proposal
