"""The training catalogue (BKPSDM) and training events (BKPSDM or an agency's admin)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kinerja.audit.services import record, snapshot

from .. import permissions
from ..models import (
    Activity,
    EventStatus,
    TrainingEvent,
)
from ._common import _deny


def _assign_and_save(instance: Activity | TrainingEvent, fields: dict[str, Any]) -> None:
    """Set the edited fields, check the row (`full_clean`) and save it."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


@transaction.atomic
def save_activity(
    *, actor: Any, activity: Activity | None = None, competencies=(), **fields: Any
) -> Activity:
    """Create or change a catalogue entry (BKPSDM)."""
    if not permissions.is_development_admin(actor):
        _deny("Hanya BKPSDM yang dapat mengelola katalog.")
    before = snapshot(activity) if activity else None
    activity = activity or Activity()
    _assign_and_save(activity, fields)
    activity.competencies.set(competencies)
    record(
        actor=actor,
        action="development.activity.save",
        obj=activity,
        before=before,
        after=snapshot(activity),
    )
    return activity


@transaction.atomic
def save_event(
    *,
    actor: Any,
    event: TrainingEvent | None = None,
    target_positions=(),
    target_units=(),
    **fields: Any,
) -> TrainingEvent:
    """Create or change an event; BKPSDM anywhere, an OPD admin for their own agency."""
    unit = fields.get("organiser_unit") or (event.organiser_unit if event else None)
    if unit is None or not permissions.can_organise_for(actor, unit):
        _deny("Anda hanya dapat menyelenggarakan pelatihan untuk perangkat daerah Anda.")
    if event is not None and not permissions.can_manage_event(actor, event):
        _deny()
    before = snapshot(event) if event else None
    event = event or TrainingEvent(created_by=actor)
    _assign_and_save(event, fields)
    event.target_positions.set(target_positions)
    event.target_units.set(target_units)
    record(
        actor=actor,
        action="development.event.save",
        obj=event,
        before=before,
        after=snapshot(event),
        agency_id=event.organiser_unit.agency_id,
    )
    return event


@transaction.atomic
def set_event_status(*, actor: Any, event: TrainingEvent, status: str) -> TrainingEvent:
    if not permissions.can_manage_event(actor, event):
        _deny()
    before = snapshot(event, ["status"])
    event.status = EventStatus(status)
    event.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="development.event.status",
        obj=event,
        before=before,
        after=snapshot(event, ["status"]),
        agency_id=event.organiser_unit.agency_id,
    )
    return event
