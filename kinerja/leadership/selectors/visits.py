"""Field visits (kunjungan lapangan) and their follow-ups.

The visits a user may see, one visit's page, a member's own follow-ups, and the overdue ones a
leader watches.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from ..models import FieldVisit, FollowUp, FollowUpStatus
from ..team import team_members


def field_visits(user) -> QuerySet[FieldVisit]:
    return (
        FieldVisit.objects.visible_to(user)
        .select_related("leader", "kecamatan")
        .annotate(
            photo_count=Count("photos", distinct=True),
            open_follow_ups=Count(
                "follow_ups", filter=Q(follow_ups__status=FollowUpStatus.OPEN), distinct=True
            ),
        )
        .order_by("-date", "-id")
    )


def field_visit_detail(user, pk: int) -> FieldVisit:
    """One visible visit with everything its page shows; raises FieldVisit.DoesNotExist."""
    return (
        FieldVisit.objects.visible_to(user)
        .select_related("leader", "kecamatan")
        .prefetch_related("photos", "employees", "rhks", "follow_ups__owner")
        .get(pk=pk)
    )


def my_follow_ups(user) -> QuerySet[FollowUp]:
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(owner_id=employee_id)
        .select_related("visit", "visit__leader")
        .order_by("status", "due_date", "id")
    )


def my_open_follow_ups(user) -> QuerySet[FollowUp]:
    """The user's open follow-ups, earliest due date first (those without one last)."""
    return (
        my_follow_ups(user)
        .filter(status=FollowUpStatus.OPEN)
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def overdue_follow_ups_for_leader(user, *, today: dt.date) -> QuerySet[FollowUp]:
    """Open follow-ups past their due date, owned by the leader's team or from their visits."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(
            Q(owner__in=team_members(user).values("pk")) | Q(visit__leader_id=employee_id),
            status=FollowUpStatus.OPEN,
            due_date__lt=today,
        )
        .select_related("owner", "visit")
        .order_by("due_date", "id")
    )
