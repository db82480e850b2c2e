"""/api/v1 leadership endpoints: team overview, directions, field visits, follow-ups."""

import pytest

from kinerja.core import clock
from kinerja.leadership.models import FollowUp, FollowUpStatus

pytestmark = pytest.mark.django_db


def test_team_overview_lists_the_leaders_members_only(world, client, bearer):
    body = client.get("/api/v1/team", **bearer(world.seksi_head)).json()
    assert [m["nip"] for m in body["members"]] == [world.staff.nip]
    assert body["members"][0]["skp_status"] is None


def test_team_overview_is_403_for_a_member_and_401_without_token(world, client, bearer):
    assert client.get("/api/v1/team", **bearer(world.staff)).status_code == 403
    assert client.get("/api/v1/team").status_code == 401


def test_leader_gives_a_direction_and_the_member_acknowledges_it(world, client, bearer):
    response = client.post(
        "/api/v1/directions",
        {"text": "Rapat Senin", "recipient_nip": world.staff.nip},
        content_type="application/json",
        **bearer(world.seksi_head),
    )
    assert response.status_code == 201, response.json()
    direction_id = response.json()["id"]
    assert response.json()["recipients"] == 1
    listed = client.get("/api/v1/directions", **bearer(world.staff)).json()
    assert [d["id"] for d in listed["items"]] == [direction_id]
    ack = client.post(f"/api/v1/directions/{direction_id}/acknowledge", **bearer(world.staff))
    assert ack.status_code == 200
    assert client.get("/api/v1/directions", **bearer(world.it_staff)).json()["items"] == []
    outsider = client.post(
        f"/api/v1/directions/{direction_id}/acknowledge", **bearer(world.it_staff)
    )
    assert outsider.status_code == 404


def test_direction_refusals_are_403_404_and_422(world, client, bearer):
    def post(employee, payload):
        return client.post(
            "/api/v1/directions", payload, content_type="application/json", **bearer(employee)
        ).status_code

    assert post(world.staff, {"text": "X"}) == 403
    assert post(world.seksi_head, {"text": "X", "recipient_nip": world.it_staff.nip}) == 404
    assert post(world.seksi_head, {"text": ""}) == 422


def test_field_visit_with_follow_up_is_closed_by_its_owner(world, client, bearer):
    response = client.post(
        "/api/v1/field-visits",
        {
            "date": clock.today().isoformat(),
            "place": "Gampong Meudang Ara",
            "purpose": "Pemantauan",
            "employee_nips": [world.nurse.nip],
            "follow_ups": [{"text": "Lapor ulang", "owner_nip": world.nurse.nip}],
        },
        content_type="application/json",
        **bearer(world.health_head),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["open_follow_ups"] == 1
    visits = client.get("/api/v1/field-visits", **bearer(world.nurse)).json()["items"]
    assert [v["place"] for v in visits] == ["Gampong Meudang Ara"]
    assert client.get("/api/v1/field-visits", **bearer(world.it_staff)).json()["items"] == []
    follow_up = FollowUp.objects.get()
    assert (
        client.post(
            f"/api/v1/follow-ups/{follow_up.pk}/close",
            {"note": "x"},
            content_type="application/json",
            **bearer(world.it_staff),
        ).status_code
        == 404
    )
    closed = client.post(
        f"/api/v1/follow-ups/{follow_up.pk}/close",
        {"note": "Selesai"},
        content_type="application/json",
        **bearer(world.nurse),
    )
    assert closed.status_code == 200
    assert closed.json()["status"] == FollowUpStatus.DONE


def _grow_team(world, size: int) -> None:
    from kinerja.planning import services as planning
    from tests.world import make_employee

    for i in range(size):
        employee = make_employee(world.health_seksi, None, f"Anggota {i:03d}", with_login=False)
        planning.create_skp(actor=None, employee=employee, year=clock.today().year)


def test_team_overview_pages_the_members_by_name_and_keeps_totals_for_the_whole_team(
    world, client, bearer
):
    _grow_team(world, 4)
    auth = bearer(world.seksi_head)
    first = client.get("/api/v1/team", {"limit": 2}, **auth).json()
    assert (first["member_count"], first["limit"], first["offset"]) == (5, 2, 0)
    assert first["next_offset"] == 2
    assert [m["name"] for m in first["members"]] == ["Anggota 000", "Anggota 001"]
    # Totals per unit count every member, not only the page.
    assert sum(u["members"] for u in first["units"]) == 5
    last = client.get("/api/v1/team", {"limit": 2, "offset": 4}, **auth).json()
    assert [m["nip"] for m in last["members"]] == [world.staff.nip]
    assert last["next_offset"] is None
    everyone = client.get("/api/v1/team", **auth).json()
    assert everyone["limit"] == 50 and len(everyone["members"]) == 5


def test_team_overview_refuses_a_page_larger_than_100_or_a_negative_offset(world, client, bearer):
    auth = bearer(world.seksi_head)
    assert client.get("/api/v1/team", {"limit": 101}, **auth).status_code == 422
    assert client.get("/api/v1/team", {"limit": 0}, **auth).status_code == 422
    assert client.get("/api/v1/team", {"offset": -1}, **auth).status_code == 422


@pytest.mark.parametrize("size", [5, 30])
def test_team_overview_query_count_does_not_grow_with_the_team(world, client, bearer, size):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.leadership import services

    auth = bearer(world.health_head)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/api/v1/team", {"limit": 100}, **auth)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request with a token also records its use
    baseline = count()
    _grow_team(world, size)
    services.give_direction(actor=world.user(world.health_head), text="Arahan untuk semua")
    after = count()
    body = client.get("/api/v1/team", {"limit": 100}, **auth).json()
    assert len(body["members"]) == body["member_count"] > size
    assert after == baseline, (baseline, after)
