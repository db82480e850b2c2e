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
