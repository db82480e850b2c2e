"""Pure rules of the leadership app (no Django): deadlines, lateness and escalation."""

from __future__ import annotations

import datetime as dt

SKP_STATUS_APPROVED = "approved"
SKP_STATUS_SUBMITTED = "submitted"
DEFAULT_ESCALATION_DAYS = 7


def skp_deadline(year: int) -> dt.date:
    """The SKP of a year must be approved by 31 January of that year (BKN practice for the
    annual cycle; PermenPANRB 6/2022 Pasal 14 sets the agreement at the start of the year)."""
    return dt.date(year, 1, 31)


def is_skp_late(*, status: str | None, year: int, today: dt.date) -> bool:
    """An SKP is late when it is not approved once its deadline has passed (no SKP is late too)."""
    return today > skp_deadline(year) and status != SKP_STATUS_APPROVED


def is_stalled(
    *, submitted_at: dt.datetime | None, now: dt.datetime, days: int = DEFAULT_ESCALATION_DAYS
) -> bool:
    """A step waiting for a decision is stalled after `days` days; it is then escalated to the
    assessor's own superior (atasan pejabat penilai)."""
    if submitted_at is None:
        return False
    return now - submitted_at > dt.timedelta(days=days)


def stall_cutoff(now: dt.datetime, days: int = DEFAULT_ESCALATION_DAYS) -> dt.datetime:
    """Steps submitted before this moment are stalled."""
    return now - dt.timedelta(days=days)


def follow_up_overdue(*, due_date: dt.date | None, is_open: bool, today: dt.date) -> bool:
    """An open follow-up past its due date is overdue."""
    return is_open and due_date is not None and today > due_date
