"""API: appeals (keberatan) filed by the employee with evidence, explanations, the atasan's final
decision written back; deadlines (409), uploads (413/422), and who may do what (403/404)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.evaluation import services
from kinerja.evaluation.models import Appeal, Evaluation, Evidence

from .conftest import YEAR, at, rate_head_annual

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def evaluation(ev) -> Evaluation:
    staff = ev.user(ev.world.staff)
    for indicator in ev.indicators:
        services.record_realisation(
            actor=staff, indicator=indicator, period=ev.q1, expected_version=0, value=Decimal(1)
        )
    services.submit_period(actor=staff, skp=ev.skp, period=ev.q1)
    return services.rate(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.q1,
        work_rating="below",
        behaviour_rating="meets",
    )


def file_url(evaluation) -> str:
    return f"/api/v1/evaluation/evaluations/{evaluation.pk}/appeals"


def appeal_url(appeal_id: int, action: str = "") -> str:
    return f"/api/v1/evaluation/appeals/{appeal_id}{'/' + action if action else ''}"


def file(client, evaluation, headers, reasons="Realisasi triwulan belum dihitung.", files=()):
    data = {"reasons": reasons}
    if files:
        data["files"] = list(files)
    return client.post(file_url(evaluation), data, headers=headers)


def test_full_appeal_through_the_api(ev, evaluation, client, bearer):
    w = ev.world
    filed = file(
        client,
        evaluation,
        bearer(w.staff),
        files=[SimpleUploadedFile("bukti.pdf", PDF, "application/pdf")],
    )
    assert filed.status_code == 201, filed.json()
    appeal_id = filed.json()["id"]
    assert filed.json()["status"] == "filed" and filed.json()["old_predicate"] == ""
    assert Evidence.objects.filter(appeal_id=appeal_id).count() == 1

    superior = bearer(w.bidang_head)
    requested = client.post(appeal_url(appeal_id, "request-explanations"), headers=superior)
    assert requested.status_code == 200 and requested.json()["status"] == "explanations_requested"
    for who, text in ((w.staff, "Laporan sudah dikirim."), (w.seksi_head, "Terlambat dikirim.")):
        explained = client.post(
            appeal_url(appeal_id, "explanations"),
            {"text": text},
            content_type="application/json",
            headers=bearer(who),
        )
        assert explained.status_code == 200
    assert explained.json()["employee_explanation"] == "Laporan sudah dikirim."
    assert explained.json()["assessor_explanation"] == "Terlambat dikirim."

    decided = client.post(
        appeal_url(appeal_id, "decision"),
        {
            "decision": "change",
            "note": "Bukti pengiriman ada.",
            "work_rating": "meets",
            "behaviour_rating": "meets",
        },
        content_type="application/json",
        headers=superior,
    )
    assert decided.status_code == 200
    assert decided.json()["old_predicate"] == "needs_improvement"
    assert decided.json()["new_predicate"] == "good"
    evaluation.refresh_from_db()
    assert evaluation.predicate == "good" and evaluation.is_final
    again = client.post(
        appeal_url(appeal_id, "decision"),
        {"decision": "uphold", "note": "x"},
        content_type="application/json",
        headers=superior,
    )
    assert again.status_code == 409  # the decision is final


def test_appeal_after_the_deadline_is_409_with_the_date(ev, evaluation, client, bearer):
    with time_machine.travel(at(dt.date(YEAR, 4, 20)), tick=False):
        response = file(client, evaluation, bearer(ev.world.staff))
    assert response.status_code == 409
    assert "14" in response.json()["detail"] or "batas" in response.json()["detail"].lower()
    assert not Appeal.objects.exists()


def test_appeal_on_the_last_day_is_accepted(ev, evaluation, client, bearer):
    with time_machine.travel(at(dt.date(YEAR, 4, 19)), tick=False):
        response = file(client, evaluation, bearer(ev.world.staff))
    assert response.status_code == 201


def test_second_open_appeal_is_409(ev, evaluation, client, bearer):
    headers = bearer(ev.world.staff)
    assert file(client, evaluation, headers).status_code == 201
    assert file(client, evaluation, headers).status_code == 409


def test_only_the_employee_files_an_appeal(ev, evaluation, client, bearer):
    assert file(client, evaluation, bearer(ev.world.seksi_head)).status_code == 403
    assert file(client, evaluation, bearer(ev.world.it_staff)).status_code == 404


def test_empty_reasons_are_422(ev, evaluation, client, bearer):
    response = file(client, evaluation, bearer(ev.world.staff), reasons="   ")
    assert response.status_code == 422 and "reasons" in response.json()["errors"]


def test_oversize_appeal_evidence_is_413_and_nothing_is_saved(
    ev, evaluation, client, bearer, settings
):
    settings.MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * 4096, "application/pdf")
    response = file(client, evaluation, bearer(ev.world.staff), files=[big])
    assert response.status_code == 413
    assert not Appeal.objects.exists()


def test_renamed_executable_as_appeal_evidence_is_422(ev, evaluation, client, bearer):
    exe = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    response = file(client, evaluation, bearer(ev.world.staff), files=[exe])
    assert response.status_code == 422
    assert not Appeal.objects.exists()


def test_only_the_superior_requests_and_decides(ev, evaluation, client, bearer):
    appeal_id = file(client, evaluation, bearer(ev.world.staff)).json()["id"]
    for who in (ev.world.seksi_head, ev.world.staff, ev.world.health_head):
        response = client.post(appeal_url(appeal_id, "request-explanations"), headers=bearer(who))
        assert response.status_code == 403
    outsider = client.post(
        appeal_url(appeal_id, "request-explanations"), headers=bearer(ev.world.it_staff)
    )
    assert outsider.status_code == 404


def test_deciding_before_explanations_is_409(ev, evaluation, client, bearer):
    appeal_id = file(client, evaluation, bearer(ev.world.staff)).json()["id"]
    response = client.post(
        appeal_url(appeal_id, "decision"),
        {"decision": "uphold", "note": "Tetap."},
        content_type="application/json",
        headers=bearer(ev.world.bidang_head),
    )
    assert response.status_code == 409


def test_bad_decision_is_422_per_field(ev, evaluation, client, bearer):
    appeal_id = file(client, evaluation, bearer(ev.world.staff)).json()["id"]
    superior = bearer(ev.world.bidang_head)
    client.post(appeal_url(appeal_id, "request-explanations"), headers=superior)
    unknown = client.post(
        appeal_url(appeal_id, "decision"),
        {"decision": "maybe", "note": "x"},
        content_type="application/json",
        headers=superior,
    )
    assert unknown.status_code == 422 and "decision" in unknown.json()["errors"]
    change = client.post(
        appeal_url(appeal_id, "decision"),
        {"decision": "change", "note": "x"},
        content_type="application/json",
        headers=superior,
    )
    assert change.status_code == 422 and "work_rating" in change.json()["errors"]


def test_explaining_before_the_request_is_409(ev, evaluation, client, bearer):
    appeal_id = file(client, evaluation, bearer(ev.world.staff)).json()["id"]
    response = client.post(
        appeal_url(appeal_id, "explanations"),
        {"text": "Penjelasan"},
        content_type="application/json",
        headers=bearer(ev.world.staff),
    )
    assert response.status_code == 409


def test_appeals_are_listed_for_those_who_may_see_them(ev, evaluation, client, bearer):
    file(client, evaluation, bearer(ev.world.staff))
    for who, count in ((ev.world.staff, 1), (ev.world.bidang_head, 1), (ev.world.it_staff, 0)):
        listed = client.get(f"/api/v1/evaluation/appeals?year={YEAR}", headers=bearer(who))
        assert listed.status_code == 200 and listed.json()["count"] == count, who
    by_agency = client.get(
        f"/api/v1/evaluation/appeals?agency_id={ev.world.health.pk}&status=filed",
        headers=bearer(ev.world.health_head),
    )
    assert by_agency.json()["count"] == 1
    bad = client.get("/api/v1/evaluation/appeals?status=lain", headers=bearer(ev.world.staff))
    assert bad.status_code == 422


def test_appeal_detail_is_404_outside_the_scope(ev, evaluation, client, bearer):
    appeal_id = file(client, evaluation, bearer(ev.world.staff)).json()["id"]
    assert client.get(appeal_url(appeal_id), headers=bearer(ev.world.staff)).status_code == 200
    assert client.get(appeal_url(appeal_id), headers=bearer(ev.world.it_staff)).status_code == 404


def test_appeal_list_query_count_is_flat(
    ev, evaluation, client, bearer, django_assert_max_num_queries
):
    headers = bearer(ev.world.bidang_head)
    file(client, evaluation, bearer(ev.world.staff))
    client.get("/api/v1/evaluation/appeals", headers=headers)
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/evaluation/appeals", headers=headers).json()["count"] == 1
    # A second appeal on the annual result of the seksi head (assessed by the bidang head).
    services.set_org_result(
        actor=ev.user(ev.world.bidang_head),
        unit=ev.world.health_seksi,
        year=YEAR,
        predicate="good",
    )
    annual = rate_head_annual(ev)
    services.file_appeal(actor=ev.user(ev.world.seksi_head), evaluation=annual, reasons="x")
    head = bearer(ev.world.health_head)
    client.get("/api/v1/evaluation/appeals", headers=head)
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/evaluation/appeals", headers=head).json()["count"] == 2
