"""The permission check every organisation use case shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from ..access import access_for
from ..models import OrgUnit


def _require_manage(actor: Any, unit: OrgUnit | None) -> None:
    if actor is None:  # system jobs (imports from the command line, demo data)
        return
    access = access_for(actor)
    allowed = access.manages_all if unit is None else access.manages_unit_path(unit.path)
    if not allowed:
        raise PermissionDenied("Anda tidak berwenang mengubah data unit ini.")
