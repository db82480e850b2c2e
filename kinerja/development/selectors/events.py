"""Training reads: open events, the catalogue, events the user organises, seats and targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee

from ..models import (
    SEAT_STATUSES,
    Activity,
    Competency,
    DevelopmentNeed,
    EventStatus,
    NeedStatus,
    Registration,
    RegistrationStatus,
    TrainingEvent,
)


def open_events(*, today: dt.date | None = None) -> QuerySet[TrainingEvent]:
    """Events open for registration that have not ended (the whole regency may see them)."""
    today = today or clock.today()
    return (
        TrainingEvent.objects.filter(status=EventStatus.OPEN, end_date__gte=today)
        .select_related("activity", "organiser_unit", "target_competency")
        .order_by("start_date", "title")
    )


def catalogue() -> QuerySet[Activity]:
    return Activity.objects.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("name"))
    ).order_by("name")


def manageable_events(user) -> QuerySet[TrainingEvent]:
    """Events the user organises: all for BKPSDM, their agency's for an OPD admin."""
    access = access_for(user)
    qs = TrainingEvent.objects.select_related("activity", "organiser_unit").order_by(
        "-start_date", "title"
    )
    if access.manages_all:
        return qs
    if not access.admin_unit_paths:
        return qs.none()
    return qs.filter(
        reduce(or_, (Q(organiser_unit__path__startswith=p) for p in access.admin_unit_paths))
    )


@dataclass(frozen=True)
class EventSeats:
    taken: int
    waiting: int
    invited: int
    rating: Decimal | None = None


def event_seats(event: TrainingEvent) -> EventSeats:
    """Seats taken against the quota, the waiting list, open invitations, mean feedback."""

    counts = dict(
        event.registrations.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    from django.db.models import Avg

    rating = event.registrations.aggregate(r=Avg("feedback_rating"))["r"]
    return EventSeats(
        taken=sum(counts.get(s, 0) for s in SEAT_STATUSES),
        waiting=counts.get(RegistrationStatus.WAITLISTED, 0),
        invited=counts.get(RegistrationStatus.INVITED, 0),
        rating=Decimal(str(rating)) if rating is not None else None,
    )


def target_participants(user, event: TrainingEvent) -> QuerySet[Employee]:
    """Active employees the event targets (by position, unit subtree, or an open need on its
    competency) whom the user sees and who have no place in it yet. Empty without targets."""
    parts = []
    position_ids = [p.pk for p in event.target_positions.all()]
    if position_ids:
        parts.append(Q(position_id__in=position_ids))
    unit_paths = [u.path for u in event.target_units.all()]
    parts += [Q(unit__path__startswith=path) for path in unit_paths]
    if event.target_competency_id:
        parts.append(
            Q(
                pk__in=DevelopmentNeed.objects.filter(
                    competency_id=event.target_competency_id, year=event.start_date.year
                )
                .exclude(status=NeedStatus.CLOSED)
                .values("employee_id")
            )
        )
    if not parts:
        return Employee.objects.none()
    return (
        Employee.objects.visible_to(user)
        .filter(reduce(or_, parts), is_active=True)
        .exclude(pk__in=event.registrations.values("employee_id"))
        .select_related("unit")
        .order_by("name", "nip")
    )


def event_registrations(event: TrainingEvent) -> QuerySet[Registration]:
    return event.registrations.select_related("employee", "employee__unit").order_by(
        "registered_at", "id"
    )
