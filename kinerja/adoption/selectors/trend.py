"""The trend over the weeks: stored weekly snapshots, then the current week computed live."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from kinerja.core import clock

from ..models import AdoptionSnapshot
from ._common import _rate
from .figures import AdoptionFigures


@dataclass(frozen=True)
class WeekPoint:
    week_start: dt.date
    figures: AdoptionFigures
    is_live: bool = False


def weekly_trend(
    *,
    agency_ids: list[int] | None,
    current: AdoptionFigures,
    weeks: int = 12,
    today: dt.date | None = None,
) -> list[WeekPoint]:
    """The stored weekly snapshots of the last `weeks` weeks (summed over the agencies), then
    the current week computed live (`current`, the totals already on the page). One query."""
    today = today or clock.today()
    this_monday = today - dt.timedelta(days=today.weekday())
    since = this_monday - dt.timedelta(weeks=weeks)
    qs = AdoptionSnapshot.objects.filter(week_start__gte=since, week_start__lt=this_monday)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    counted = [
        "employees",
        "never_logged_in",
        "without_skp",
        "due_current_period",
        "not_filled_current_period",
        "assessors_with_evaluations_waiting",
        "evaluations_waiting",
        "announcements_delivered",
        "announcements_read",
    ]
    rows = (
        qs.values("week_start")
        .annotate(**{name: Sum(name) for name in counted})
        .order_by("week_start")
    )
    points = []
    for row in rows:
        values = {name: row[name] or 0 for name in counted}
        points.append(
            WeekPoint(
                week_start=row["week_start"],
                figures=AdoptionFigures(
                    agency_id=current.agency_id,
                    agency_name=current.agency_name,
                    announcement_read_rate=_rate(
                        values["announcements_read"], values["announcements_delivered"]
                    ),
                    **values,
                ),
            )
        )
    points.append(WeekPoint(week_start=this_monday, figures=current, is_live=True))
    return points
