"""Scheduled reminders: a registry other apps add jobs to, and a recorded run of each job.

A job is `fn(run_date) -> int` (how many notifications it created). Idempotence comes from the
dedupe key the job gives `notify` (e.g. f"skp_deadline:{year}:W{week}"): a second run the same
week creates nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.db import transaction
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.core import clock

from .models import ReminderRun, ReminderStatus
from .services import notify

logger = logging.getLogger(__name__)

ReminderJob = Callable[[dt.date], int]
REMINDERS: dict[str, ReminderJob] = {}


def register_reminder(name: str, fn: ReminderJob) -> None:
    """Add a job to the daily run (call from an AppConfig.ready); re-registering replaces it."""
    REMINDERS[name] = fn


def run_reminder(name: str, run_date: dt.date, fn: ReminderJob) -> ReminderRun:
    """Run one job in its own transaction and record the run (a failure is recorded, not raised)."""
    run = ReminderRun.objects.create(name=name, run_date=run_date, started_at=clock.now())
    try:
        with transaction.atomic():
            sent = fn(run_date)
    except Exception as exc:
        logger.exception("Reminder job %s failed for %s", name, run_date)
        run.status = ReminderStatus.FAILED
        run.error = repr(exc)[:2000]
    else:
        run.status = ReminderStatus.DONE
        run.sent = sent or 0
    run.finished_at = clock.now()
    run.save(update_fields=["status", "error", "sent", "finished_at"])
    return run


def week_key(run_date: dt.date) -> str:
    year, week, _ = run_date.isocalendar()
    return f"{year}:W{week:02d}"


def remind_never_logged_in(run_date: dt.date) -> int:
    """Employees who have never signed in get a gentle reminder, at most once per ISO week."""
    users = User.objects.filter(
        is_active=True, last_login__isnull=True, employee__isnull=False, employee__is_active=True
    )
    return notify(
        recipients=users,
        kind="login_reminder",
        title="Anda belum pernah masuk ke aplikasi Kinerja",
        body=(
            "Akun Kinerja Abdya Anda sudah siap. Masuklah dengan NIP Anda sebagai nama pengguna "
            "untuk menyusun SKP, mencatat realisasi dan melihat penilaian kinerja. "
            "Bila lupa kata sandi, hubungi pengelola kinerja perangkat daerah Anda."
        ),
        url=reverse("home"),
        dedupe_key=f"login_reminder:{week_key(run_date)}",
    )


def run_all(run_date: dt.date, *, inline: bool = False) -> list[str]:
    """Enqueue every registered job for `run_date` (or run them here with `inline`)."""
    from .tasks import run_reminder_task

    names = sorted(REMINDERS)
    for name in names:
        if inline:
            run_reminder(name, run_date, REMINDERS[name])
        else:
            run_reminder_task.enqueue(name=name, run_date=run_date.isoformat())
    return names
