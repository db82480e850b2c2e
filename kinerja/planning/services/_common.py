"""Helpers every SKP use case shares: the editable check, the version bump, the snapshot."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.concurrency import save_if_current

from .. import permissions
from ..domain.snapshot import skp_content
from ..domain.workflow import TransitionError
from ..models import BehaviourExpectation, Rhk, Skp, SkpAttachment


def _agency_id(skp: Skp) -> int | None:
    unit = skp.unit
    return (unit.agency_id or unit.pk) if unit is not None else None


def skp_snapshot(skp: Skp) -> dict[str, Any]:
    """The whole content of an SKP as plain data (for versions and the document hash)."""
    rhks = (
        Rhk.objects.filter(skp=skp).prefetch_related("indicators").order_by("-group", "order", "id")
    )
    return skp_content(
        skp,
        rhks=[(r, r.indicators.all()) for r in rhks],
        expectations={e.value_code: e.text for e in BehaviourExpectation.objects.filter(skp=skp)},
        attachments=SkpAttachment.objects.filter(skp=skp).values_list("kind", "text"),
    )


def _touch(skp: Skp, expected_version: int | None, extra_fields: Sequence[str] = ()) -> None:
    """Bump the SKP's version if it is still the one the editor saw; else StaleObjectError."""
    skp.updated_at = clock.now()
    save_if_current(
        skp,
        expected_version=skp.version if expected_version is None else expected_version,
        fields=["updated_at", *extra_fields],
    )


def _editable(actor: Any, skp_id: int) -> Skp:
    """Reload (and lock) the SKP so the status check never trusts a stale cached object."""
    skp = Skp.objects.select_for_update(of=("self",)).select_related("unit").get(pk=skp_id)
    _require_editable(actor, skp)
    return skp


def _require_editable(actor: Any, skp: Skp) -> None:
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied("Hanya pemilik SKP yang dapat mengubah isinya.")
    if not permissions.can_edit_skp(actor, skp):
        raise TransitionError(
            f"SKP berstatus '{skp.get_status_display()}' tidak dapat diubah; "
            "ajukan permintaan revisi bila SKP sudah disetujui."
        )


def _delete_content(
    actor: Any, obj: Any, *, skp_id: int, expected_version: int, action: str, before: dict
) -> None:
    """Delete one row of the SKP's content: editable check, version bump, audit, delete."""
    skp = _editable(actor, skp_id)
    _touch(skp, expected_version)
    record(actor=actor, action=action, obj=obj, agency_id=_agency_id(skp), before=before)
    obj.delete()
