"""Scheduled reminders of the cycle: period closing, evaluations waiting, JP below 20 in the
last quarter. Each is registered, recorded, idempotent, and offers a WhatsApp-ready link."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import unquote

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.communication import reminders
from kinerja.communication.models import Notification, ReminderRun, ReminderStatus
from kinerja.communication.services import whatsapp_link
from kinerja.development.models import ExternalActivityReport, JpEntry
from kinerja.evaluation import services as evaluation
from kinerja.evaluation.models import Period, PeriodSubmission
from kinerja.evaluation.tests.conftest import YEAR, approved_skp
from kinerja.leadership.domain import is_last_quarter, reminder_days_before
from kinerja.leadership.reminders import (
    remind_evaluations_waiting,
    remind_jp_below_target,
    remind_period_closing,
)
from tests.records import JAKARTA

pytestmark = pytest.mark.django_db

Q1_CLOSES = dt.date(YEAR, 4, 10)


@pytest.fixture
def calendar(world):
    with time_machine.travel(dt.datetime(YEAR, 1, 2, 10, tzinfo=JAKARTA), tick=False):
        evaluation.set_schedule(
            actor=User.objects.get(employee=world.bkpsdm_admin), year=YEAR, rhythm="quarterly"
        )
    return {p.number: p for p in Period.objects.filter(year=YEAR, kind="quarterly")}


def _notified(kind: str) -> list[str]:
    return sorted(
        Notification.objects.filter(kind=kind).values_list("recipient__employee__name", flat=True)
    )


def _run(name: str, day: dt.date) -> ReminderRun:
    return reminders.run_reminder(name, day, reminders.REMINDERS[name])


def test_cycle_reminders_are_registered_from_the_leadership_app():
    assert {"period_closing", "evaluations_waiting", "jp_below_target"} <= set(reminders.REMINDERS)
    assert reminders.REMINDERS["period_closing"] is remind_period_closing
    assert reminders.REMINDERS["jp_below_target"] is remind_jp_below_target


@pytest.mark.parametrize(
    ("today", "days"),
    [
        (dt.date(2026, 4, 2), None),
        (dt.date(2026, 4, 3), 7),
        (dt.date(2026, 4, 4), None),
        (dt.date(2026, 4, 9), 1),
        (dt.date(2026, 4, 10), None),
    ],
)
def test_period_closing_reminders_fall_7_days_and_1_day_before(today, days):
    assert reminder_days_before(Q1_CLOSES, today) == days


@pytest.mark.parametrize(
    ("today", "inside"),
    [(dt.date(2026, 9, 30), False), (dt.date(2026, 10, 1), True), (dt.date(2026, 12, 31), True)],
)
def test_jp_reminders_run_in_the_last_quarter_only(today, inside):
    assert is_last_quarter(today) is inside


# --- Period closing ----------------------------------------------------------------------------


def test_period_closing_reminds_only_those_who_have_not_submitted(world, calendar):
    approved_skp(world.staff, world.seksi_head, world.bidang_head)
    done, _, _ = approved_skp(world.seksi_head, world.bidang_head, world.health_head)
    PeriodSubmission.objects.create(skp=done, period=calendar[1], status="submitted")
    run = _run("period_closing", Q1_CLOSES - dt.timedelta(days=7))
    assert (run.status, run.sent) == (ReminderStatus.DONE, 1)
    # No approved SKP (the nurse, everyone else) means no period reminder.
    assert _notified("period_closing") == ["Rahmat Pelaksana"]
    item = Notification.objects.get(kind="period_closing")
    assert item.title == "Pengisian realisasi Triwulan I 2026 ditutup dalam 7 hari"
    assert "10-04-2026" in item.body
    assert item.url == f"{reverse('evaluation:mine')}?tahun=2026"


def test_period_closing_run_twice_sends_once_and_again_the_day_before(world, calendar):
    approved_skp(world.staff, world.seksi_head, world.bidang_head)
    week_before = Q1_CLOSES - dt.timedelta(days=7)
    assert _run("period_closing", week_before).sent == 1
    assert _run("period_closing", week_before).sent == 0
    assert _run("period_closing", week_before + dt.timedelta(days=1)).sent == 0
    day_before = _run("period_closing", Q1_CLOSES - dt.timedelta(days=1))
    assert day_before.sent == 1
    assert (
        Notification.objects.filter(kind="period_closing")
        .latest("id")
        .title.endswith("ditutup besok")
    )
    assert list(
        ReminderRun.objects.filter(name="period_closing")
        .order_by("id")
        .values_list("sent", flat=True)
    ) == [1, 0, 0, 1]


def test_period_closing_reminder_is_whatsapp_ready_with_its_deep_link(world, calendar, settings):
    settings.SITE_URL = "https://kinerja.abdyakab.go.id"
    approved_skp(world.staff, world.seksi_head, world.bidang_head)
    remind_period_closing(Q1_CLOSES - dt.timedelta(days=1))
    item = Notification.objects.get(kind="period_closing")
    assert item.is_reminder
    text = unquote(whatsapp_link(item).removeprefix("https://wa.me/?text="))
    assert "Triwulan I 2026 ditutup besok" in text
    assert f"https://kinerja.abdyakab.go.id{reverse('evaluation:mine')}?tahun=2026" in text


def test_period_closing_email_carries_the_link(world, calendar, django_capture_on_commit_callbacks):
    user = world.user(world.staff)
    user.email = "rahmat@example.go.id"
    user.save()
    approved_skp(world.staff, world.seksi_head, world.bidang_head)
    with django_capture_on_commit_callbacks(execute=True):
        _run("period_closing", Q1_CLOSES - dt.timedelta(days=7))
    assert [m.to for m in mail.outbox] == [["rahmat@example.go.id"]]
    assert f"{reverse('evaluation:mine')}?tahun=2026" in mail.outbox[0].body


# --- Evaluations waiting --------------------------------------------------------------------------


def test_assessor_is_reminded_of_submitted_periods_once_the_window_has_closed(world, calendar):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    PeriodSubmission.objects.create(skp=skp, period=calendar[1], status="submitted")
    assert _run("evaluations_waiting", Q1_CLOSES).sent == 0
    monday = dt.date(YEAR, 4, 13)
    assert _run("evaluations_waiting", monday).sent == 1
    assert _notified("evaluations_waiting") == ["Nurul Kasi"]
    item = Notification.objects.get(kind="evaluations_waiting")
    assert item.title == "1 realisasi periode menunggu penilaian Anda"
    assert item.url == reverse("evaluation:team")
    # Twice in the same week: nothing new; the next week: reminded again.
    assert _run("evaluations_waiting", monday + dt.timedelta(days=2)).sent == 0
    assert _run("evaluations_waiting", monday + dt.timedelta(days=7)).sent == 1


def test_evaluation_reminder_says_when_the_evaluation_deadline_has_passed(world, calendar):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    PeriodSubmission.objects.create(skp=skp, period=calendar[1], status="submitted")
    remind_evaluations_waiting(calendar[1].evaluation_deadline + dt.timedelta(days=1))
    assert "melewati batas penilaian" in Notification.objects.get(kind="evaluations_waiting").body


def test_rated_periods_do_not_remind_the_assessor(world, calendar):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    PeriodSubmission.objects.create(skp=skp, period=calendar[1], status="evaluated")
    assert remind_evaluations_waiting(dt.date(YEAR, 4, 13)) == 0


# --- JP below target ---------------------------------------------------------------------------


def _give_jp(employee, jp: Decimal) -> None:
    report = ExternalActivityReport.objects.create(
        employee=employee,
        form="workshop",
        title="Lokakarya",
        organiser="BKPSDM",
        start_date=dt.date(YEAR, 3, 1),
        end_date=dt.date(YEAR, 3, 2),
        certificate="sertifikat/uji.pdf",
        certificate_name="uji.pdf",
        certificate_sha256="0" * 64,
        status="verified",
    )
    JpEntry.objects.create(
        employee=employee, year=YEAR, jp=jp, report=report, title="Lokakarya", explanation="uji"
    )


def test_jp_reminder_goes_to_pns_below_20_and_never_to_pppk(world):
    _give_jp(world.staff, Decimal("12.5"))
    _give_jp(world.seksi_head, Decimal(20))
    run = _run("jp_below_target", dt.date(YEAR, 10, 5))
    names = _notified("jp_below_target")
    assert "Rahmat Pelaksana" in names
    assert "Nurul Kasi" not in names  # reached 20 JP
    assert "Siti Perawat" not in names  # PPPK: 24 JP is a cap, not a minimum
    assert "Muhammad Pranata" in names  # PNS with no JP at all
    assert run.sent == len(names)
    mine = Notification.objects.get(kind="jp_below_target", recipient__employee=world.staff)
    assert mine.title == "JP Anda tahun 2026 baru 12,5 dari minimal 20 JP"
    assert mine.url == reverse("development:mine")


def test_jp_reminder_is_monthly_in_the_last_quarter_and_silent_before(world):
    assert _run("jp_below_target", dt.date(YEAR, 9, 30)).sent == 0
    first = _run("jp_below_target", dt.date(YEAR, 10, 5)).sent
    assert first > 0
    assert _run("jp_below_target", dt.date(YEAR, 10, 5)).sent == 0
    assert _run("jp_below_target", dt.date(YEAR, 10, 26)).sent == 0
    assert _run("jp_below_target", dt.date(YEAR, 11, 2)).sent == first


def test_the_daily_command_runs_the_cycle_jobs_and_a_rerun_sends_nothing(world, calendar):
    from django.core.management import call_command

    approved_skp(world.staff, world.seksi_head, world.bidang_head)
    call_command("run_reminders", "--date", "2026-04-03", "--inline")
    call_command("run_reminders", "--date", "2026-04-03", "--inline")
    sent = list(
        ReminderRun.objects.filter(name="period_closing")
        .order_by("id")
        .values_list("sent", flat=True)
    )
    assert sent == [1, 0]
