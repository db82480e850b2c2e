"""API: evidence listing per period, continuous feedback, organisational results, and signing
the penetapan: scoped like the pages (404 outside, 403 not allowed, 409 state, 422 content)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.evaluation import services
from kinerja.evaluation.models import Feedback, OrgResult, PredicateDetermination

from .conftest import YEAR, ready_for_penetapan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def headers_for(world, employee) -> dict[str, str]:
    from kinerja.accounts.services import issue_token

    _, key = issue_token(user=world.user(employee), name="uji")
    return {"Authorization": f"Bearer {key}"}


def evidence_url(ev) -> str:
    return f"/api/v1/evaluation/skps/{ev.skp.pk}/periods/{ev.q1.pk}/evidence"


def feedback_url(skp) -> str:
    return f"/api/v1/evaluation/skps/{skp.pk}/feedback"


# --- evidence ------------------------------------------------------------------------------


def upload(ev, n: int) -> None:
    for i in range(n):
        services.add_evidence_file(
            actor=ev.user(ev.world.staff),
            skp=ev.skp,
            period=ev.q1,
            upload=SimpleUploadedFile(f"laporan-{i}.pdf", PDF + bytes([i]), "application/pdf"),
        )


def test_evidence_of_a_period_is_listed_with_its_hash(ev, client):
    upload(ev, 2)
    services.add_evidence_link(
        actor=ev.user(ev.world.staff), skp=ev.skp, period=ev.q1, url="https://contoh.go.id/a"
    )
    response = client.get(evidence_url(ev), headers=headers_for(ev.world, ev.world.seksi_head))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["kind"] for item in body["items"]] == ["file", "file", "link"]
    assert len(body["items"][0]["sha256"]) == 64


def test_evidence_listing_is_404_outside_the_scope(ev, client):
    upload(ev, 1)
    response = client.get(evidence_url(ev), headers=headers_for(ev.world, ev.world.it_staff))
    assert response.status_code == 404


def test_evidence_listing_query_count_does_not_grow_with_files(
    ev, client, django_assert_max_num_queries
):
    headers = headers_for(ev.world, ev.world.staff)
    upload(ev, 1)
    client.get(evidence_url(ev), headers=headers)  # warm caches
    with django_assert_max_num_queries(10):
        client.get(evidence_url(ev), headers=headers)
    upload(ev, 6)
    with django_assert_max_num_queries(10):
        assert client.get(evidence_url(ev), headers=headers).json()["count"] == 7


# --- feedback ------------------------------------------------------------------------------


def test_assessor_gives_feedback_and_the_employee_reads_it(ev, client):
    response = client.post(
        feedback_url(ev.skp),
        {"text": "Laporan rapi.", "rhk_id": ev.rhk.pk, "period_id": ev.q1.pk},
        content_type="application/json",
        headers=headers_for(ev.world, ev.world.seksi_head),
    )
    assert response.status_code == 201
    assert response.json()["author_name"] == ev.world.seksi_head.full_name
    listed = client.get(feedback_url(ev.skp), headers=headers_for(ev.world, ev.world.staff))
    assert [f["text"] for f in listed.json()["items"]] == ["Laporan rapi."]


def test_feedback_on_a_berakhlak_value(ev, client):
    response = client.post(
        feedback_url(ev.skp),
        {"text": "Ramah pada pasien.", "value_code": "berorientasi_pelayanan"},
        content_type="application/json",
        headers=headers_for(ev.world, ev.world.seksi_head),
    )
    assert response.status_code == 201 and response.json()["value_code"] == (
        "berorientasi_pelayanan"
    )


def test_only_the_assessor_gives_feedback(ev, client):
    for who in (ev.world.staff, ev.world.health_head):
        response = client.post(
            feedback_url(ev.skp),
            {"text": "x", "rhk_id": ev.rhk.pk},
            content_type="application/json",
            headers=headers_for(ev.world, who),
        )
        assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_feedback_on_an_invisible_skp_is_404(ev, client):
    response = client.post(
        feedback_url(ev.skp),
        {"text": "x", "rhk_id": ev.rhk.pk},
        content_type="application/json",
        headers=headers_for(ev.world, ev.world.it_staff),
    )
    assert response.status_code == 404


def test_bad_feedback_gets_per_field_messages(ev, client):
    headers = headers_for(ev.world, ev.world.seksi_head)
    cases = [
        ({"text": ""}, "text"),
        ({"text": "x"}, "rhk"),  # neither an RHK nor a value
        ({"text": "x", "value_code": "jujur"}, "value_code"),
        ({"text": "x", "rhk_id": ev.rhk.pk + 999}, "rhk_id"),
        ({"text": "x", "rhk_id": ev.rhk.pk, "period_id": 999_999}, "period_id"),
        ({"text": "a\x00b", "rhk_id": ev.rhk.pk}, "text"),
    ]
    for body, field in cases:
        response = client.post(
            feedback_url(ev.skp), body, content_type="application/json", headers=headers
        )
        assert response.status_code == 422, body
        assert field in response.json()["errors"], (body, response.json())


def test_feedback_list_query_count_is_flat(ev, client, django_assert_max_num_queries):
    headers = headers_for(ev.world, ev.world.staff)
    assessor = ev.user(ev.world.seksi_head)
    services.give_feedback(actor=assessor, skp=ev.skp, rhk=ev.rhk, text="Satu")
    client.get(feedback_url(ev.skp), headers=headers)
    with django_assert_max_num_queries(10):
        client.get(feedback_url(ev.skp), headers=headers)
    for n in range(5):
        services.give_feedback(actor=assessor, skp=ev.skp, rhk=ev.rhk, text=f"Lagi {n}")
    with django_assert_max_num_queries(10):
        assert client.get(feedback_url(ev.skp), headers=headers).json()["count"] == 6


# --- organisational results ----------------------------------------------------------------


def set_result(client, world, who, unit, predicate="good", **extra):
    return client.post(
        "/api/v1/evaluation/org-results",
        {"unit_id": unit.pk, "year": YEAR, "predicate": predicate, **extra},
        content_type="application/json",
        headers=headers_for(world, who),
    )


def test_regent_sets_an_agency_result_and_everyone_signed_in_reads_it(ev, client):
    w = ev.world
    response = set_result(client, w, w.regent, w.health, reason="LKjIP 2026")
    assert response.status_code == 200 and response.json()["predicate_label"] == "Baik"
    listed = client.get(
        f"/api/v1/evaluation/org-results?year={YEAR}", headers=headers_for(w, w.it_staff)
    )
    assert [r["unit_name"] for r in listed.json()["items"]] == ["Dinas Kesehatan"]


def test_head_one_level_up_sets_a_lower_units_result(ev, client):
    w = ev.world
    assert set_result(client, w, w.bidang_head, w.health_seksi).status_code == 200
    assert set_result(client, w, w.seksi_head, w.health_seksi).status_code == 403


def test_agency_result_by_anyone_but_the_leadership_is_403(ev, client):
    w = ev.world
    assert set_result(client, w, w.health_head, w.health).status_code == 403
    assert not OrgResult.objects.exists()


def test_org_result_for_a_unit_out_of_sight_is_404(ev, client):
    w = ev.world
    assert set_result(client, w, w.staff, w.it_agency).status_code == 404


def test_bad_org_result_gets_per_field_messages(ev, client):
    w = ev.world
    bad = set_result(client, w, w.regent, w.health, predicate="istimewa sekali")
    assert bad.status_code == 422 and "predicate" in bad.json()["errors"]
    wrong_year = set_result(client, w, w.regent, w.health, period_id=999_999)
    assert wrong_year.status_code == 422 and "period_id" in wrong_year.json()["errors"]


def test_periodic_org_result_is_set_for_a_period(ev, client):
    w = ev.world
    response = set_result(client, w, w.regent, w.health, period_id=ev.q1.pk)
    assert response.status_code == 200 and response.json()["period_id"] == ev.q1.pk
    annual_only = client.get(
        f"/api/v1/evaluation/org-results?year={YEAR}&annual_only=true",
        headers=headers_for(w, w.regent),
    )
    assert annual_only.json()["count"] == 0


# --- penetapan -----------------------------------------------------------------------------


def test_head_signs_the_penetapan_through_the_api_explaining_each_breach(ev, client):
    w = ev.world
    ready_for_penetapan(ev)
    headers = headers_for(w, w.health_head)
    status = client.get(
        f"/api/v1/evaluation/agencies/{w.health.pk}/distribution?year={YEAR}", headers=headers
    ).json()
    assert status["breaches"] and status["determination_id"] is None
    url = f"/api/v1/evaluation/agencies/{w.health.pk}/determination"
    unexplained = client.post(url, {"year": YEAR}, content_type="application/json", headers=headers)
    assert unexplained.status_code == 422 and "explanations" in unexplained.json()["errors"]
    body = {"year": YEAR, "explanations": {b["key"]: "Sesuai LKjIP." for b in status["breaches"]}}
    signed = client.post(url, body, content_type="application/json", headers=headers)
    assert signed.status_code == 201 and signed.json()["distribution"]["total"] == 2
    again = client.post(url, body, content_type="application/json", headers=headers)
    assert again.status_code == 409
    assert PredicateDetermination.objects.count() == 1


def test_regent_cannot_sign_the_penetapan_through_the_api(ev, client):
    w = ev.world
    ready_for_penetapan(ev)
    response = client.post(
        f"/api/v1/evaluation/agencies/{w.health.pk}/determination",
        {"year": YEAR},
        content_type="application/json",
        headers=headers_for(w, w.regent),
    )
    assert response.status_code == 403
