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
from kinerja.organisations import services as org
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


def _rows(unit, **filters):
    return monitoring.rows_for(
        monitoring.monitoring_rows(unit=unit, year=year(), **filters), year=year()
    )


@pytest.mark.django_db
def test_report_lists_each_employee_with_status_and_lateness(world, monkeypatch):
    skp_with_rhk(world.staff)
    approved_skp(world.health_head, world.regent)
    this_year = year()
    monkeypatch.setattr(clock, "today", lambda: dt.date(this_year, 3, 1))
    report = monitoring.monitoring(unit=world.health, year=this_year)
    by_name = {row.employee.full_name: row for row in _rows(world.health)}
    assert by_name["Rahmat Pelaksana"].status_label == "Draf"
    assert by_name["Rahmat Pelaksana"].late
    assert by_name["Cut Nyak Kadis"].status == MonitoringStatus.APPROVED
    assert not by_name["Cut Nyak Kadis"].late
    assert by_name["Siti Perawat"].status == MonitoringStatus.NONE
    assert "Kepala Diskominsa" not in by_name
    assert report.counts["approved"] == 1 and report.counts["draft"] == 1
    assert report.total == 6 and report.late_count == 5


@pytest.mark.django_db
def test_counts_are_split_per_sub_unit_with_the_units_own_staff_first(world, monkeypatch):
    skp_with_rhk(world.staff)
    approved_skp(world.health_head, world.regent)
    this_year = year()
    monkeypatch.setattr(clock, "today", lambda: dt.date(this_year, 3, 1))
    report = monitoring.monitoring(unit=world.health, year=this_year)
    branches = {b.unit.name: b for b in report.branches}
    assert report.branches[0].direct and report.branches[0].unit == world.health
    own = branches["Dinas Kesehatan"]
    assert (own.total, own.counts["approved"], own.counts["none"], own.late) == (2, 1, 1, 1)
    bidang = branches["Bidang Pelayanan Kesehatan"]  # the seksi below it is counted in it
    assert (bidang.total, bidang.counts["draft"], bidang.counts["none"], bidang.late) == (
        3,
        1,
        2,
        3,
    )
    assert branches["UPTD Puskesmas Blangpidie"].counts["none"] == 1
    # Drilling down: the bidang shows its seksi as the only branch.
    below = monitoring.monitoring(unit=world.health_bidang, year=this_year)
    assert [(b.unit, b.direct, b.total) for b in below.branches] == [
        (world.health_bidang, True, 1),
        (world.health_seksi, False, 2),
    ]


@pytest.mark.django_db
def test_nobody_is_late_before_the_deadline(world, monkeypatch):
    this_year = year()
    monkeypatch.setattr(clock, "today", lambda: dt.date(this_year, 1, 15))
    report = monitoring.monitoring(unit=world.health, year=this_year)
    assert report.late_count == 0
    assert list(monitoring.monitoring_rows(unit=world.health, year=this_year, status="late")) == []


@pytest.mark.django_db
def test_name_list_filters_by_status_and_searches_name_or_nip(world, monkeypatch):
    skp_with_rhk(world.staff)
    approved_skp(world.health_head, world.regent)
    this_year = year()
    monkeypatch.setattr(clock, "today", lambda: dt.date(this_year, 3, 1))
    assert [r.employee for r in _rows(world.health, status="draft")] == [world.staff]
    assert [r.employee for r in _rows(world.health, status="approved")] == [world.health_head]
    none = {r.employee for r in _rows(world.health, status="none")}
    assert none == {world.health_admin, world.bidang_head, world.seksi_head, world.nurse}
    late = {r.employee for r in _rows(world.health, status="late")}
    assert late == none | {world.staff}
    assert [r.employee for r in _rows(world.health, search="perawat")] == [world.nurse]
    assert [r.employee for r in _rows(world.health, search=world.nurse.nip)] == [world.nurse]


@pytest.mark.django_db
def test_page_lists_fifty_names_a_page_and_reminds_everyone_unfinished(world, login):
    for n in range(55):
        make_employee(world.health_seksi, None, f"Pegawai Tambahan {n:02d}", with_login=n < 53)
    client = login(world.health_admin)
    url = reverse("planning:monitoring") + f"?unit={world.health.pk}&tahun={year()}"
    body = client.get(url).content.decode()
    assert "61 pegawai" in body and "Halaman 1 dari 2" in body
    assert body.count("<td>Belum ada SKP</td>") == 50
    second = client.get(url + "&page=2").content.decode()
    assert second.count("<td>Belum ada SKP</td>") == 11
    searched = client.get(url + "&q=Tambahan+54").content.decode()
    assert "Pegawai Tambahan 54" in searched and "1 pegawai sesuai saringan" in searched
    # The drill-down links lead to each sub-unit, and a sub-unit's page leads back up.
    assert f"?unit={world.health_bidang.pk}&amp;tahun={year()}" in body
    seksi = client.get(
        reverse("planning:monitoring") + f"?unit={world.health_seksi.pk}&tahun={year()}"
    ).content.decode()
    assert 'aria-label="Unit di atasnya"' in seksi
    assert f"?unit={world.health.pk}&amp;tahun={year()}" in seksi
    assert f"?unit={world.health_bidang.pk}&amp;tahun={year()}" in seksi
    client.post(reverse("planning:monitoring_remind"), {"unit": world.health.pk, "tahun": year()})
    reminded = Notification.objects.filter(kind="skp_deadline").count()
    # Everyone with a login who has not finished, not only those on the first page.
    assert reminded == 6 + 53


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
    # More sub-units (branches of the summary) do not add queries either.
    for n in range(3):
        unit = org.create_unit(actor=None, name=f"UPTD Tambahan {n}", kind="puskesmas",
                               parent=world.health)  # fmt: skip
        make_employee(unit, None, f"Pegawai UPTD {n}")
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
