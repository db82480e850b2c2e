"""The register of appeals (keberatan) per perangkat daerah."""

from __future__ import annotations

from django.db.models import QuerySet

from kinerja.organisations.models import OrgUnit

from ..models import Appeal
from .calibration import agency_q


def appeals_register(user, *, agency: OrgUnit, year: int) -> QuerySet[Appeal]:
    """Visible appeals of an agency's employees for a year, oldest first, in one query."""
    return (
        Appeal.objects.visible_to(user)
        .filter(agency_q(agency, "evaluation__skp__"), evaluation__period__year=year)
        .select_related("evaluation", "evaluation__skp", "evaluation__period")
        .order_by("filed_at", "id")
    )
