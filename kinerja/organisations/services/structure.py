"""The organisation's structure: units of the tree (with their materialised paths) and the
positions (jabatan) in them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot

from ..domain.positions import FunctionalLevel, PositionKind, level_is_valid
from ..models import AGENCY_KINDS, PATH_SEGMENT, OrgUnit, Position
from ._common import _require_manage


def _segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT - 1}d}/"


@transaction.atomic
def create_unit(
    *,
    actor: Any,
    name: str,
    kind: str,
    parent: OrgUnit | None,
    code: str | None = None,
    short_name: str = "",
) -> OrgUnit:
    """Add a unit under `parent`; a perangkat daerah is its own agency, others inherit it."""
    _require_manage(actor, parent)
    unit = OrgUnit.objects.create(
        name=name,
        kind=kind,
        parent=parent,
        code=code or None,
        short_name=short_name,
        depth=(parent.depth + 1) if parent else 0,
    )
    unit.path = (parent.path if parent else "") + _segment(unit.pk)
    if kind in AGENCY_KINDS:
        unit.agency = unit
    else:
        unit.agency_id = parent.agency_id if parent else None
    unit.save(update_fields=["path", "agency"])
    record(
        actor=actor, action="unit.create", obj=unit, after=snapshot(unit), agency_id=unit.agency_id
    )
    return unit


@transaction.atomic
def move_unit(*, actor: Any, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Re-parent a unit and rewrite the paths of its subtree."""
    _require_manage(actor, unit)
    _require_manage(actor, new_parent)
    if new_parent.path.startswith(unit.path):
        raise ValidationError("Unit tidak dapat dipindahkan ke bawah dirinya sendiri.")
    before = snapshot(unit, ["parent_id", "path"])
    old_prefix, new_prefix = unit.path, new_parent.path + _segment(unit.pk)
    depth_shift = new_parent.depth + 1 - unit.depth
    subtree = list(OrgUnit.objects.filter(path__startswith=old_prefix))
    for node in subtree:
        node.path = new_prefix + node.path[len(old_prefix) :]
        node.depth += depth_shift
        if node.pk == unit.pk:
            node.parent = new_parent
    OrgUnit.objects.bulk_update(subtree, ["path", "depth", "parent"])
    unit.refresh_from_db()
    record(
        actor=actor,
        action="unit.move",
        obj=unit,
        before=before,
        after=snapshot(unit, ["parent_id", "path"]),
    )
    return unit


@transaction.atomic
def create_position(
    *,
    actor: Any,
    unit: OrgUnit,
    name: str,
    kind: str,
    level: str = "",
    is_head: bool = False,
    class_grade: int | None = None,
    code: str | None = None,
) -> Position:
    """Add a jabatan to a unit, checking that the level fits the type."""
    _require_manage(actor, unit)
    kind_enum = PositionKind(kind)
    level_enum = FunctionalLevel(level) if level else None
    if not level_is_valid(kind_enum, level_enum):
        raise ValidationError({"level": "Jenjang tidak sesuai dengan jenis jabatan."})
    if is_head and Position.objects.filter(unit=unit, is_head=True, is_active=True).exists():
        raise ValidationError({"is_head": f"Unit {unit} sudah memiliki jabatan kepala."})
    position = Position.objects.create(
        unit=unit,
        name=name,
        kind=kind,
        level=level,
        is_head=is_head,
        class_grade=class_grade,
        code=code or None,
    )
    record(
        actor=actor,
        action="position.create",
        obj=position,
        after=snapshot(position),
        agency_id=unit.agency_id,
    )
    return position
