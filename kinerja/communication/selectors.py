"""Reads: notifications, preferences, the announcements a user sees, audiences and read receipts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, RoleGrant

from .kinds import KINDS
from .models import Announcement, AnnouncementRead, AnnouncementScope, Notification
from .models import NotificationPreference as Preference


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    """Unread notifications for the bell (one query)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_preferences(user) -> dict[str, bool]:
    """Every kind with the user's e-mail choice (their own row, else the kind's default)."""
    own = dict(Preference.objects.filter(user=user).values_list("kind", "email_enabled"))
    return {kind: own.get(kind, spec.email_default) for kind, spec in KINDS.items()}


def _in_targets(through, employee_id: int):
    """True when one of the announcement's target units is the employee's unit or above it."""
    mine = Employee.objects.filter(pk=employee_id, unit__path__startswith=OuterRef("orgunit__path"))
    return Exists(through.objects.filter(announcement_id=OuterRef("pk")).filter(Exists(mine)))


def visible_announcements(user, *, now=None) -> QuerySet[Announcement]:
    """Published, unexpired announcements addressed to the user, read state annotated.

    One query: the employee's unit path and position kind are read by subqueries, the roles
    come from the request's cached Access.
    """
    if user is None or not user.is_authenticated:
        return Announcement.objects.none()
    now = now or clock.now()
    access = access_for(user)
    employee_id = getattr(user, "employee_id", None)
    place = Q(scope=AnnouncementScope.ALL)
    kinds = Q(target_position_kinds="")
    if employee_id:
        place |= Q(
            _in_targets(Announcement.target_agencies.through, employee_id),
            scope=AnnouncementScope.AGENCIES,
        ) | Q(
            _in_targets(Announcement.target_units.through, employee_id),
            scope=AnnouncementScope.UNITS,
        )
        own_kind = Employee.objects.filter(pk=employee_id).values("position__kind")[:1]
        kinds |= Q(target_position_kinds__contains=Concat(Value(","), own_kind, Value(",")))
    roles = reduce(
        or_,
        (Q(target_roles__contains=f",{role},") for role in sorted(access.roles)),
        Q(target_roles=""),
    )
    return (
        Announcement.objects.published(now)
        .filter(place, kinds, roles)
        .annotate(
            is_read=Exists(AnnouncementRead.objects.filter(announcement=OuterRef("pk"), user=user))
        )
        .order_by("-pinned", "-publish_at", "-id")
    )


def managed_announcements(user) -> QuerySet[Announcement]:
    """Announcements the user wrote (BKPSDM admins: all), including scheduled and expired."""
    qs = Announcement.objects.select_related("author")
    if not access_for(user).manages_all:
        qs = qs.filter(author=user)
    return qs.order_by("-publish_at", "-id")


def announcement_for(user, pk: int) -> Announcement:
    """One announcement the user may open: addressed to them, written by them, or admin's."""
    access = access_for(user)
    if access.manages_all:
        return Announcement.objects.select_related("author").get(pk=pk)
    visible = visible_announcements(user).values("pk")
    return (
        Announcement.objects.select_related("author")
        .filter(Q(pk__in=visible) | Q(author=user))
        .get(pk=pk)
    )


def audience(announcement: Announcement) -> QuerySet[Employee]:
    """Active employees with an active account to whom the announcement is addressed."""
    qs = Employee.objects.filter(is_active=True, user__isnull=False, user__is_active=True)
    if announcement.scope != AnnouncementScope.ALL:
        targets = (
            announcement.target_agencies.all()
            if announcement.scope == AnnouncementScope.AGENCIES
            else announcement.target_units.all()
        )
        paths = [unit.path for unit in targets]
        if not paths:
            return qs.none()
        qs = qs.filter(reduce(or_, (Q(unit__path__startswith=p) for p in paths)))
    if announcement.position_kinds:
        qs = qs.filter(position__kind__in=announcement.position_kinds)
    if announcement.roles:
        qs = qs.filter(
            Exists(
                RoleGrant.objects.filter(
                    employee=OuterRef("pk"), role__in=announcement.roles, is_active=True
                )
            )
        )
    return qs


@dataclass(frozen=True)
class AgencyReadRate:
    agency_id: int | None
    agency_name: str
    total: int
    read: int

    @property
    def percent(self) -> float:
        return round(100 * self.read / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class ReadReceipts:
    by_agency: list[AgencyReadRate]
    unread: QuerySet[Employee]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.by_agency)

    @property
    def read(self) -> int:
        return sum(row.read for row in self.by_agency)

    @property
    def percent(self) -> float:
        return round(100 * self.read / self.total, 1) if self.total else 0.0


def read_receipts(announcement: Announcement) -> ReadReceipts:
    """Share of the audience who have read, per agency (one grouped query), and who has not."""
    has_read = Exists(
        AnnouncementRead.objects.filter(announcement=announcement, user__employee=OuterRef("pk"))
    )
    people = audience(announcement)
    rows = (
        people.values("unit__agency_id", "unit__agency__name")
        .annotate(total=Count("pk"), read=Count("pk", filter=Q(has_read)))
        .order_by("unit__agency__name")
    )
    by_agency = [
        AgencyReadRate(
            agency_id=row["unit__agency_id"],
            agency_name=row["unit__agency__name"]
            or "Pemerintah Kabupaten (tanpa perangkat daerah)",
            total=row["total"],
            read=row["read"],
        )
        for row in rows
    ]
    unread = (
        people.filter(~has_read)
        .select_related("unit__agency", "position")
        .order_by("unit__agency__name", "name", "pk")
    )
    return ReadReceipts(by_agency=by_agency, unread=unread)
