"""Writes: the weekly adoption snapshot (a scheduled job, registered with the reminders).

The snapshot is not written to the audit trail: it is a derived, re-computable read model and
carries no decision.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from kinerja.core import clock

from .models import AdoptionSnapshot
from .selectors import agency_adoption

SNAPSHOT_FIELDS = [
    "year",
    "employees",
    "never_logged_in",
    "without_skp",
    "due_current_period",
    "not_filled_current_period",
    "assessors_with_evaluations_waiting",
    "evaluations_waiting",
    "announcements_delivered",
    "announcements_read",
    "taken_at",
]


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week of `day`."""
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def take_weekly_snapshot(run_date: dt.date) -> int:
    """Store (or refresh) every agency's figures for the week of `run_date`.

    Idempotent per week: one row per agency and week, a re-run updates it in place. Returns 0,
    the number of notifications sent (the reminder runner records that count); the rows
    written are visible on the adoption page.
    """
    figures = agency_adoption(year=run_date.year, today=run_date)
    monday = week_start(run_date)
    now = clock.now()
    AdoptionSnapshot.objects.bulk_create(
        [
            AdoptionSnapshot(
                week_start=monday,
                agency_id=f.agency_id,
                year=run_date.year,
                employees=f.employees,
                never_logged_in=f.never_logged_in,
                without_skp=f.without_skp,
                due_current_period=f.due_current_period,
                not_filled_current_period=f.not_filled_current_period,
                assessors_with_evaluations_waiting=f.assessors_with_evaluations_waiting,
                evaluations_waiting=f.evaluations_waiting,
                announcements_delivered=f.announcements_delivered,
                announcements_read=f.announcements_read,
                taken_at=now,
            )
            for f in figures.values()
        ],
        update_conflicts=True,
        unique_fields=["week_start", "agency"],
        update_fields=SNAPSHOT_FIELDS,
    )
    return 0
