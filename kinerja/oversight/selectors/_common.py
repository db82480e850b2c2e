"""Helpers every kind of finding shares: the SKP scope and filters, labels, dates, links."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kinerja.evaluation.domain import Predicate, Rating
from kinerja.planning.models import Skp

from .kinds import Filters, Finding, Kind


def _rating(value: str) -> str:
    try:
        return Rating(value).label
    except ValueError:
        return value or "—"


def _predicate(value: str) -> str:
    try:
        return Predicate(value).label
    except ValueError:
        return value or "—"


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def _skps(user, filters: Filters, prefix: str = "skp__") -> dict[str, object]:
    """Lookups restricting a row hanging off an SKP to the user's scope and the filters."""
    lookups: dict[str, object] = {f"{prefix}in": Skp.objects.visible_to(user).values("pk")}
    if filters.agency_id:
        lookups[f"{prefix}unit__agency_id"] = filters.agency_id
    if filters.year:
        lookups[f"{prefix}year"] = filters.year
    return lookups


def _period_url(skp_id: int, period_id: int) -> str:
    return reverse("evaluation:period", kwargs={"skp_id": skp_id, "period_id": period_id})


def _skp_related(prefix: str = "skp") -> list[str]:
    return [prefix, f"{prefix}__employee"]


def _employee(skp: Skp) -> tuple[str, str]:
    return skp.employee_name or skp.employee.full_name, skp.employee.nip


def _period_finding(
    kind: Kind,
    row,
    when: dt.date | None,
    detail: str,
    *,
    audit_object_id: int,
    audit_action: str,
    ref: str,
) -> Finding:
    """A finding about `row`, a record of one SKP's period (an evaluation, a reopening, a file)."""
    name, nip = _employee(row.skp)
    return Finding(
        kind,
        when,
        name,
        nip,
        row.skp.agency_name,
        str(row.period),
        detail,
        _period_url(row.skp_id, row.period_id),
        str(audit_object_id),
        audit_action,
        ref,
    )
