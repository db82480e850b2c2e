"""Background jobs (django-tasks; `manage.py db_worker` runs them in production)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def send_notification_emails(
    *, user_ids: list[int], kind: str, title: str, body: str, url: str
) -> int:
    from .services import deliver_emails

    return deliver_emails(user_ids=user_ids, kind=kind, title=title, body=body, url=url)


@task()
def run_reminder_task(*, name: str, run_date: str) -> int:
    from .reminders import REMINDERS, run_reminder

    run = run_reminder(name, dt.date.fromisoformat(run_date), REMINDERS[name])
    return run.sent
