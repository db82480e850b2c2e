"""What waits for the leader, and the escalations.

SKPs to approve, periods to rate and appeals to decide (three counts in one query), reports to
verify, SKPs stalled below the leader for more than `escalation_days()`, periods not rated in
time, and follow-ups past their due date; the rows listed carry their link.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import IntegerField, Q, QuerySet, Subquery

from kinerja.core import clock
from kinerja.development.selectors import reports_to_verify
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp
from kinerja.planning.selectors import assessor_q

from ..cycle import appeals_url, appeals_waiting, evaluations_waiting, stalled_periods
from ..domain import DEFAULT_ESCALATION_DAYS, stall_cutoff
from ..team import team_members
from .members import _url_pattern
from .visits import overdue_follow_ups_for_leader

STALLED_LIMIT = 100
OVERDUE_FOLLOW_UP_LIMIT = 30


def escalation_days() -> int:
    return int(getattr(settings, "LEADERSHIP_ESCALATION_DAYS", DEFAULT_ESCALATION_DAYS))


def stalled_below(user, *, now: dt.datetime | None = None) -> QuerySet[Skp]:
    """SKPs submitted more than N days ago and not decided, whose assessor answers to the user.

    The user is the atasan pejabat penilai recorded on the SKP, or the assessor is in the user's
    team; SKPs the user assesses personally are in their own queue, not here.
    """
    access = access_for(user)
    if access.employee_id is None:
        return Skp.objects.none()
    now = now or clock.now()
    below = team_members(user).values("pk")
    return (
        Skp.objects.filter(
            Q(superior_id=access.employee_id) | Q(assessor_id__in=below),
            status=SkpStatus.SUBMITTED,
            is_closed=False,
            submitted_at__lt=stall_cutoff(now, escalation_days()),
        )
        .exclude(assessor_id=access.employee_id)
        .select_related("employee", "assessor")
        .order_by("submitted_at", "id")
    )


def _waiting_counts(user, today: dt.date) -> dict:
    """What waits for the leader; the rows listed carry their link (`url`), each route
    reversed once per list rather than once per row in the template."""
    waiting = {
        **_waiting_totals(user),
        "reports_to_verify": len(reports_to_verify(user)),
        "stalled": list(
            stalled_below(user)
            .select_related(None)
            .only("pk", "employee_name", "assessor_name", "submitted_at")[:STALLED_LIMIT]
        ),
        "escalation_days": escalation_days(),
        "appeals_url": appeals_url(),
        "stalled_periods": list(
            stalled_periods(user, today=today).only(
                "pk",
                "skp_id",
                "period_id",
                "skp__employee_name",
                "skp__assessor_name",
                "period__label",
                "period__year",
                "period__evaluation_deadline",
            )[:STALLED_LIMIT]
        ),
        "overdue_follow_ups": list(
            overdue_follow_ups_for_leader(user, today=today).only(
                "pk",
                "text",
                "due_date",
                "owner__name",
                "owner__front_title",
                "owner__back_title",
                "visit__place",
                "visit__date",
            )[:OVERDUE_FOLLOW_UP_LIMIT]
        ),
    }
    _link(waiting["stalled"], "planning:skp_detail", lambda s: (s.pk,))
    _link(waiting["stalled_periods"], "evaluation:period", lambda s: (s.skp_id, s.period_id))
    _link(waiting["overdue_follow_ups"], "leadership:field_visit", lambda f: (f.visit_id,))
    return waiting


class _CountOf(Subquery):
    """The number of rows of a queryset, as an expression (a scalar subquery)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def _waiting_totals(user) -> dict[str, int]:
    """SKPs to approve, periods to rate and appeals to decide: three counts in one query."""
    employee_id = getattr(user, "employee_id", None)
    counts = {
        "skps_to_approve": Skp.objects.filter(assessor_q(user), status=SkpStatus.SUBMITTED),
        "evaluations_waiting": evaluations_waiting(user),
        "appeals_waiting": appeals_waiting(user),
    }
    row = (
        Employee.objects.filter(pk=employee_id)
        .values(**{key: _CountOf(qs.order_by().values("pk")) for key, qs in counts.items()})
        .first()
        if employee_id is not None
        else None
    )
    return row or dict.fromkeys(counts, 0)


def _link(rows: list, route: str, args) -> None:
    if rows:
        pattern = _url_pattern(route, len(args(rows[0])))
        for row in rows:
            row.url = pattern.format(*args(row))
