"""Pages under /pengembangan/: the journey, permissions (404/403) and query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.development import services
from kinerja.development.models import JpEntry, Registration, RegistrationStatus, ReportStatus
from tests.world import make_employee

from .conftest import exe_named_pdf, pdf

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)


@time_machine.travel(TODAY, tick=False)
def test_register_attend_complete_moves_the_jp_bar_and_offers_the_certificate(
    world, login, event, client
):
    page = login(world.it_staff).get(reverse("development:mine"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="jp-bar"' in html
    assert f'data-testid="register-{event.pk}"' in html
    assert "0 dari minimal 20 JP" in html

    client.post(reverse("development:register", args=[event.pk]))
    registration = Registration.objects.get(employee=world.it_staff)
    assert registration.status == RegistrationStatus.REGISTERED

    login(world.bkpsdm_admin)
    url = reverse("development:registration_action", args=[registration.pk])
    client.post(url, {"action": "attended"})
    client.post(url, {"action": "complete", "certificate": pdf()})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.COMPLETED

    html = login(world.it_staff).get(reverse("development:mine")).content.decode()
    assert "15 dari minimal 20 JP" in html
    assert 'data-testid="certificate-download"' in html
    download = client.get(reverse("development:certificate", args=["pelatihan", registration.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_pppk_sees_the_cap_and_is_not_called_short(world, login):
    html = login(world.nurse).get(reverse("development:mine")).content.decode()
    assert "dari batas 24 JP" in html
    assert "Belum memenuhi" not in html


def test_an_outsider_gets_404_for_someone_elses_certificate(world, login):
    report = services.report_external_activity(
        actor=world.user(world.staff),
        form="seminar",
        title="Seminar",
        organiser="LAN",
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2026, 4, 1),
        certificate=pdf(),
    )
    url = reverse("development:certificate", args=["laporan", report.pk])
    assert login(world.it_staff).get(url).status_code == 404
    assert login(world.seksi_head).get(url).status_code == 200


def test_report_form_refuses_a_renamed_program(world, login):
    response = login(world.staff).post(
        reverse("development:report"),
        {
            "form": "seminar",
            "title": "Seminar",
            "organiser": "LAN",
            "start_date": "2026-04-01",
            "end_date": "2026-04-01",
            "certificate": exe_named_pdf(),
        },
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak diizinkan" in response.content.decode()


def _submitted(world, employee):
    return services.report_external_activity(
        actor=world.user(employee),
        form="workshop",
        title="Lokakarya Data",
        organiser="BPS",
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2026, 4, 2),
        certificate=pdf(),
    )


def test_an_employee_cannot_verify_their_own_report_through_the_page(world, login):
    report = _submitted(world, world.staff)
    response = login(world.staff).post(
        reverse("development:report_decide", args=[report.pk]), {"decision": "verify"}
    )
    assert response.status_code == 403
    assert not JpEntry.objects.exists()


def test_the_assessor_sees_and_verifies_the_report_on_the_team_page(world, login):
    report = _submitted(world, world.staff)
    client = login(world.seksi_head)
    html = client.get(reverse("development:team")).content.decode()
    assert f'data-testid="report-{report.pk}"' in html
    assert world.staff.full_name in html
    client.post(reverse("development:report_decide", args=[report.pk]), {"decision": "verify"})
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED
    assert JpEntry.objects.get(report=report).jp == Decimal(10)


def test_the_agency_head_does_not_get_the_kasi_staffers_report_to_verify(world, login):
    report = _submitted(world, world.staff)
    html = login(world.health_head).get(reverse("development:team")).content.decode()
    assert f'data-testid="report-{report.pk}"' not in html


@pytest.mark.parametrize(
    "name",
    [
        "development:admin",
        "development:attainment",
        "development:needs_analysis",
        "development:rules",
    ],
)
def test_admin_pages_are_forbidden_to_a_plain_employee(world, login, name):
    assert login(world.staff).get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "development:admin",
        "development:attainment",
        "development:needs_analysis",
        "development:rules",
    ],
)
def test_admin_pages_open_for_bkpsdm(world, login, event, name):
    assert login(world.bkpsdm_admin).get(reverse(name)).status_code == 200


def test_bkpsdm_overrides_a_rule_from_the_editor(world, login):
    client = login(world.bkpsdm_admin)
    client.post(
        reverse("development:rules"),
        {
            "form": "seminar",
            "basis": "per_day",
            "jp_national": "5",
            "jp_international": "7",
            "international_uplift_pct": "0",
            "minutes_per_jp": "45",
        },
    )
    html = client.get(reverse("development:rules")).content.decode()
    assert "Diubah BKPSDM" in html
    assert "Bawaan, bukan ketentuan hukum" in html


def test_agency_attainment_query_count_does_not_grow_with_employees(
    world, login, django_assert_max_num_queries
):
    client = login(world.bkpsdm_admin)
    url = reverse("development:attainment")
    names = f"{url}?pd={world.health.pk}"
    client.get(url)  # warm the session and access caches
    with django_assert_max_num_queries(12) as before:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(14) as before_names:
        assert client.get(names).status_code == 200
    for i in range(15):
        make_employee(world.health_seksi, None, f"Pegawai Tambahan {i}", with_login=False)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert "<svg" in html
    assert "Pegawai Tambahan 14" not in html  # names are listed per agency, on demand
    with django_assert_max_num_queries(len(before_names.captured_queries)):
        html = client.get(names).content.decode()
    assert "Pegawai Tambahan 14" in html


def test_the_team_page_query_count_does_not_grow_with_the_team(
    world, login, django_assert_max_num_queries
):
    client = login(world.seksi_head)
    url = reverse("development:team")
    client.get(url)
    with django_assert_max_num_queries(40) as before:
        client.get(url)
    for i in range(10):
        make_employee(world.health_seksi, world.staff.position, f"Staf Tambahan {i}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert "Staf Tambahan 9" in client.get(url).content.decode()


def test_excel_export_lists_only_visible_employees(world, login):
    response = login(world.health_admin).get(reverse("development:export_jp") + "?tahun=2026")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    nips = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert world.staff.nip in nips
    assert world.it_staff.nip not in nips
