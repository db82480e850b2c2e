"""The names behind a figure (drill-down), filtered by the same conditions as the counts."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery

from kinerja.organisations.models import Employee

from .conditions import (
    _never_logged_in_q,
    _not_filled_q,
    _waiting_submissions,
    _without_skp_q,
    current_period,
)

PEOPLE_KINDS = {
    "never_logged_in": "Belum pernah masuk",
    "without_skp": "Belum memiliki SKP",
    "not_filled": "Belum mengisi periode berjalan",
    "assessors_waiting": "Pejabat penilai dengan penilaian menunggu",
}


def people_behind(
    *, kind: str, year: int, agency_ids: list[int] | None, today: dt.date | None = None
) -> QuerySet[Employee]:
    """The employees counted by one figure, with unit, agency, position and account loaded.

    For "assessors_waiting" each assessor carries `waiting` (submissions waiting on them).
    """
    if kind not in PEOPLE_KINDS:
        raise ValueError(f"Unknown adoption figure: {kind!r}")
    qs = Employee.objects.filter(is_active=True)
    if agency_ids is not None:
        qs = qs.filter(unit__agency_id__in=agency_ids)
    qs = qs.filter(unit__agency__depth=1, unit__agency__is_active=True)
    if kind == "never_logged_in":
        qs = qs.filter(_never_logged_in_q())
    elif kind == "without_skp":
        qs = qs.filter(_without_skp_q(year))
    elif kind == "not_filled":
        qs = qs.filter(_not_filled_q(current_period(year, today)))
    else:
        waiting = (
            _waiting_submissions(year)
            .filter(skp__assessor_id=OuterRef("pk"))
            .order_by()
            .values("skp__assessor_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        qs = qs.filter(Exists(_waiting_submissions(year).filter(skp__assessor_id=OuterRef("pk"))))
        qs = qs.annotate(waiting=Subquery(waiting, output_field=IntegerField()))
    return qs.select_related("unit", "unit__agency", "position", "user").order_by(
        "unit__agency__name", "name", "pk"
    )
