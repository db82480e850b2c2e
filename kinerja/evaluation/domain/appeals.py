"""Keberatan (appeal) deadlines: PP 30/2019 art. 59.

A PNS may object in writing to the Atasan Pejabat Penilai no later than 14 days after receiving
the evaluation result; the checked sources read these as calendar days, counted from the day
after receipt, so a result received on 1 March may be appealed up to and including 15 March.
For PPPK no clause was found: the same window applies as configurable local policy (`days`).
"""

from __future__ import annotations

from datetime import date, timedelta

APPEAL_DAYS = 14


def appeal_deadline(received_on: date, days: int = APPEAL_DAYS) -> date:
    """The last day an appeal may be filed: `days` calendar days after receipt (inclusive)."""
    if days < 1:
        raise ValueError("Batas waktu keberatan paling sedikit 1 hari.")
    return received_on + timedelta(days=days)


def can_file_appeal(received_on: date, today: date, days: int = APPEAL_DAYS) -> bool:
    """Whether an appeal filed `today` is on time: from receipt up to and including the deadline.

    Before receipt there is nothing to appeal, so a date earlier than `received_on` is False.
    """
    return received_on <= today <= appeal_deadline(received_on, days)


def appeal_closed_message(received_on: date, days: int = APPEAL_DAYS) -> str:
    """The Indonesian message shown when the window has passed."""
    deadline = appeal_deadline(received_on, days)
    return (
        f"Batas waktu pengajuan keberatan telah lewat: keberatan hanya dapat diajukan paling "
        f"lambat {days} hari setelah hasil penilaian diterima, yaitu sampai "
        f"{deadline.day:02d}-{deadline.month:02d}-{deadline.year}."
    )
