"""Notifications: `notify` (the one function other apps call), the e-mail it queues, the links
it carries, and the user's read marks.

Notifications and read marks are not written to the audit trail: they are personal,
high-volume and carry no decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.core import clock

from ..kinds import KINDS
from ..models import Notification, NotificationPreference

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
    from ..tasks import send_notification_emails

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
