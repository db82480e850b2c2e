"""The assessor's team evaluation page: one row per subordinate, constant query count."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp
from kinerja.planning.selectors import assessor_q

from ..domain import Rating
from ..models import Evaluation, Period, PeriodSubmission, SubmissionStatus
from .achievement import progress_for_many, suggestion_from


@dataclass(frozen=True)
class TeamRow:
    skp: Skp
    status: str
    status_label: str
    evaluation: Evaluation | None
    suggestion: Rating | None


def team_rows(user, *, period: Period) -> list[TeamRow]:
    """Approved SKPs the user assesses in the period's year, with state and suggestion."""
    skps = list(
        Skp.objects.visible_to(user)
        .filter(assessor_q(user), status=SkpStatus.APPROVED, year=period.year)
        .select_related("employee")
        .order_by("employee_name", "id")
    )
    if not skps:
        return []
    ids = [s.pk for s in skps]
    submissions = {
        s.skp_id: s.status
        for s in PeriodSubmission.objects.filter(skp_id__in=ids, period=period).only(
            "skp_id", "status"
        )
    }
    evaluations = {e.skp_id: e for e in Evaluation.objects.filter(skp_id__in=ids, period=period)}
    progress = progress_for_many(skps, period)
    labels = dict(SubmissionStatus.choices)
    rows = []
    for skp in skps:
        status = submissions.get(skp.pk, SubmissionStatus.DRAFT.value)
        rows.append(
            TeamRow(
                skp=skp,
                status=status,
                status_label=str(labels[status]),
                evaluation=evaluations.get(skp.pk),
                suggestion=suggestion_from(progress[skp.pk]),
            )
        )
    return rows
