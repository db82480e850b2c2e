"""Monitoring SKP completion per unit, the deadline, and reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.communication.models import Notification
from kinerja.communication.reminders import REMINDERS
from kinerja.core import clock
from kinerja.planning import monitoring
from kinerja.planning.domain.orgplan import (
    MonitoringStatus,
    is_late,
    monitoring_status,
    reminder_window,
    skp_deadline,
)
from kinerja.planning.models import Skp
from tests.world import make_employee

from .helpers import approved_skp, skp_with_rhk, year


@pytest.mark.parametrize(
    ("status", "expected"),
    [(None, MonitoringStatus.NONE), ("draft", MonitoringStatus.DRAFT),
     ("submitted", MonitoringStatus.SUBMITTED), ("returned", MonitoringStatus.RETURNED),
     ("approved", MonitoringStatus.APPROVED), ("revision_requested", MonitoringStatus.APPROVED)],
)  # fmt: skip
def test_skp_status_maps_to_monitoring_column(status, expected):
    assert monitoring_status(status) == expected


@pytest.mark.parametrize(
    ("status", "today", "late"),
    [(MonitoringStatus.NONE, dt.date(2026, 1, 31), False),
     (MonitoringStatus.NONE, dt.date(2026, 2, 1), True),
     (MonitoringStatus.SUBMITTED, dt.date(2026, 3, 1), True),
     (MonitoringStatus.APPROVED, dt.date(2026, 3, 1), False)],
)  # fmt: skip
def test_late_means_past_deadline_and_not_approved(status, today, late):
    assert is_late(status, today=today, deadline=skp_deadline(2026)) is late


@pytest.mark.parametrize(
    ("run_date", "inside"),
    [(dt.date(2025, 12, 31), False), (dt.date(2026, 1, 1), True), (dt.date(2026, 1, 31), True),
     (dt.date(2026, 2, 1), False)],
)  # fmt: skip
def test_reminders_run_from_january_first_to_the_deadline(run_date, inside):
    assert reminder_window(run_date, skp_deadline(2026)) is inside


@pytest.mark.django_db
def test_deadline_is_configurable(settings):
    settings.SKP_DEADLINE_MONTH_DAY = (2, 15)
    assert monitoring.deadline_for(2026) == dt.date(2026, 2, 15)


@pytest.mark.django_db
def test_report_lists_each_employee_with_status_and_lateness(world, monkeypatch):
    skp_with_rhk(world.staff)
    approved_skp(world.health_head, world.regent)
    this_year = year()
    monkeypatch.setattr(clock, "today", lambda: dt.date(this_year, 3, 1))
    report = monitoring.monitoring(unit=world.health, year=this_year)
    by_name = {row.employee.full_name: row for row in report.rows}
    assert by_name["Rahmat Pelaksana"].status_label == "Draf"
    assert by_name["Rahmat Pelaksana"].late
    assert by_name["Cut Nyak Kadis"].status == MonitoringStatus.APPROVED
    assert not by_name["Cut Nyak Kadis"].late
    assert by_name["Siti Perawat"].status == MonitoringStatus.NONE
    assert "Kepala Diskominsa" not in by_name
    assert report.counts["approved"] == 1 and report.counts["draft"] == 1


@pytest.mark.django_db
def test_page_is_scoped_opd_admin_head_and_bkpsdm(world, login):
    url = reverse("planning:monitoring")
    assert login(world.health_admin).get(url).status_code == 200
    assert login(world.bidang_head).get(f"{url}?unit={world.health_bidang.pk}").status_code == 200
    assert login(world.bidang_head).get(f"{url}?unit={world.health.pk}").status_code == 404
    assert login(world.it_head).get(f"{url}?unit={world.health.pk}").status_code == 404
    assert login(world.staff).get(url).status_code == 404
    response = login(world.bkpsdm_admin).get(f"{url}?unit={world.health.pk}")
    assert "Rahmat Pelaksana" in response.content.decode()
    assert "Kirim pengingat" in response.content.decode()


def _page_queries(client, unit) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("planning:monitoring") + f"?unit={unit.pk}")
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_page_query_count_is_constant_as_employees_grow(world, login):
    client = login(world.health_admin)
    skp_with_rhk(world.staff)
    before = _page_queries(client, world.health)
    for n in range(8):
        employee = make_employee(world.health_seksi, None, f"Pegawai Tambahan {n}")
        if n % 2:
            skp_with_rhk(employee)
    assert _page_queries(client, world.health) == before


@pytest.mark.django_db
def test_remind_button_notifies_only_unfinished_and_once_a_day(world, login):
    approved_skp(world.health_head, world.regent)
    client = login(world.health_admin)
    response = client.post(
        reverse("planning:monitoring_remind"), {"unit": world.health.pk, "tahun": year()}
    )
    assert response.status_code == 302
    reminded = set(
        Notification.objects.filter(kind="skp_deadline").values_list(
            "recipient__employee_id", flat=True
        )
    )
    assert world.staff.pk in reminded and world.nurse.pk in reminded
    assert world.health_head.pk not in reminded
    assert world.it_head.pk not in reminded
    count = Notification.objects.count()
    client.post(reverse("planning:monitoring_remind"), {"unit": world.health.pk, "tahun": year()})
    assert Notification.objects.count() == count


@pytest.mark.django_db
def test_auditor_may_look_but_not_send_reminders(world, login):
    client = login(world.auditor)
    url = reverse("planning:monitoring") + f"?unit={world.health.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("planning:monitoring_remind"), {"unit": world.health.pk, "tahun": year()}
    )
    assert response.status_code == 403
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_weekly_job_is_registered_and_idempotent_per_week(world):
    job = REMINDERS["skp_deadline"]
    approved_skp(world.health_head, world.regent)
    first = job(dt.date(year(), 1, 6))
    assert first > 0
    assert job(dt.date(year(), 1, 7)) == 0  # same ISO week
    assert not Notification.objects.filter(
        kind="skp_deadline", recipient__employee=world.health_head
    ).exists()
    assert job(dt.date(year(), 3, 1)) == 0  # after the deadline
    assert Skp.objects.count() == 1
