"""Directions (arahan) given by leaders and acknowledged by members.

What a member received and has still to acknowledge, and what a leader gave, with the counts
of recipients and acknowledgements.
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import Direction, DirectionAck


def pending_directions(user) -> QuerySet[DirectionAck]:
    """Directions the user received and has not acknowledged yet, newest first."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return DirectionAck.objects.none()
    return (
        DirectionAck.objects.filter(employee_id=employee_id, acknowledged_at__isnull=True)
        .select_related("direction", "direction__author", "direction__rhk")
        .order_by("-direction__created_at", "-id")
    )


def directions_for(user) -> QuerySet[Direction]:
    """Visible directions with counts of recipients and acknowledgements."""
    return (
        Direction.objects.visible_to(user)
        .select_related("author", "recipient", "rhk")
        .annotate(
            recipients=Count("acks"),
            acknowledged=Count("acks", filter=Q(acks__acknowledged_at__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )


def recent_directions(user, *, limit: int = 10) -> list[Direction]:
    """The last directions the user gave, with counts of recipients and acknowledgements (a
    count per direction listed, not a join of every acknowledgement of the team grouped)."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return []
    acks = DirectionAck.objects.filter(direction=OuterRef("pk")).order_by().values("direction")
    return list(
        Direction.objects.filter(author_id=employee_id)
        .select_related("recipient")
        .only(
            "pk",
            "text",
            "created_at",
            "recipient__name",
            "recipient__front_title",
            "recipient__back_title",
        )
        .annotate(
            recipients=_count_of(acks),
            acknowledged=_count_of(acks.filter(acknowledged_at__isnull=False)),
        )
        .order_by("-created_at", "-id")[:limit]
    )


def _count_of(grouped: QuerySet) -> Coalesce:
    """A correlated count of `grouped` (a queryset grouped by the outer row's key)."""
    return Coalesce(
        Subquery(grouped.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
        Value(0),
        output_field=IntegerField(),
    )


def received_directions(user) -> QuerySet[DirectionAck]:
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return DirectionAck.objects.none()
    return (
        DirectionAck.objects.filter(employee_id=employee_id)
        .select_related("direction", "direction__author", "direction__rhk")
        .order_by("-direction__created_at", "-id")
    )
