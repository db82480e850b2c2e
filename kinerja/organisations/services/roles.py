"""Roles (`RoleGrant`): granted and revoked by BKPSDM admins and superusers only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record, snapshot

from ..access import access_for
from ..models import Employee, OrgUnit, Role, RoleGrant


@transaction.atomic
def grant_role(
    *, actor: Any, employee: Employee, role: str, unit: OrgUnit | None = None
) -> RoleGrant:
    """Give a role; only BKPSDM admins and superusers hand out roles."""
    if actor is not None and not access_for(actor).manages_all:
        raise PermissionDenied("Hanya admin BKPSDM yang dapat memberikan peran.")
    if role == Role.OPD_ADMIN and unit is None:
        raise ValidationError(
            {"unit": "Pengelola kinerja harus ditetapkan pada satu perangkat daerah."}
        )
    grant, created = RoleGrant.objects.get_or_create(
        employee=employee,
        role=role,
        unit=unit if role == Role.OPD_ADMIN else None,
        defaults={"is_active": True},
    )
    if not created and not grant.is_active:
        grant.is_active = True
        grant.save(update_fields=["is_active", "updated_at"])
    record(actor=actor, action="role.grant", obj=grant, after=snapshot(grant))
    return grant


@transaction.atomic
def revoke_role(*, actor: Any, grant: RoleGrant) -> None:
    if actor is not None and not access_for(actor).manages_all:
        raise PermissionDenied("Hanya admin BKPSDM yang dapat mencabut peran.")
    before = snapshot(grant)
    grant.is_active = False
    grant.save(update_fields=["is_active", "updated_at"])
    record(actor=actor, action="role.revoke", obj=grant, before=before, after=snapshot(grant))
