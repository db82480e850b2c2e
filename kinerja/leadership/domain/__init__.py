"""Pure rules of the leadership app (no Django): deadlines, lateness and escalation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol, TypeVar

SKP_STATUS_APPROVED = "approved"
SKP_STATUS_SUBMITTED = "submitted"
DEFAULT_ESCALATION_DAYS = 7
PERIOD_CLOSING_REMINDER_DAYS = (7, 1)


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


class _Window(Protocol):
    entry_opens: dt.date
    entry_closes: dt.date


W = TypeVar("W", bound=_Window)


def current_period(periods: Iterable[W], today: dt.date) -> W | None:
    """The period a team member is working on today.

    Entry windows overlap (a month's window stays open after the month ends), so "this period"
    is the open window that closes first: the one whose realisation is due next. When no window
    is open it is the most recently closed one (its lateness is what matters then); before the
    first window opens there is none.
    """
    items = list(periods)
    open_now = [p for p in items if p.entry_opens <= today <= p.entry_closes]
    if open_now:
        return min(open_now, key=lambda p: (p.entry_closes, p.entry_opens))
    closed = [p for p in items if p.entry_closes < today]
    if closed:
        return max(closed, key=lambda p: (p.entry_closes, p.entry_opens))
    return None


def is_period_late(*, submitted: bool, entry_closes: dt.date, today: dt.date) -> bool:
    """A period's realisation is late once its entry window has closed without a submission."""
    return not submitted and today > entry_closes


def reminder_days_before(deadline: dt.date, today: dt.date) -> int | None:
    """Period-closing reminders go out 7 days and 1 day before the window closes: returns 7 or
    1 on those days, None on every other day."""
    days = (deadline - today).days
    return days if days in PERIOD_CLOSING_REMINDER_DAYS else None


def is_last_quarter(today: dt.date) -> bool:
    """JP reminders run in the last quarter (October to December): enough time is left to
    reach the PNS minimum of 20 JP before the year ends."""
    return today.month >= 10
