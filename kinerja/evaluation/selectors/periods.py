"""The period page of one SKP, the employee's overview, and evidence reuse."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from kinerja.core import clock
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp

from ..domain import Rating
from ..models import (
    Evaluation,
    Evidence,
    EvidenceKind,
    Feedback,
    Period,
    PeriodReopening,
    PeriodSubmission,
    SubmissionStatus,
)
from .achievement import IndicatorProgress, progress_for_many, suggestion_from


def current_periods(year: int) -> list[Period]:
    return list(Period.objects.filter(year=year).order_by("-kind", "number"))


def my_skps(user, year: int) -> list[Skp]:
    """The user's approved SKPs of the year (the ones that are evaluated)."""
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return []
    return list(
        Skp.objects.filter(employee_id=employee_id, year=year, status=SkpStatus.APPROVED).order_by(
            "-period_start"
        )
    )


@dataclass
class PeriodPage:
    skp: Skp
    period: Period
    submission: PeriodSubmission | None
    rows: list[IndicatorProgress]
    evidence: list[Evidence]
    evaluation: Evaluation | None
    feedback: list[Feedback]
    reopened_until: object
    window_open: bool
    is_owner: bool
    is_assessor: bool
    suggestion: Rating | None = None
    evidence_by_realisation: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else SubmissionStatus.DRAFT

    @property
    def can_edit(self) -> bool:
        return (
            self.is_owner
            and self.skp.status == SkpStatus.APPROVED
            and self.window_open
            and self.status == SubmissionStatus.DRAFT
        )


def skp_period(user, *, skp_id: int, period_id: int) -> tuple[Skp, Period]:
    """The visible SKP and its period, without the page's contents (for the writes on the period
    page); raises Skp/Period.DoesNotExist when not visible."""
    skp = Skp.objects.visible_to(user).select_related("employee", "unit").get(pk=skp_id)
    return skp, Period.objects.visible_to(user).get(pk=period_id, year=skp.year)


def my_period(user, *, skp_id: int, period_id: int) -> PeriodPage:
    """Everything the period page shows; raises Skp/Period.DoesNotExist when not visible."""
    skp, period = skp_period(user, skp_id=skp_id, period_id=period_id)
    today = clock.today()
    reopened = (
        PeriodReopening.objects.filter(skp=skp, period=period, until__gte=today)
        .order_by("-until")
        .values_list("until", flat=True)
        .first()
    )
    rows = progress_for_many([skp], period)[skp.pk]
    evidence = list(
        Evidence.objects.filter(skp=skp, period=period, appeal__isnull=True).order_by("created_at")
    )
    by_realisation: dict = defaultdict(list)
    for item in evidence:
        by_realisation[item.realisation_id].append(item)
    return PeriodPage(
        skp=skp,
        period=period,
        submission=PeriodSubmission.objects.filter(skp=skp, period=period).first(),
        rows=rows,
        evidence=evidence,
        evaluation=Evaluation.objects.filter(skp=skp, period=period).first(),
        feedback=list(
            Feedback.objects.filter(skp=skp)
            .filter(Q(period=period) | Q(period__isnull=True))
            .select_related("rhk")
        ),
        reopened_until=reopened,
        window_open=period.window_open_on(today) or reopened is not None,
        is_owner=planning_permissions.is_owner(user, skp),
        is_assessor=planning_permissions.is_assessor_of(user, skp),
        suggestion=suggestion_from(rows),
        evidence_by_realisation=dict(by_realisation),
    )


@dataclass(frozen=True)
class ReusedEvidence:
    evidence: Evidence
    matches: list[Evidence]


def reused_evidence(skp: Skp) -> list[ReusedEvidence]:
    """Files of this SKP whose SHA-256 also appears in another period or another employee's
    evidence: flagged to the assessor (two queries)."""
    own = list(Evidence.objects.filter(skp=skp, kind=EvidenceKind.FILE).select_related("period"))
    if not own:
        return []
    others = (
        Evidence.objects.filter(sha256__in={e.sha256 for e in own}, kind=EvidenceKind.FILE)
        .select_related("skp", "period")
        .order_by("created_at", "id")
    )
    by_hash: dict[str, list[Evidence]] = defaultdict(list)
    for other in others:
        by_hash[other.sha256].append(other)
    flagged = []
    for item in own:
        matches = [
            o
            for o in by_hash[item.sha256]
            if o.pk != item.pk
            and (o.period_id != item.period_id or o.skp.employee_id != skp.employee_id)
        ]
        if matches:
            flagged.append(ReusedEvidence(item, matches))
    return flagged
