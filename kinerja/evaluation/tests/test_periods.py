"""Setting the calendar, entry windows and reopening by the assessor."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.audit.models import AuditEvent
from kinerja.evaluation import services
from kinerja.evaluation.errors import StateError
from kinerja.evaluation.models import Period, PeriodSubmission

from .conftest import YEAR, at


def test_quarterly_schedule_makes_four_quarters_and_the_year(ev):
    periods = list(Period.objects.filter(year=YEAR).order_by("kind", "number"))
    assert [p.label for p in periods] == [
        "Tahunan",
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV",
    ]
    assert ev.q1.start == dt.date(YEAR, 1, 1) and ev.q1.end == dt.date(YEAR, 3, 31)
    assert ev.q1.entry_closes == dt.date(YEAR, 4, 10)
    assert ev.q1.evaluation_deadline == dt.date(YEAR, 4, 20)
    assert ev.schedule.appeal_days == 14
    assert ev.schedule.annual_rule == "assessor_decides"


def test_monthly_schedule_labels_months(world):
    admin = world.user(world.bkpsdm_admin)
    services.set_schedule(actor=admin, year=2027, rhythm="monthly")
    labels = list(
        Period.objects.filter(year=2027, kind="monthly")
        .order_by("number")
        .values_list("label", flat=True)
    )
    assert labels[0] == "Januari" and labels[-1] == "Desember" and len(labels) == 12
    assert Period.objects.filter(year=2027, kind="annual").count() == 1


def test_only_bkpsdm_admin_sets_the_schedule(world):
    with pytest.raises(PermissionDenied):
        services.set_schedule(actor=world.user(world.health_admin), year=2027, rhythm="monthly")


def test_rhythm_cannot_change_after_realisation_was_entered(ev):
    services.record_realisation(
        actor=ev.user(ev.world.staff),
        indicator=ev.indicators[0],
        period=ev.q1,
        expected_version=0,
        value=Decimal(3),
    )
    with pytest.raises(ValidationError) as exc:
        services.set_schedule(actor=ev.user(ev.world.bkpsdm_admin), year=YEAR, rhythm="monthly")
    assert "rhythm" in exc.value.message_dict


def test_rhythm_change_before_any_entry_regenerates_periods(ev):
    services.set_schedule(actor=ev.user(ev.world.bkpsdm_admin), year=YEAR, rhythm="monthly")
    assert Period.objects.filter(year=YEAR, kind="quarterly").count() == 0
    assert Period.objects.filter(year=YEAR, kind="monthly").count() == 12
    assert Period.objects.filter(pk=ev.annual.pk).exists()


def test_entry_window_is_open_inside_and_closed_after(ev):
    assert services.entry_open(ev.skp, ev.q1, dt.date(YEAR, 4, 10))
    assert not services.entry_open(ev.skp, ev.q1, dt.date(YEAR, 4, 11))


def test_entry_after_the_window_is_refused_with_a_clear_message(ev):
    with (
        time_machine.travel(at(dt.date(YEAR, 4, 11)), tick=False),
        pytest.raises(StateError, match="sudah ditutup pada 10-04-2026"),
    ):
        services.record_realisation(
            actor=ev.user(ev.world.staff),
            indicator=ev.indicators[0],
            period=ev.q1,
            expected_version=0,
            value=Decimal(3),
        )


def test_assessor_reopens_a_closed_window_and_it_is_audited(ev):
    with time_machine.travel(at(dt.date(YEAR, 4, 15)), tick=False):
        services.reopen_period(
            actor=ev.user(ev.world.seksi_head),
            skp=ev.skp,
            period=ev.q1,
            reason="Pegawai sakit saat masa pengisian.",
            until=dt.date(YEAR, 4, 20),
        )
        realisation = services.record_realisation(
            actor=ev.user(ev.world.staff),
            indicator=ev.indicators[0],
            period=ev.q1,
            expected_version=0,
            value=Decimal(3),
        )
        assert realisation.value == Decimal(3)
    event = AuditEvent.objects.get(action="evaluation.period_reopened")
    assert event.reason == "Pegawai sakit saat masa pengisian."
    with time_machine.travel(at(dt.date(YEAR, 4, 21)), tick=False):
        assert not services.entry_open(ev.skp, ev.q1)


def test_reopening_sends_a_submitted_period_back_to_draft(ev):
    staff = ev.user(ev.world.staff)
    services.record_realisation(
        actor=staff, indicator=ev.indicators[0], period=ev.q1, expected_version=0, value=Decimal(3)
    )
    services.submit_period(actor=staff, skp=ev.skp, period=ev.q1)
    services.reopen_period(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.q1,
        reason="Perlu melengkapi bukti.",
        until=dt.date(YEAR, 4, 9),
    )
    assert PeriodSubmission.objects.get(skp=ev.skp, period=ev.q1).status == "draft"


@pytest.mark.parametrize("who", ["staff", "nurse", "bidang_head_not_assessor"])
def test_only_the_assessor_reopens(ev, who):
    employee = {
        "staff": ev.world.staff,
        "nurse": ev.world.nurse,
        "bidang_head_not_assessor": ev.world.it_head,
    }[who]
    with pytest.raises(PermissionDenied):
        services.reopen_period(
            actor=ev.user(employee),
            skp=ev.skp,
            period=ev.q1,
            reason="Alasan",
            until=dt.date(YEAR, 4, 20),
        )


def test_reopening_needs_a_reason(ev):
    with pytest.raises(ValidationError) as exc:
        services.reopen_period(
            actor=ev.user(ev.world.seksi_head),
            skp=ev.skp,
            period=ev.q1,
            reason="  ",
            until=dt.date(YEAR, 4, 20),
        )
    assert "reason" in exc.value.message_dict


def test_admin_changes_a_period_window(ev):
    services.set_period_window(
        actor=ev.user(ev.world.bkpsdm_admin),
        period=ev.q1,
        entry_opens=dt.date(YEAR, 1, 1),
        entry_closes=dt.date(YEAR, 4, 3),
        evaluation_deadline=dt.date(YEAR, 4, 12),
    )
    assert not services.entry_open(ev.skp, ev.q1)
