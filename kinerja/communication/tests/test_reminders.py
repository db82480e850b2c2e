"""Reminder infrastructure: recorded runs, the registry, the command, never-logged-in job."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from kinerja.communication import reminders
from kinerja.communication.models import Notification, ReminderRun, ReminderStatus
from kinerja.core import clock

MONDAY = dt.date(2026, 1, 5)


@pytest.fixture
def with_addresses(world):
    for employee in (world.staff, world.nurse):
        user = world.user(employee)
        user.email = f"{employee.nip}@example.go.id"
        user.save()


@pytest.mark.django_db
def test_never_logged_in_reminder_run_twice_sends_once(
    world, with_addresses, django_capture_on_commit_callbacks
):
    job = reminders.REMINDERS["never_logged_in"]
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.run_reminder("never_logged_in", MONDAY, job)
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders.run_reminder("never_logged_in", MONDAY + dt.timedelta(days=2), job)
    assert (first.sent, second.sent) == (12, 0)
    assert (first.status, second.status) == (ReminderStatus.DONE, ReminderStatus.DONE)
    assert Notification.objects.filter(kind="login_reminder").count() == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [f"{world.staff.nip}@example.go.id", f"{world.nurse.nip}@example.go.id"]
    )


@pytest.mark.django_db
def test_never_logged_in_reminder_comes_again_next_week(world):
    reminders.remind_never_logged_in(MONDAY)
    assert reminders.remind_never_logged_in(MONDAY + dt.timedelta(days=7)) == 12


@pytest.mark.django_db
def test_employees_who_have_logged_in_are_not_reminded(world):
    user = world.user(world.staff)
    user.last_login = clock.now()
    user.save()
    reminders.remind_never_logged_in(MONDAY)
    assert not Notification.objects.filter(recipient=user).exists()
    assert Notification.objects.filter(kind="login_reminder").count() == 11


@pytest.mark.django_db
def test_failed_job_is_recorded_and_rolled_back(world):
    def broken(run_date):
        reminders.remind_never_logged_in(run_date)
        raise RuntimeError("boom")

    run = reminders.run_reminder("broken", MONDAY, broken)
    assert run.status == ReminderStatus.FAILED
    assert "boom" in run.error
    assert run.finished_at is not None
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_registered_job_is_run_by_the_command(world, monkeypatch):
    calls = []
    monkeypatch.setitem(reminders.REMINDERS, "test_job", lambda d: calls.append(d) or 3)
    call_command("run_reminders", "--date", "2026-01-05")
    assert dt.date(2026, 1, 5) in calls
    run = ReminderRun.objects.get(name="test_job")
    assert (run.run_date, run.sent, run.status) == (MONDAY, 3, ReminderStatus.DONE)
    assert ReminderRun.objects.filter(name="never_logged_in", sent=12).exists()


@pytest.mark.django_db
def test_command_twice_sends_login_reminders_once(world):
    call_command("run_reminders", "--date", "2026-01-05")
    call_command("run_reminders", "--date", "2026-01-06", "--inline")
    sent = list(
        ReminderRun.objects.filter(name="never_logged_in")
        .order_by("id")
        .values_list("sent", flat=True)
    )
    assert sent == [12, 0]


def test_register_reminder_adds_to_the_registry(monkeypatch):
    monkeypatch.setattr(reminders, "REMINDERS", {})
    reminders.register_reminder("skp_deadline", lambda d: 0)
    assert list(reminders.REMINDERS) == ["skp_deadline"]


@pytest.mark.django_db
def test_scheduled_announcement_notifies_when_its_time_comes(world, publish, time_machine):
    a = publish(
        scope="agencies", agencies=[world.it_agency], publish_at=clock.now() + dt.timedelta(hours=2)
    )
    assert not Notification.objects.exists()
    time_machine.move_to(clock.now() + dt.timedelta(hours=3))
    call_command("run_reminders", "--inline")
    call_command("run_reminders", "--inline")
    assert Notification.objects.filter(kind="announcement").count() == 2
    a.refresh_from_db()
    assert a.notified_at is not None
