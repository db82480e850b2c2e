"""Pure rules: SKP deadline and lateness, stalled steps, overdue follow-ups (no database)."""

import datetime as dt

import pytest

from kinerja.leadership.domain import (
    follow_up_overdue,
    is_skp_late,
    is_stalled,
    skp_deadline,
    stall_cutoff,
)

UTC = dt.UTC


def test_skp_deadline_is_31_january():
    assert skp_deadline(2026) == dt.date(2026, 1, 31)


@pytest.mark.parametrize(
    ("status", "today", "late"),
    [
        (None, dt.date(2026, 1, 31), False),
        (None, dt.date(2026, 2, 1), True),
        ("draft", dt.date(2026, 2, 1), True),
        ("submitted", dt.date(2026, 3, 1), True),
        ("approved", dt.date(2026, 3, 1), False),
        ("approved", dt.date(2026, 1, 10), False),
    ],
)
def test_skp_is_late_only_when_not_approved_after_deadline(status, today, late):
    assert is_skp_late(status=status, year=2026, today=today) is late


NOW = dt.datetime(2026, 2, 10, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("submitted_at", "days", "stalled"),
    [
        (None, 7, False),
        (NOW - dt.timedelta(days=7), 7, False),
        (NOW - dt.timedelta(days=7, seconds=1), 7, True),
        (NOW - dt.timedelta(days=3), 2, True),
        (NOW - dt.timedelta(days=1), 7, False),
    ],
)
def test_step_is_stalled_after_the_configured_days(submitted_at, days, stalled):
    assert is_stalled(submitted_at=submitted_at, now=NOW, days=days) is stalled
    if submitted_at is not None:
        assert (submitted_at < stall_cutoff(NOW, days)) is stalled


@pytest.mark.parametrize(
    ("due", "is_open", "overdue"),
    [
        (None, True, False),
        (dt.date(2026, 2, 9), True, True),
        (dt.date(2026, 2, 10), True, False),
        (dt.date(2026, 2, 9), False, False),
    ],
)
def test_open_follow_up_is_overdue_after_its_due_date(due, is_open, overdue):
    assert follow_up_overdue(due_date=due, is_open=is_open, today=dt.date(2026, 2, 10)) is overdue
