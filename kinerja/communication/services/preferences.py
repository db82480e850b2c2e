"""The user's own settings: e-mail choices per notification kind (audited) and the first-login
tour."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.accounts.models import User
from kinerja.audit.services import record
from kinerja.core import clock

from ..kinds import KINDS
from ..models import NotificationPreference, TourState


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


def dismiss_tour(*, user: User) -> None:
    """Hide the first-login tour card for good."""
    TourState.objects.get_or_create(user=user, defaults={"dismissed_at": clock.now()})
