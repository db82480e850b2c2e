"""The /api/v1 contract: who gets 401/404/422, offline docs, tokens, and the login lockout."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kinerja.accounts.models import ApiToken
from tests.world import PASSWORD

pytestmark = pytest.mark.django_db

AUTHENTICATED = [
    ("get", "/api/v1/auth/tokens"),
    ("delete", "/api/v1/auth/tokens/1"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/org-units"),
    ("get", "/api/v1/employees"),
    ("get", "/api/v1/employees/198503122010011001"),
]


@pytest.mark.parametrize(("method", "url"), AUTHENTICATED)
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer knj_salah"}, {"Authorization": "Basic abc"}],
    ids=["no-token", "unknown-token", "other-scheme"],
)
def test_every_authenticated_endpoint_answers_401_without_a_valid_token(
    world, method, url, headers
):
    response = getattr(Client(), method)(url, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Autentikasi diperlukan: kirim token Bearer yang sah."}
    assert response["WWW-Authenticate"].startswith("Bearer")


# Each code here is provoked by a test in this file or by the schemathesis run.
DOCUMENTED = {
    ("post", "/api/v1/auth/token"): {"200", "401", "422", "429"},
    ("get", "/api/v1/auth/tokens"): {"200", "401"},
    ("delete", "/api/v1/auth/tokens/{token_id}"): {"204", "401", "403", "404", "422"},
    ("get", "/api/v1/me"): {"200", "401"},
    ("get", "/api/v1/org-units"): {"200", "401", "404", "422"},
    ("get", "/api/v1/employees"): {"200", "401", "404", "422"},
    ("get", "/api/v1/employees/{nip}"): {"200", "401", "404"},
}


def _documented() -> dict[tuple[str, str], dict]:
    from kinerja.api.main import api

    return {
        (method, path): operation
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method, operation in operations.items()
    }


def test_foundation_operations_document_exactly_the_status_codes_they_answer():
    documented = {
        key: {str(code) for code in operation["responses"]}
        for key, operation in _documented().items()
        if key in DOCUMENTED
    }
    assert documented == DOCUMENTED


def test_every_operation_that_needs_a_token_documents_401():
    undocumented = [
        key
        for key, operation in _documented().items()
        if operation.get("security") and "401" not in {str(c) for c in operation["responses"]}
    ]
    assert not undocumented


def test_bearer_token_reads_me(world, bearer):
    response = Client().get("/api/v1/me", headers=bearer(world.bkpsdm_admin))
    assert response.status_code == 200
    body = response.json()
    assert body["nip"] == world.bkpsdm_admin.nip
    assert "bkpsdm_admin" in body["roles"]


def test_session_login_also_reaches_the_api(world, login):
    response = login(world.staff).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["nip"] == world.staff.nip


def test_invisible_employee_answers_404(world, bearer):
    response = Client().get(f"/api/v1/employees/{world.it_staff.nip}", headers=bearer(world.staff))
    assert response.status_code == 404
    assert response.json() == {"detail": "Data tidak ditemukan."}


def test_malformed_nip_in_path_answers_404_without_touching_the_database(world, bearer):
    response = Client().get("/api/v1/employees/abc%00def", headers=bearer(world.bkpsdm_admin))
    assert response.status_code == 404


def test_visible_employee_detail_includes_the_assessor_line(world, bearer):
    response = Client().get(
        f"/api/v1/employees/{world.staff.nip}", headers=bearer(world.bidang_head)
    )
    assert response.status_code == 200
    assert response.json()["assessor_line"]["assessor"]["nip"] == world.seksi_head.nip


@pytest.mark.parametrize("url", ["/api/v1/employees?unit={unit}", "/api/v1/org-units?root={unit}"])
def test_filtering_on_an_invisible_unit_answers_404(world, bearer, url):
    response = Client().get(url.format(unit=world.it_agency.pk), headers=bearer(world.staff))
    assert response.status_code == 404


def test_employee_list_is_scoped_and_paginated(world, bearer):
    response = Client().get("/api/v1/employees?limit=2", headers=bearer(world.bidang_head))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3  # kabid, kasi, pelaksana
    assert len(body["items"]) == 2
    nips = {
        e["nip"]
        for e in Client()
        .get("/api/v1/employees", headers=bearer(world.bidang_head))
        .json()["items"]
    }
    assert world.it_staff.nip not in nips


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=0", "limit", "Harus paling kecil 1."),
        ("limit=1000", "limit", "Harus paling besar 100."),
        ("offset=-1", "offset", "Harus paling kecil 0."),
        ("unit=abc", "unit", "Harus berupa angka."),
        ("q=" + "x" * 101, "q", "Paling banyak 100 karakter."),
        ("q=a%00b", "q", "Tidak boleh berisi karakter NUL."),
    ],
)
def test_bad_query_answers_422_with_an_indonesian_message_per_field(
    world, bearer, query, field, message
):
    response = Client().get(f"/api/v1/employees?{query}", headers=bearer(world.bkpsdm_admin))
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Data tidak valid."
    assert body["errors"] == {field: [message]}


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({}, {"nip": ["Wajib diisi."], "password": ["Wajib diisi."]}),
        ({"nip": "", "password": "x"}, {"nip": ["Paling sedikit 1 karakter."]}),
        ({"nip": 5, "password": "x"}, {"nip": ["Harus berupa teks yang sah."]}),
        ({"nip": "1", "password": "x", "name": ""}, {"name": ["Paling sedikit 1 karakter."]}),
    ],
)
def test_bad_token_request_answers_422_with_per_field_messages(db, payload, errors):
    response = Client().post("/api/v1/auth/token", payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == errors


def test_body_that_is_not_json_answers_422(db):
    response = Client().post("/api/v1/auth/token", "{nip", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": ["Isi permintaan bukan JSON yang sah."]}


def test_token_obtained_with_nip_and_password_works_until_revoked(world):
    client = Client()
    nip_with_spaces = f"{world.staff.nip[:8]} {world.staff.nip[8:14]} {world.staff.nip[14:]}"
    response = client.post(
        "/api/v1/auth/token",
        {"nip": nip_with_spaces, "password": PASSWORD, "name": "Skrip laporan"},
        content_type="application/json",
    )
    assert response.status_code == 200
    headers = {"Authorization": f"Bearer {response.json()['token']}"}

    listed = client.get("/api/v1/auth/tokens", headers=headers).json()
    assert [t["name"] for t in listed] == ["Skrip laporan"]
    assert listed[0]["revoked_at"] is None

    revoked = client.delete(f"/api/v1/auth/tokens/{listed[0]['id']}", headers=headers)
    assert revoked.status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert ApiToken.objects.get(pk=listed[0]["id"]).revoked_at is not None


def test_nobody_can_revoke_someone_elses_token(world, bearer):
    own = bearer(world.staff)
    other_token = ApiToken.objects.get(user=world.user(world.staff))
    response = Client().delete(
        f"/api/v1/auth/tokens/{other_token.pk}", headers=bearer(world.bkpsdm_admin)
    )
    assert response.status_code == 404
    assert Client().get("/api/v1/me", headers=own).status_code == 200


def test_session_delete_without_csrf_token_answers_403(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user(world.staff))
    token = ApiToken.objects.create(user=world.user(world.staff), name="x", key_hash="h" * 64)
    response = client.delete(f"/api/v1/auth/tokens/{token.pk}")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_wrong_password_answers_401(world):
    response = Client().post(
        "/api/v1/auth/token",
        {"nip": world.staff.nip, "password": "salah"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "NIP atau kata sandi salah."}


def test_token_endpoint_locks_out_after_the_failure_limit_even_with_the_right_password(
    world, settings
):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(
            "/api/v1/auth/token",
            {"nip": world.staff.nip, "password": "salah"},
            content_type="application/json",
        )
        assert response.status_code == 401
    client.post(
        "/api/v1/auth/token",
        {"nip": world.staff.nip, "password": "salah"},
        content_type="application/json",
    )
    response = client.post(
        "/api/v1/auth/token",
        {"nip": world.staff.nip, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "terkunci" in response.json()["detail"]
    assert not ApiToken.objects.filter(user=world.user(world.staff)).exists()


def test_openapi_schema_is_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/employees" in response.json()["paths"]


def test_docs_page_loads_only_local_static_assets(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the docs page references no assets"
    assert all(u.startswith("/static/") for u in urls), urls
    assert "cdn" not in html.lower()
    for url in urls:
        asset = Client().get(url)
        assert asset.status_code == 200, url
