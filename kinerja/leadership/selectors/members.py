"""A team member's row with their full state, for the workspace and the team API.

The open SKP of the year, JP, directions waiting for acknowledgement and open follow-ups are
annotations (correlated subqueries) on one employee query; this period's realisation and
evaluation come from `cycle.period_states` (two or three queries for any number of rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from kinerja.core import clock
from kinerja.development.domain import progress
from kinerja.development.selectors import with_jp_total
from kinerja.evaluation.models import Period
from kinerja.organisations.models import Employee
from kinerja.planning.domain.workflow import STATUS_LABELS, SkpStatus
from kinerja.planning.models import Skp

from ..cycle import PeriodState, SkpSpan, period_states
from ..domain import is_skp_late
from ..models import DirectionAck, FollowUp, FollowUpStatus


@dataclass
class MemberState:
    employee: Employee
    skp_id: int | None
    skp_status: str | None
    jp_total: object
    jp_progress: object
    pending_directions: int
    open_follow_ups: int
    overdue_follow_ups: int = 0
    period: PeriodState | None = None
    late: bool = False
    skp_url: str = ""
    period_url: str = ""

    @property
    def period_state(self) -> str:
        """This period's realisation/evaluation in words ("" without an approved SKP)."""
        return self.period.label if self.period else ""

    @property
    def skp_status_label(self) -> str:
        return STATUS_LABELS[SkpStatus(self.skp_status)] if self.skp_status else "Belum ada SKP"


# The employee columns a member row shows (name, NIP, unit, position, and what the SKP duty and
# the JP target depend on).
MEMBER_FIELDS = (
    "name",
    "front_title",
    "back_title",
    "nip",
    "status",
    "skp_exemption",
    "unit__name",
    "unit__path",
    "position__name",
)


def _annotated_team(qs: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    skp = Skp.objects.filter(employee=OuterRef("pk"), year=year).order_by(
        "is_closed", "-period_start"
    )
    pending = (
        DirectionAck.objects.filter(employee=OuterRef("pk"), acknowledged_at__isnull=True)
        .order_by()
        .values("employee")
        .annotate(n=Count("pk"))
        .values("n")
    )
    follow_ups = (
        FollowUp.objects.filter(owner=OuterRef("pk"), status=FollowUpStatus.OPEN)
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    overdue = (
        FollowUp.objects.filter(
            owner=OuterRef("pk"), status=FollowUpStatus.OPEN, due_date__lt=clock.today()
        )
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_jp_total(qs, year).annotate(
        skp_id=Subquery(skp.values("pk")[:1]),
        skp_status=Subquery(skp.values("status")[:1]),
        skp_start=Subquery(skp.values("period_start")[:1]),
        skp_end=Subquery(skp.values("period_end")[:1]),
        overdue_follow_ups=Coalesce(
            Subquery(overdue, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
        pending_directions=Coalesce(
            Subquery(pending, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
        open_follow_ups=Coalesce(
            Subquery(follow_ups, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
    )


def _member_states(
    rows, *, year: int, today: dt.date, periods: list[Period] | None = None
) -> list[MemberState]:
    """MemberState of each annotated employee row (period states in two or three queries)."""
    states = period_states(
        {
            e.pk: SkpSpan(skp_id=e.skp_id, start=e.skp_start, end=e.skp_end)
            for e in rows
            if e.skp_status == SkpStatus.APPROVED
        },
        year=year,
        today=today,
        periods=periods,
    )
    skp_url = _url_pattern("planning:skp_detail", 1)
    period_url = _url_pattern("evaluation:period", 2)
    members = []
    for e in rows:
        period = states.get(e.pk)
        members.append(
            MemberState(
                employee=e,
                skp_id=e.skp_id,
                skp_status=e.skp_status,
                jp_total=e.jp_total,
                jp_progress=progress(e.status, e.jp_total),
                pending_directions=e.pending_directions,
                open_follow_ups=e.open_follow_ups,
                overdue_follow_ups=e.overdue_follow_ups,
                period=period,
                late=not e.skp_exemption
                and is_skp_late(status=e.skp_status, year=year, today=today),
                skp_url=skp_url.format(e.skp_id) if e.skp_id else "",
                period_url=period_url.format(period.skp_id, period.period_id) if period else "",
            )
        )
    return members


def _url_pattern(name: str, arity: int) -> str:
    """The route's URL with "{0}", "{1}"... for its arguments: a list of rows reverses the route
    once and formats it per row (reverse() per row is a noticeable part of a long page)."""
    markers = [str(987654320 + i) for i in range(arity)]
    url = reverse(name, args=markers)
    for i, marker in enumerate(markers):
        url = url.replace(marker, "{" + str(i) + "}")
    return url
