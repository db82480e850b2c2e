"""Announcements: publishing and editing (audited), notifying the audience once an announcement
is due, and the read marks behind the adoption read rates."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.audit.services import record, snapshot
from kinerja.core import clock
from kinerja.organisations.models import OrgUnit

from .. import permissions
from ..models import Announcement, AnnouncementRead, AnnouncementScope, Notification
from .notifications import notify


def _check_targets(
    actor: User, *, scope: str, agencies: list[OrgUnit], units: list[OrgUnit]
) -> None:
    if scope not in AnnouncementScope.values:
        raise ValidationError({"scope": "Sasaran tidak dikenal."})
    if scope == AnnouncementScope.AGENCIES and not agencies:
        raise ValidationError({"agencies": "Pilih sedikitnya satu perangkat daerah."})
    if scope == AnnouncementScope.UNITS and not units:
        raise ValidationError({"units": "Pilih sedikitnya satu unit kerja."})
    if not permissions.targets_allowed(actor, scope=scope, agencies=agencies, units=units):
        raise PermissionDenied("Anda hanya dapat mengirim pengumuman ke perangkat daerah Anda.")


def _apply(
    announcement: Announcement,
    *,
    title: str,
    body: str,
    author_label: str,
    publish_at,
    expires_at,
    pinned: bool,
    scope: str,
    position_kinds: Iterable[str],
    roles: Iterable[str],
) -> None:
    if expires_at is not None and expires_at <= publish_at:
        raise ValidationError({"expires_at": "Waktu berakhir harus sesudah waktu terbit."})
    announcement.title = title
    announcement.body = body
    announcement.author_label = author_label
    announcement.publish_at = publish_at
    announcement.expires_at = expires_at
    announcement.pinned = pinned
    announcement.scope = scope
    announcement.target_position_kinds = Announcement.pack(position_kinds)
    announcement.target_roles = Announcement.pack(roles)


def _set_targets(announcement: Announcement, agencies: list[OrgUnit], units: list[OrgUnit]) -> None:
    scope = announcement.scope
    announcement.target_agencies.set(agencies if scope == AnnouncementScope.AGENCIES else [])
    announcement.target_units.set(units if scope == AnnouncementScope.UNITS else [])


def _audit_state(announcement: Announcement) -> dict:
    state = snapshot(
        announcement,
        [
            "title",
            "author_label",
            "publish_at",
            "expires_at",
            "pinned",
            "scope",
            "target_position_kinds",
            "target_roles",
        ],
    )
    state["agencies"] = sorted(announcement.target_agencies.values_list("pk", flat=True))
    state["units"] = sorted(announcement.target_units.values_list("pk", flat=True))
    return state


def _write(
    announcement: Announcement,
    *,
    actor: User,
    action: str,
    agencies: list[OrgUnit],
    units: list[OrgUnit],
    before: dict | None = None,
    audit_agency_id: int | None = None,
    **content,
) -> Announcement:
    """Save the content and targets, audit the change, and notify the audience once it is due."""
    _apply(announcement, **content)
    announcement.save()
    _set_targets(announcement, agencies, units)
    record(
        actor=actor,
        action=action,
        obj=announcement,
        before=before,
        after=_audit_state(announcement),
        agency_id=audit_agency_id,
    )
    notify_announcement_if_due(announcement=announcement)
    return announcement


@transaction.atomic
def publish_announcement(
    *,
    actor: User,
    title: str,
    body: str,
    author_label: str,
    publish_at,
    expires_at=None,
    pinned: bool = False,
    scope: str = AnnouncementScope.ALL,
    agencies: list[OrgUnit] | None = None,
    units: list[OrgUnit] | None = None,
    position_kinds: Iterable[str] = (),
    roles: Iterable[str] = (),
) -> Announcement:
    """Create an announcement; if it is already due, notify its audience."""
    if not permissions.can_create_announcement(actor):
        raise PermissionDenied("Anda tidak berwenang membuat pengumuman.")
    agencies, units = list(agencies or []), list(units or [])
    _check_targets(actor, scope=scope, agencies=agencies, units=units)
    if author_label not in permissions.author_label_choices(actor):
        raise ValidationError({"author_label": "Nama pengirim tidak sesuai dengan peran Anda."})
    return _write(
        Announcement(author=actor),
        actor=actor,
        action="announcement.publish",
        agencies=agencies,
        units=units,
        audit_agency_id=agencies[0].pk if len(agencies) == 1 else None,
        title=title,
        body=body,
        author_label=author_label,
        publish_at=publish_at,
        expires_at=expires_at,
        pinned=pinned,
        scope=scope,
        position_kinds=position_kinds,
        roles=roles,
    )


@transaction.atomic
def update_announcement(
    *,
    actor: User,
    announcement: Announcement,
    title: str,
    body: str,
    author_label: str,
    publish_at,
    expires_at=None,
    pinned: bool = False,
    scope: str = AnnouncementScope.ALL,
    agencies: list[OrgUnit] | None = None,
    units: list[OrgUnit] | None = None,
    position_kinds: Iterable[str] = (),
    roles: Iterable[str] = (),
) -> Announcement:
    """Edit an announcement (its author or BKPSDM); a newly due one notifies its audience."""
    if not permissions.can_manage_announcement(actor, announcement):
        raise PermissionDenied(
            "Hanya penulis atau admin BKPSDM yang dapat mengubah pengumuman ini."
        )
    agencies, units = list(agencies or []), list(units or [])
    _check_targets(actor, scope=scope, agencies=agencies, units=units)
    allowed_labels = permissions.author_label_choices(actor)
    if author_label not in allowed_labels and author_label != announcement.author_label:
        raise ValidationError({"author_label": "Nama pengirim tidak sesuai dengan peran Anda."})
    return _write(
        announcement,
        actor=actor,
        action="announcement.update",
        agencies=agencies,
        units=units,
        before=_audit_state(announcement),
        title=title,
        body=body,
        author_label=author_label,
        publish_at=publish_at,
        expires_at=expires_at,
        pinned=pinned,
        scope=scope,
        position_kinds=position_kinds,
        roles=roles,
    )


def notify_announcement_if_due(*, announcement: Announcement, now=None) -> int:
    """Notify the audience once, when the announcement is published (dedupe per announcement)."""
    from ..selectors import audience

    now = now or clock.now()
    if announcement.notified_at is not None or not announcement.is_published(now):
        return 0
    with transaction.atomic():
        sent = notify(
            recipients=User.objects.filter(employee__in=audience(announcement).values("pk")),
            kind="announcement",
            title=announcement.title,
            body=f"{announcement.author_label}: {announcement.body[:300]}",
            url=reverse("communication:announcement", args=[announcement.pk]),
            dedupe_key=f"announcement:{announcement.pk}",
        )
        announcement.notified_at = now
        announcement.save(update_fields=["notified_at"])
    return sent


def notify_due_announcements(run_date=None) -> int:
    """Reminder job: notify announcements whose scheduled time has come."""
    now = clock.now()
    total = 0
    for announcement in Announcement.objects.published(now).filter(notified_at__isnull=True):
        total += notify_announcement_if_due(announcement=announcement, now=now)
    return total


def mark_announcement_read(*, user: User, announcement: Announcement) -> None:
    """Record that the user opened the announcement, and clear its notification."""
    now = clock.now()
    with transaction.atomic():
        AnnouncementRead.objects.bulk_create(
            [AnnouncementRead(announcement=announcement, user=user, read_at=now)],
            ignore_conflicts=True,
        )
        Notification.objects.filter(
            recipient=user, dedupe_key=f"announcement:{announcement.pk}", read_at__isnull=True
        ).update(read_at=now)
