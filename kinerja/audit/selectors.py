"""Reads of the audit trail (the permission check is the caller's: only auditors and admins)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .models import AuditEvent


def audit_events(
    *,
    action: str = "",
    object_type: str = "",
    actor_id: int | None = None,
    agency_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    object_id: str = "",
) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-seq")


def action_names() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
