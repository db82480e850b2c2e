"""The units whose organisational result a user may set, with the year's results."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from kinerja.organisations.access import access_for
from kinerja.organisations.models import AGENCY_KINDS, OrgUnit

from ..models import OrgResult


@dataclass(frozen=True)
class OrgResultRow:
    unit: OrgUnit
    result: OrgResult | None


def settable_units(user):
    """Perangkat daerah for the regent (leadership); for a head, the units one level below the
    units they head (not perangkat daerah, which are the regent's). Same rule as
    `services.can_set_org_result`."""
    access = access_for(user)
    parts = []
    if access.is_leadership:
        parts.append(Q(kind__in=AGENCY_KINDS))
    if access.headed_unit_ids:
        parts.append(Q(parent_id__in=access.headed_unit_ids) & ~Q(kind__in=AGENCY_KINDS))
    if not parts:
        return OrgUnit.objects.none()
    query = parts[0]
    for part in parts[1:]:
        query |= part
    return OrgUnit.objects.filter(query, is_active=True).select_related("parent").order_by("path")


def org_result_rows(user, *, year: int) -> list[OrgResultRow]:
    """Each settable unit with its annual result of the year (two queries)."""
    units = list(settable_units(user))
    results = {
        r.unit_id: r
        for r in OrgResult.objects.filter(
            unit_id__in=[u.pk for u in units], year=year, period__isnull=True
        )
    }
    return [OrgResultRow(unit=u, result=results.get(u.pk)) for u in units]
