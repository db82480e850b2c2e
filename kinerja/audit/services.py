"""Writing and verifying the audit trail. `record` is the one function other apps call."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from kinerja.core import clock

from .chain import GENESIS, entry_hash
from .models import AuditEvent, AuditHead


def _jsonable(value: Any) -> Any:
    """Round-trip through Django's encoder so dates, decimals and UUIDs hash the same later."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _payload(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "created_at": event.created_at.astimezone(dt.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "agency_id": event.agency_id,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
    }


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Field values of a model instance, for the before/after of an audit entry."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return _jsonable({name: getattr(instance, name) for name in names})


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    object_repr: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    agency_id: int | None = None,
) -> AuditEvent:
    """Append one entry to the chain, inside the caller's transaction.

    The head row is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers),
    so concurrent services append one after another and the chain stays linear.
    """
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        if obj is not None:
            object_type = object_type or obj._meta.label_lower
            object_id = obj.pk if object_id is None else object_id
            object_repr = object_repr if object_repr is not None else str(obj)[:300]
        event = AuditEvent(
            seq=head.last_seq + 1,
            created_at=clock.now(),
            actor_id=getattr(actor, "pk", None),
            actor_label=(
                str(actor) if actor is not None and getattr(actor, "pk", None) else "sistem"
            )[:200],
            action=action,
            object_type=object_type or "",
            object_id=str(object_id or ""),
            object_repr=(object_repr or "")[:300],
            agency_id=agency_id,
            before=_jsonable(before),
            after=_jsonable(after),
            reason=reason,
            prev_hash=head.last_hash,
        )
        event.hash = entry_hash(event.prev_hash, _payload(event))
        event.save(force_insert=True)
        head.last_seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_seq: int | None = None
    problem: str = ""


def _in_order() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def verify_chain() -> Verification:
    """Recompute every hash in order; report the first entry that does not fit."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for event in _in_order():
        if event.seq != expected_seq:
            return Verification(
                False, checked, expected_seq, f"entri #{expected_seq} hilang (terhapus)"
            )
        if event.prev_hash != prev_hash:
            return Verification(
                False, checked, event.seq, "rantai terputus: hash sebelumnya tidak cocok"
            )
        if entry_hash(prev_hash, _payload(event)) != event.hash:
            return Verification(False, checked, event.seq, "isi entri telah diubah")
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != prev_hash):
        return Verification(
            False, checked, checked + 1, "entri terakhir hilang atau kepala rantai diubah"
        )
    return Verification(True, checked)
