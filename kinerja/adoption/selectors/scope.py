"""Scope: whose adoption figures a user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from .figures import AdoptionFigures, agency_adoption

NOT_ALLOWED = (
    "Angka adopsi hanya untuk BKPSDM, pimpinan daerah, auditor, admin OPD dan kepala "
    "perangkat daerah."
)


def can_view_adoption(user) -> bool:
    """Regency-wide readers, OPD admins and heads of an agency (a depth-1 unit)."""
    return bool(scoped_agency_ids(user)) or access_for(user).sees_all


def scoped_agency_ids(user) -> list[int] | None:
    """Agencies whose adoption the user may see: None = all (regency-wide roles), else a list
    (OPD admins: their agency; heads of a perangkat daerah: theirs). Empty list: none."""
    access = access_for(user)
    if not access.is_authenticated:
        return []
    if access.sees_all:
        return None
    paths = set(access.admin_unit_paths)
    if not paths and not access.headed_unit_ids:
        return []
    return list(
        OrgUnit.objects.filter(
            Q(path__in=sorted(paths)) | Q(pk__in=access.headed_unit_ids), depth=1
        )
        .order_by("name")
        .values_list("pk", flat=True)
    )


def visible_agencies(user) -> QuerySet[OrgUnit]:
    """The agencies the user may see figures of, ordered by name."""
    ids = scoped_agency_ids(user)
    qs = OrgUnit.objects.filter(depth=1, is_active=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("name", "pk")


def adoption_for(
    user, *, year: int, agency_id: int | None = None, today: dt.date | None = None
) -> dict[int, AdoptionFigures]:
    """The figures the user may see; `agency_id` narrows to one visible agency (else empty)."""
    ids = scoped_agency_ids(user)
    if agency_id is not None:
        if ids is not None and agency_id not in ids:
            return {}
        ids = [agency_id]
    if ids == []:
        return {}
    return agency_adoption(year=year, agency_ids=ids, today=today)
