"""The adoption page, the names behind it, the Excel export and the weekly snapshot job."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from kinerja.adoption import selectors
from kinerja.adoption.models import AdoptionSnapshot
from kinerja.adoption.services import take_weekly_snapshot, week_start
from kinerja.communication.models import ReminderRun
from kinerja.communication.reminders import REMINDERS, run_all
from kinerja.organisations.models import Employee
from tests.world import make_employee

from .conftest import YEAR, skp_for

OVERVIEW = reverse("adoption:overview")


def test_bkpsdm_sees_every_agency_and_the_regency_total(data, login):
    response = login(data.world.bkpsdm_admin).get(OVERVIEW, {"tahun": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Dinas Kesehatan", "Dinas Komunikasi, Informatika dan Persandian", "BKPSDM"):
        assert name in html
    assert html.count('data-testid="agency-row"') == 5
    assert 'data-testid="total-row"' in html
    assert "<svg" in html
    assert "Batas pengisian Triwulan I" in html


def test_an_opd_admin_sees_only_their_agency(data, login):
    client = login(data.world.health_admin)
    html = client.get(OVERVIEW, {"tahun": YEAR}).content.decode()
    assert "Dinas Kesehatan" in html
    assert "Diskominsa" not in html and "Persandian" not in html
    assert html.count('data-testid="agency-row"') == 1
    other = {"tahun": YEAR, "instansi": data.world.it_agency.pk}
    assert client.get(OVERVIEW, other).status_code == 404
    assert (
        client.get(reverse("adoption:people", args=["never_logged_in"]), other).status_code == 404
    )
    assert client.get(reverse("adoption:export"), other).status_code == 404


def test_the_head_of_an_agency_sees_their_agency_and_a_staff_member_is_refused(data, login):
    response = login(data.world.it_head).get(OVERVIEW, {"tahun": YEAR})
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="agency-row"') == 1
    assert login(data.world.staff).get(OVERVIEW).status_code == 403
    assert login(data.world.seksi_head).get(OVERVIEW).status_code == 403


def test_names_behind_a_figure_come_with_a_whatsapp_reminder(data, login):
    Employee.objects.filter(pk=data.world.nurse.pk).update(phone="0812-3456-7890")
    response = login(data.world.bkpsdm_admin).get(
        reverse("adoption:people", args=["never_logged_in"]),
        {"tahun": YEAR, "instansi": data.world.health.pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="person-row"') == 4
    assert "Siti Perawat" in html and "Tanpa Akun" in html
    assert "Rahmat Pelaksana" not in html  # signed in
    assert "https://wa.me/6281234567890?text=" in html
    assert "akun Kinerja Abdya Anda sudah siap" in html


def test_assessors_waiting_list_says_how_many_wait(data, login):
    response = login(data.world.bkpsdm_admin).get(
        reverse("adoption:people", args=["assessors_waiting"]), {"tahun": YEAR}
    )
    html = response.content.decode()
    assert "Nurul Kasi" in html
    assert "ada 1 pengajuan realisasi pegawai yang menunggu penilaian Anda" in html


def test_an_unknown_figure_is_not_found(data, login):
    client = login(data.world.bkpsdm_admin)
    assert client.get(reverse("adoption:people", args=["semua"])).status_code == 404
    assert client.get(OVERVIEW, {"instansi": "abc"}).status_code == 404


def test_excel_export_holds_the_figures_of_the_page(data, login):
    response = login(data.world.bkpsdm_admin).get(reverse("adoption:export"), {"tahun": YEAR})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="adopsi-{YEAR}.xlsx"'
    book = load_workbook(BytesIO(response.content))
    sheet = book["Per perangkat daerah"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    figures = selectors.agency_adoption(year=YEAR)
    for f in figures.values():
        row = rows[f.agency_name]
        assert row[1:8] == (
            f.employees,
            f.never_logged_in,
            f.without_skp,
            f.due_current_period,
            f.not_filled_current_period,
            f.assessors_with_evaluations_waiting,
            f.evaluations_waiting,
        )
    total = rows[selectors.REGENCY_LABEL]
    assert total[1] == sum(f.employees for f in figures.values())
    assert total[10] == round(100 * 3 / 12, 1)
    reads = list(book["Pengumuman"].iter_rows(min_row=2, values_only=True))
    assert reads[0][0] == "Batas pengisian Triwulan I" and reads[0][3:5] == (13, 3)
    assert book["Tren mingguan"].max_row == 2  # no snapshot yet: this week only


def test_an_opd_admins_export_has_only_their_agency(data, login):
    response = login(data.world.health_admin).get(reverse("adoption:export"), {"tahun": YEAR})
    names = [
        r[0]
        for r in load_workbook(BytesIO(response.content)).active.iter_rows(
            min_row=4, values_only=True
        )
    ]
    assert names == ["Dinas Kesehatan", "Dinas Kesehatan"]  # the agency and its total


def test_the_page_takes_a_constant_number_of_queries(data, login, django_assert_max_num_queries):
    client = login(data.world.bkpsdm_admin)
    client.get(OVERVIEW)  # warm the session
    with django_assert_max_num_queries(20) as small:
        client.get(OVERVIEW, {"tahun": YEAR})
    for n in range(12):
        e = make_employee(data.world.puskesmas, None, f"Tambahan {n}")
        skp_for(e, data.world.health_head)
    take_weekly_snapshot(dt.date(YEAR, 3, 25))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(OVERVIEW, {"tahun": YEAR})


def test_weekly_snapshot_job_is_idempotent_per_week(data):
    day = dt.date(YEAR, 3, 25)
    take_weekly_snapshot(day)
    take_weekly_snapshot(day + dt.timedelta(days=1))  # same ISO week
    rows = AdoptionSnapshot.objects.filter(week_start=week_start(day))
    assert rows.count() == 5
    health = rows.get(agency=data.world.health)
    assert (health.employees, health.never_logged_in) == (7, 4)
    take_weekly_snapshot(day + dt.timedelta(days=7))
    assert AdoptionSnapshot.objects.count() == 10


def test_snapshot_runs_with_the_daily_reminders_and_its_run_is_recorded(data):
    assert "adoption_snapshot" in REMINDERS
    run_all(dt.date(YEAR, 3, 30), inline=True)
    run_all(dt.date(YEAR, 3, 30), inline=True)
    runs = ReminderRun.objects.filter(name="adoption_snapshot")
    assert [r.status for r in runs] == ["done", "done"]
    assert AdoptionSnapshot.objects.filter(week_start=dt.date(YEAR, 3, 30)).count() == 5


def test_trend_shows_stored_weeks_then_this_week_live(data):
    take_weekly_snapshot(dt.date(YEAR, 3, 18))
    take_weekly_snapshot(dt.date(YEAR, 3, 25))
    take_weekly_snapshot(dt.date(YEAR, 4, 1))  # this week: superseded by the live figures
    figures = selectors.agency_adoption(year=YEAR)
    total = selectors.regency_totals(figures)
    trend = selectors.weekly_trend(agency_ids=None, current=total)
    assert [p.week_start for p in trend] == [
        dt.date(YEAR, 3, 16),
        dt.date(YEAR, 3, 23),
        dt.date(YEAR, 3, 30),
    ]
    assert [p.is_live for p in trend] == [False, False, True]
    assert trend[0].figures.employees == total.employees
    scoped = selectors.weekly_trend(agency_ids=[data.world.health.pk], current=total)
    assert scoped[0].figures.employees == 7


def test_the_names_page_takes_a_constant_number_of_queries(
    data, login, django_assert_max_num_queries
):
    client = login(data.world.bkpsdm_admin)
    url = reverse("adoption:people", args=["without_skp"])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url, {"tahun": YEAR})
    for n in range(12):
        make_employee(data.world.puskesmas, None, f"Tanpa SKP {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"tahun": YEAR})
    expected = selectors.regency_totals(selectors.agency_adoption(year=YEAR)).without_skp
    assert expected == 7 + 12
    assert response.content.decode().count('data-testid="person-row"') == expected
