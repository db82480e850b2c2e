"""Helpers shared by the evaluation services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from kinerja.planning import permissions as planning_permissions
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp

from ..errors import StateError


def agency_id(skp: Skp) -> int | None:
    unit = skp.unit
    return (unit.agency_id or unit.pk) if unit is not None else None


def require_owner(actor: Any, skp: Skp) -> None:
    if not planning_permissions.is_owner(actor, skp):
        raise PermissionDenied("Hanya pegawai pemilik SKP yang dapat melakukan tindakan ini.")


def require_assessor(actor: Any, skp: Skp) -> None:
    """The assessor of record, or the Plt/Plh acting in the assessor's post today (planning's
    rule, shared with SKP approval)."""
    if not planning_permissions.is_assessor_of(actor, skp):
        raise PermissionDenied("Hanya pejabat penilai SKP ini yang dapat melakukan tindakan ini.")


def require_approved(skp: Skp) -> None:
    if skp.status != SkpStatus.APPROVED:
        raise StateError(
            "SKP belum disetujui; realisasi dan penilaian hanya untuk SKP yang disetujui."
        )


def actor_name(actor: Any) -> str:
    employee = getattr(actor, "employee", None)
    return employee.full_name if employee is not None else str(actor)
