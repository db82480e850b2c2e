"""Writes: notify (the one function other apps call), read marks, preferences, announcements.

Notifications and read marks are not written to the audit trail: they are personal,
high-volume and carry no decision. Announcements and preference changes are audited.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.audit.services import record, snapshot
from kinerja.core import clock
from kinerja.organisations.models import OrgUnit

from . import permissions
from .kinds import KINDS
from .models import (
    Announcement,
    AnnouncementRead,
    AnnouncementScope,
    Notification,
    NotificationPreference,
    TourState,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


# --- Notifications ---------------------------------------------------------------------------


def absolute_url(url: str) -> str:
    """A link that works outside the browser session (e-mail, WhatsApp): SITE_URL + path."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url if url.startswith('/') else '/' + url}"


def whatsapp_link(notification: Notification) -> str:
    """A wa.me link the user clicks to share the message and its deep link (no server request)."""
    text = f"{notification.title}\n{notification.body}\n{absolute_url(notification.url)}".strip()
    return "https://wa.me/?text=" + quote(text, safe="")


def _recipient_ids(recipients: Iterable[User]) -> list[int]:
    if isinstance(recipients, QuerySet):
        ids: Iterable[int] = recipients.values_list("pk", flat=True)
    else:
        ids = (user.pk for user in recipients)
    return list(dict.fromkeys(pk for pk in ids if pk is not None))


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    body: str,
    url: str,
    dedupe_key: str | None = None,
) -> int:
    """Create in-app notifications in bulk and queue e-mail for those who want this kind.

    A recipient who already has a notification with `dedupe_key` gets nothing new, so a job that
    runs twice sends once. Returns how many notifications were created. E-mails are queued when
    the surrounding transaction commits.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind: {kind!r}")
    ids = _recipient_ids(recipients)
    if not ids:
        return 0
    now = clock.now()
    with transaction.atomic():
        if dedupe_key is not None:
            already = set(
                Notification.objects.filter(dedupe_key=dedupe_key).values_list(
                    "recipient_id", flat=True
                )
            )
            ids = [pk for pk in ids if pk not in already]
        if not ids:
            return 0
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=pk,
                    kind=kind,
                    title=title[:200],
                    body=body,
                    url=url[:500],
                    created_at=now,
                    dedupe_key=dedupe_key,
                )
                for pk in ids
            ],
            batch_size=BATCH_SIZE,
            # A concurrent run may have inserted the same key meanwhile: skip, do not fail.
            ignore_conflicts=dedupe_key is not None,
        )
        transaction.on_commit(
            partial(_queue_emails, user_ids=ids, kind=kind, title=title, body=body, url=url)
        )
    return len(ids)


def _queue_emails(*, user_ids: list[int], kind: str, title: str, body: str, url: str) -> None:
    from .tasks import send_notification_emails

    send_notification_emails.enqueue(user_ids=user_ids, kind=kind, title=title, body=body, url=url)


def _email_text(*, name: str, kind: str, body: str, url: str) -> str:
    link = absolute_url(url)
    prefs = absolute_url(reverse("communication:preferences"))
    return (
        f"Yth. {name},\n\n{body}\n\nBuka halamannya: {link}\n\n"
        f"--\n{settings.KINERJA_INSTANCE_NAME} · Kinerja Abdya\n"
        f'Anda menerima surel ini untuk pemberitahuan "{KINDS[kind].label}". '
        f"Ubah pilihan surel Anda di {prefs}\n"
    )


def deliver_emails(*, user_ids: Sequence[int], kind: str, title: str, body: str, url: str) -> int:
    """Send one e-mail per recipient who wants this kind and has an address; returns the count."""
    default = KINDS[kind].email_default
    own_choice = NotificationPreference.objects.filter(user=OuterRef("pk"), kind=kind).values(
        "email_enabled"
    )[:1]
    messages: list[EmailMessage] = []
    for start in range(0, len(user_ids), BATCH_SIZE):
        chunk = list(user_ids[start : start + BATCH_SIZE])
        users = (
            User.objects.filter(pk__in=chunk, is_active=True)
            .select_related("employee")
            .annotate(wants=Subquery(own_choice))
        )
        for user in users:
            wants = default if user.wants is None else user.wants
            address = user.email or (user.employee.email if user.employee else "")
            if not wants or not address:
                continue
            messages.append(
                EmailMessage(
                    subject=f"[Kinerja Abdya] {title}"[:250],
                    body=_email_text(name=str(user), kind=kind, body=body, url=url),
                    to=[address],
                )
            )
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


@transaction.atomic
def mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (another user's answers DoesNotExist)."""
    notification = Notification.objects.select_for_update().get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=clock.now()
    )


@transaction.atomic
def set_email_preferences(*, user: User, choices: dict[str, bool]) -> None:
    """Store the user's e-mail choice for each known kind."""
    unknown = set(choices) - set(KINDS)
    if unknown:
        raise ValidationError(f"Jenis notifikasi tidak dikenal: {', '.join(sorted(unknown))}")
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=user, kind=kind, email_enabled=enabled)
            for kind, enabled in choices.items()
        ],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["email_enabled"],
    )
    record(
        actor=user,
        action="notification.preferences",
        obj=user,
        after={"email": dict(sorted(choices.items()))},
    )


# --- Announcements ---------------------------------------------------------------------------


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
    from .selectors import audience

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


# --- First-login tour ------------------------------------------------------------------------


def dismiss_tour(*, user: User) -> None:
    """Hide the first-login tour card for good."""
    TourState.objects.get_or_create(user=user, defaults={"dismissed_at": clock.now()})
