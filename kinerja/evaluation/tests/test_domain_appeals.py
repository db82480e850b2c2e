"""Appeal (keberatan) deadlines: 14 calendar days after receipt, PP 30/2019 art. 59."""

from datetime import date

import pytest

from kinerja.evaluation.domain import (
    APPEAL_DAYS,
    appeal_closed_message,
    appeal_deadline,
    can_file_appeal,
)


@pytest.mark.parametrize(
    ("received", "days", "deadline"),
    [
        (date(2026, 3, 1), 14, date(2026, 3, 15)),
        (date(2026, 12, 25), 14, date(2027, 1, 8)),  # across the year end
        (date(2028, 2, 20), 14, date(2028, 3, 5)),  # leap year
        (date(2027, 2, 20), 14, date(2027, 3, 6)),
        (date(2026, 3, 1), 30, date(2026, 3, 31)),  # a local policy with a longer window
        (date(2026, 3, 1), 1, date(2026, 3, 2)),
    ],
)
def test_deadline_counts_calendar_days_after_receipt(received, days, deadline):
    assert appeal_deadline(received, days) == deadline


def test_default_window_is_fourteen_days():
    assert APPEAL_DAYS == 14
    assert appeal_deadline(date(2026, 1, 10)) == date(2026, 1, 24)


def test_window_must_be_at_least_a_day():
    with pytest.raises(ValueError, match="paling sedikit 1 hari"):
        appeal_deadline(date(2026, 3, 1), 0)


@pytest.mark.parametrize(
    ("today", "allowed"),
    [
        (date(2026, 2, 28), False),  # before the result was received
        (date(2026, 3, 1), True),  # the day of receipt
        (date(2026, 3, 8), True),
        (date(2026, 3, 15), True),  # the last day is included
        (date(2026, 3, 16), False),  # one day late
        (date(2027, 3, 1), False),
    ],
)
def test_can_file_appeal_within_the_window_only(today, allowed):
    assert can_file_appeal(date(2026, 3, 1), today) is allowed


def test_configured_window_changes_what_is_on_time():
    assert can_file_appeal(date(2026, 3, 1), date(2026, 3, 20), days=21)
    assert not can_file_appeal(date(2026, 3, 1), date(2026, 3, 20))


def test_closed_message_is_indonesian_and_names_the_deadline():
    assert appeal_closed_message(date(2026, 3, 1)) == (
        "Batas waktu pengajuan keberatan telah lewat: keberatan hanya dapat diajukan paling "
        "lambat 14 hari setelah hasil penilaian diterima, yaitu sampai 15-03-2026."
    )
