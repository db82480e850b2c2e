"""The development API: the JP ledger, registration conflicts, certificate uploads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kinerja.development import services
from kinerja.development.models import EventStatus

from .conftest import EXE_BYTES, PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def bearer(world):
    from kinerja.accounts.services import issue_token

    def _bearer(employee) -> dict[str, str]:
        _, key = issue_token(user=world.user(employee), name="uji")
        return {"Authorization": f"Bearer {key}"}

    return _bearer


def test_jp_endpoint_gives_ledger_total_and_target(world, event, bearer):
    registration = services.register_for_event(
        actor=world.user(world.it_staff), event=event, employee=world.it_staff
    )
    services.complete_event_participant(
        actor=world.user(world.bkpsdm_admin), registration=registration
    )
    response = Client().get(
        f"/api/v1/employees/{world.it_staff.nip}/jp?year=2026", headers=bearer(world.it_head)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == "15.00"
    assert body["below_target"] is True
    assert body["target"]["minimum"] == "20"
    assert body["entries"][0]["title"] == event.title


def test_jp_endpoint_answers_404_for_an_invisible_employee(world, bearer):
    response = Client().get(
        f"/api/v1/employees/{world.it_staff.nip}/jp?year=2026", headers=bearer(world.staff)
    )
    assert response.status_code == 404


def test_pppk_ledger_shows_the_cap_and_is_never_below_target(world, bearer):
    response = Client().get(
        f"/api/v1/employees/{world.nurse.nip}/jp?year=2026", headers=bearer(world.nurse)
    )
    body = response.json()
    assert body["target"]["cap"] == "24"
    assert body["target"]["minimum"] is None
    assert body["below_target"] is False


def test_registration_on_a_full_event_waitlists_and_a_closed_one_answers_409(world, event, bearer):
    event.quota = 1
    event.save()
    first = Client().post(
        f"/api/v1/development/events/{event.pk}/register", headers=bearer(world.it_staff)
    )
    second = Client().post(
        f"/api/v1/development/events/{event.pk}/register", headers=bearer(world.staff)
    )
    assert first.status_code == 201
    assert first.json()["status"] == "registered"
    assert second.json()["status"] == "waitlisted"
    again = Client().post(
        f"/api/v1/development/events/{event.pk}/register", headers=bearer(world.staff)
    )
    assert again.status_code == 409
    event.status = EventStatus.CLOSED
    event.save()
    closed = Client().post(
        f"/api/v1/development/events/{event.pk}/register", headers=bearer(world.nurse)
    )
    assert closed.status_code == 409
    assert closed.json()["detail"] == "Pendaftaran pelatihan ini tidak dibuka."


def test_cancel_through_the_api_promotes_the_waiting_list(world, event, bearer):
    event.quota = 1
    event.save()
    first = (
        Client()
        .post(f"/api/v1/development/events/{event.pk}/register", headers=bearer(world.it_staff))
        .json()
    )
    Client().post(f"/api/v1/development/events/{event.pk}/register", headers=bearer(world.staff))
    response = Client().post(
        f"/api/v1/development/registrations/{first['id']}/cancel", headers=bearer(world.it_staff)
    )
    assert response.json()["status"] == "cancelled"
    ledger = Client().get("/api/v1/development/events", headers=bearer(world.staff))
    assert ledger.status_code == 200


def _report_data(file_bytes: bytes) -> dict:
    return {
        "form": "workshop",
        "title": "Lokakarya Keamanan Data",
        "organiser": "BSSN",
        "start_date": dt.date(2026, 6, 1).isoformat(),
        "end_date": dt.date(2026, 6, 2).isoformat(),
        "certificate": SimpleUploadedFile("sertifikat.pdf", file_bytes),
    }


def test_report_upload_accepts_a_real_pdf(world, bearer):
    response = Client().post(
        "/api/v1/development/reports", _report_data(PDF_BYTES), headers=bearer(world.it_staff)
    )
    assert response.status_code == 201
    assert len(response.json()["certificate_sha256"]) == 64


def test_report_upload_refuses_a_renamed_program_with_422(world, bearer):
    response = Client().post(
        "/api/v1/development/reports", _report_data(EXE_BYTES), headers=bearer(world.it_staff)
    )
    assert response.status_code == 422
    assert "certificate" in response.json()["errors"]


def test_report_upload_over_the_size_limit_answers_413(world, bearer, settings):
    settings.MAX_UPLOAD_BYTES = 20
    response = Client().post(
        "/api/v1/development/reports", _report_data(PDF_BYTES), headers=bearer(world.it_staff)
    )
    assert response.status_code == 413


def test_needs_list_is_scoped(world, bearer, cyber):
    services.add_need(
        actor=world.user(world.it_head),
        employee=world.it_staff,
        year=2026,
        reason="Perlu pendalaman keamanan siber",
        competency=cyber,
    )
    mine = Client().get("/api/v1/development/needs?year=2026", headers=bearer(world.it_staff))
    other = Client().get("/api/v1/development/needs?year=2026", headers=bearer(world.staff))
    assert mine.json()["count"] == 1
    assert mine.json()["items"][0]["competency"] == "keamanan-siber"
    assert other.json()["count"] == 0
