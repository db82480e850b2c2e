"""Lists and profiles use a constant number of queries however many employees there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.organisations.models import Position
from tests.world import PASSWORD, make_employee

pytestmark = pytest.mark.django_db

MORE = 30


def _grow(world) -> None:
    """30 more employees spread over the units of the world, with positions and logins."""
    units = [world.health_seksi, world.puskesmas, world.health, world.it_agency, world.bkpsdm]
    for i in range(MORE):
        unit = units[i % len(units)]
        position = Position.objects.filter(unit=unit, is_head=False).first()
        make_employee(unit, position, f"Pegawai Tambahan {i:02d}")


def _bearer(employee) -> dict[str, str]:
    """A token obtained through the API itself (organisations may not import accounts)."""
    response = Client().post(
        "/api/v1/auth/token",
        {"nip": employee.nip, "password": PASSWORD},
        content_type="application/json",
    )
    return {"Authorization": f"Bearer {response.json()['token']}"}


def _count(client: Client, url: str, headers: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _page_urls(world) -> list[str]:
    return [
        reverse("organisations:directory"),
        reverse("organisations:directory") + f"?unit={world.health.pk}",
        reverse("organisations:tree"),
        reverse("organisations:tree") + f"?unit={world.health.pk}",
        reverse("organisations:profile", args=[world.staff.nip]),
        reverse("organisations:profile", args=[world.nurse.nip]),
    ]


API_URLS = ["/api/v1/employees", "/api/v1/employees?q=pegawai", "/api/v1/org-units"]
PERSONAS = ["bkpsdm_admin", "health_admin", "bidang_head", "staff"]
# Upper bounds after growth, so a constant but wasteful page still fails.
PAGE_BUDGET = 22  # the profile resolves the assessor line; lists need about a dozen
API_BUDGET = 8


def test_pages_use_the_same_number_of_queries_with_30_more_employees(world):
    clients = {}
    for persona in PERSONAS:
        clients[persona] = Client()
        clients[persona].force_login(world.user(getattr(world, persona)))
    visits = [
        (persona, url)
        for persona in PERSONAS
        for url in _page_urls(world)
        if clients[persona].get(url).status_code == 200  # also warms the session
    ]
    assert len(visits) > len(PERSONAS) * 3
    before = {(p, url): _count(clients[p], url) for p, url in visits}
    _grow(world)
    after = {(p, url): _count(clients[p], url) for p, url in visits}
    assert after == before
    assert max(after.values()) <= PAGE_BUDGET, after


def test_api_lists_use_the_same_number_of_queries_with_30_more_employees(world):
    headers = {}
    for persona in PERSONAS:
        headers[persona] = _bearer(getattr(world, persona))
        Client().get("/api/v1/me", headers=headers[persona])  # records the token's first use
    visits = [(persona, url) for persona in PERSONAS for url in API_URLS]
    before = {(p, url): _count(Client(), url, headers[p]) for p, url in visits}
    _grow(world)
    after = {(p, url): _count(Client(), url, headers[p]) for p, url in visits}
    assert after == before
    assert max(after.values()) <= API_BUDGET, after
    admin_list = Client().get("/api/v1/employees", headers=headers["bkpsdm_admin"]).json()
    assert admin_list["count"] > MORE


def test_org_unit_api_and_tree_page_do_not_grow_with_the_number_of_units(world):
    from kinerja.organisations import services as org

    headers = _bearer(world.bkpsdm_admin)
    client = Client()
    client.force_login(world.user(world.bkpsdm_admin))
    urls = ["/api/v1/org-units", f"/api/v1/org-units?root={world.health.pk}"]
    pages = [
        reverse("organisations:tree"),
        reverse("organisations:tree") + f"?unit={world.health.pk}",
    ]
    Client().get(urls[0], headers=headers)
    before = [_count(Client(), u, headers) for u in urls] + [_count(client, u) for u in pages]
    for i in range(5):
        org.create_unit(
            actor=None, name=f"Seksi Tambahan {i}", kind="seksi", parent=world.health_bidang
        )
    after = [_count(Client(), u, headers) for u in urls] + [_count(client, u) for u in pages]
    assert after == before
