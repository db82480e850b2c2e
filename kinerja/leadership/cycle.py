"""The evaluation cycle as a leader sees it.

This period's realisation/evaluation state of every team member, what waits for the leader in
evaluation (periods to rate, appeals to decide), and periods stalled past their evaluation
deadline, escalated to the assessor's own superior. Each read is a fixed number of queries,
whatever the size of the team.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from kinerja.evaluation.models import (
    Appeal,
    AppealStatus,
    Period,
    PeriodSubmission,
    SubmissionStatus,
)
from kinerja.planning.models import Skp
from kinerja.planning.selectors import assessor_q

from .domain import current_period, is_period_late
from .team import team_q

DRAFT = SubmissionStatus.DRAFT.value
SUBMITTED = SubmissionStatus.SUBMITTED.value
EVALUATED = SubmissionStatus.EVALUATED.value
ACKNOWLEDGED = SubmissionStatus.ACKNOWLEDGED.value


@dataclass(frozen=True)
class SkpSpan:
    """The approved SKP of a member whose periods are evaluated, and the dates it covers."""

    skp_id: int
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class PeriodState:
    """One member's state in the current period, with the earlier periods they missed."""

    skp_id: int
    period_id: int
    period_label: str
    status: str
    entry_closes: dt.date
    evaluation_deadline: dt.date
    today: dt.date
    late_periods: int = 0

    @property
    def submitted(self) -> bool:
        return self.status != DRAFT

    @property
    def late(self) -> bool:
        """The window has closed and the realisation was not submitted."""
        return is_period_late(
            submitted=self.submitted, entry_closes=self.entry_closes, today=self.today
        )

    @property
    def late_count(self) -> int:
        """Periods of the SKP whose window closed without a submission, this one included."""
        return self.late_periods + self.late

    @property
    def waiting_for_evaluation(self) -> bool:
        return self.status == SUBMITTED

    @property
    def evaluation_overdue(self) -> bool:
        return self.status == SUBMITTED and self.today > self.evaluation_deadline

    @property
    def label(self) -> str:
        if self.status == DRAFT:
            if self.late:
                return f"{self.period_label}: terlambat, realisasi belum diajukan"
            return f"{self.period_label}: belum diajukan (s.d. {self.entry_closes:%d-%m-%Y})"
        if self.status == SUBMITTED:
            if self.evaluation_overdue:
                return f"{self.period_label}: diajukan, penilaian lewat batas waktu"
            return f"{self.period_label}: diajukan, menunggu penilaian"
        if self.status == EVALUATED:
            return f"{self.period_label}: dinilai, menunggu diterima pegawai"
        return f"{self.period_label}: penilaian diterima pegawai"

    @property
    def url(self) -> str:
        return reverse("evaluation:period", args=[self.skp_id, self.period_id])


def periodic_periods(year: int) -> list[Period]:
    return list(Period.objects.filter(year=year).periodic().order_by("entry_opens", "number"))


def _overlaps(period: Period, span: SkpSpan) -> bool:
    return period.start <= span.end and period.end >= span.start


def period_states(
    spans: dict[int, SkpSpan],
    *,
    year: int,
    today: dt.date,
    periods: list[Period] | None = None,
) -> dict[int, PeriodState]:
    """Employee id → state in the current period of their approved SKP (three queries; two when
    the caller passes the year's `periodic_periods`).

    `late_periods` counts the earlier periods of the SKP whose window closed without a
    submission. Members without an approved SKP have no period state (their SKP is the issue).
    Rows read stay at about one per member: the current period's status per SKP, and one count
    per SKP of the closed periods that were submitted.
    """
    if not spans:
        return {}
    if periods is None:
        periods = periodic_periods(year)
    if not periods:
        return {}
    started = [p for p in periods if p.entry_opens <= today]
    closed = [p for p in started if p.entry_closes < today]
    current: dict[int, Period] = {}
    for employee_id, span in spans.items():
        period = current_period([p for p in started if _overlaps(p, span)], today)
        if period is not None:
            current[employee_id] = period
    if not current:
        return {}
    skp_ids = sorted({spans[e].skp_id for e in current})
    statuses: dict[tuple[int, int], str] = {
        (skp_id, period_id): status
        for skp_id, period_id, status in PeriodSubmission.objects.filter(
            skp_id__in=skp_ids, period_id__in=sorted({p.pk for p in current.values()})
        ).values_list("skp_id", "period_id", "status")
    }
    submitted_closed: dict[int, int] = dict(
        PeriodSubmission.objects.filter(skp_id__in=skp_ids, period_id__in=[p.pk for p in closed])
        .exclude(status=DRAFT)
        .filter(period__start__lte=F("skp__period_end"), period__end__gte=F("skp__period_start"))
        .order_by()
        .values("skp_id")
        .annotate(n=Count("pk"))
        .values_list("skp_id", "n")
    )
    states: dict[int, PeriodState] = {}
    for employee_id, period in current.items():
        span = spans[employee_id]
        status = statuses.get((span.skp_id, period.pk), DRAFT)
        missed = sum(1 for p in closed if _overlaps(p, span)) - submitted_closed.get(span.skp_id, 0)
        if period.entry_closes < today and status == DRAFT:
            missed -= 1  # the current period's own lateness is `late`, not an earlier period
        states[employee_id] = PeriodState(
            skp_id=span.skp_id,
            period_id=period.pk,
            period_label=period.label,
            status=status,
            entry_closes=period.entry_closes,
            evaluation_deadline=period.evaluation_deadline,
            today=today,
            late_periods=max(missed, 0),
        )
    return states


def evaluations_waiting(user) -> QuerySet[PeriodSubmission]:
    """Submitted periods of the SKPs the user assesses, not yet rated.

    The submitted periods are few (found through the status index) and each is checked against
    its SKP by primary key, rather than building the set of the user's SKPs (a scan of every
    SKP, since the assessor's post has no index)."""
    assessed = Skp.objects.filter(assessor_q(user), pk=OuterRef("skp_id"))
    return PeriodSubmission.objects.filter(Exists(assessed), status=SUBMITTED)


def appeals_waiting(user) -> QuerySet[Appeal]:
    """Open appeals the user decides as the atasan pejabat penilai named on the SKP."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return Appeal.objects.none()
    return Appeal.objects.filter(evaluation__skp__superior_id=employee_id).exclude(
        status=AppealStatus.DECIDED
    )


def appeals_url() -> str:
    """The page where appeals are decided, when the evaluation app offers one."""
    for name in ("evaluation:appeals_waiting", "evaluation:appeals"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def stalled_periods(user, *, today: dt.date) -> QuerySet[PeriodSubmission]:
    """Submitted periods not rated by their evaluation deadline, whose assessor answers to the
    user: the user is the SKP's atasan pejabat penilai, or the assessor is in their team.

    Periods the user rates personally are in their own queue ("menunggu penilaian"), not here.
    """
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return PeriodSubmission.objects.none()
    # The assessor's unit checked per submitted period (few, found through the status index)
    # rather than the team as a set: building the set reads the whole team.
    below = Q(skp__superior_id=employee_id)
    in_team = team_q(user, "skp__assessor__")
    if in_team is not None:
        below |= in_team
    return (
        PeriodSubmission.objects.filter(
            below,
            status=SUBMITTED,
            period__evaluation_deadline__lt=today,
        )
        .exclude(skp__assessor_id=employee_id)
        .select_related("skp", "period")
        .order_by("period__evaluation_deadline", "skp__employee_name", "id")
    )
