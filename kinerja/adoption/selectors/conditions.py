"""The period due now and the conditions shared by the counts and the name lists.

A figure (`figures`) and the names behind it (`people`) filter with the same condition, so a
list always has as many rows as its count says.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from kinerja.core import clock
from kinerja.evaluation.models import Period, PeriodSubmission, SubmissionStatus
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp


def current_period(year: int, today: dt.date | None = None) -> Period | None:
    """The periodic period employees should be filling now.

    Windows overlap (Triwulan I may still be open in early April while Triwulan II has begun):
    the open window that closes first is the one due; with none open, the latest window that
    has opened (for a past year, its last period)."""
    today = today or clock.today()
    periods = Period.objects.filter(year=year).periodic()
    open_now = periods.filter(entry_opens__lte=today, entry_closes__gte=today)
    return (
        open_now.order_by("entry_closes", "number").first()
        or periods.filter(entry_opens__lte=today).order_by("-entry_opens", "-number").first()
    )


def _never_logged_in_q() -> Q:
    return Q(user__isnull=True) | Q(user__is_active=False) | Q(user__last_login__isnull=True)


# The conditions are set memberships (`pk IN (SELECT ...)`), not correlated EXISTS: PostgreSQL
# hashes each subquery once instead of probing it per employee, which keeps the regency-wide
# count cheap (and under the planner's JIT threshold).


def _with_skp_ids(year: int) -> QuerySet[Skp]:
    return Skp.objects.filter(year=year).order_by().values("employee_id")


def _without_skp_q(year: int) -> Q:
    return Q(skp_exemption="") & ~Q(pk__in=_with_skp_ids(year))


def _due_q(period: Period | None) -> Q:
    """Has an approved SKP of the period's year that covers the period."""
    if period is None:
        return Q(pk__in=[])
    return Q(
        pk__in=Skp.objects.filter(
            year=period.year,
            status=SkpStatus.APPROVED,
            period_start__lte=period.end,
            period_end__gte=period.start,
        )
        .order_by()
        .values("employee_id")
    )


def _filled_q(period: Period | None) -> Q:
    if period is None:
        return Q(pk__in=[])
    return Q(
        pk__in=PeriodSubmission.objects.filter(period=period)
        .exclude(status=SubmissionStatus.DRAFT)
        .order_by()
        .values("skp__employee_id")
    )


def _not_filled_q(period: Period | None) -> Q:
    return _due_q(period) & ~_filled_q(period)


def _waiting_submissions(year: int) -> QuerySet[PeriodSubmission]:
    return PeriodSubmission.objects.filter(
        status=SubmissionStatus.SUBMITTED, period__year=year, skp__assessor__isnull=False
    )
