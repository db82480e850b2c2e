"""/api/v1 SKP endpoints: scoped lists, details, and workflow actions answering 409/403/404."""

import pytest

from kinerja.planning import services
from kinerja.planning.models import Skp

from .helpers import approved_chain, fresh, skp_with_rhk, user_of, year

pytestmark = pytest.mark.django_db


@pytest.fixture
def bearer(world):
    from kinerja.accounts.services import issue_token

    def _bearer(employee):
        _, key = issue_token(user=world.user(employee), name="uji")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _bearer


def test_list_is_scoped_and_filtered(world, client, bearer):
    services.create_skp(actor=None, employee=world.staff, year=year())
    services.create_skp(actor=None, employee=world.it_staff, year=year())
    own = client.get("/api/v1/skps", {"year": year()}, **bearer(world.staff)).json()
    assert [s["employee_name"] for s in own["items"]] == ["Rahmat Pelaksana"]
    admin = client.get(
        "/api/v1/skps", {"employee": world.it_staff.nip}, **bearer(world.bkpsdm_admin)
    ).json()
    assert [s["employee_nip"] for s in admin["items"]] == [world.it_staff.nip]


def test_detail_carries_rhks_indicators_and_draft_is_404_for_others(world, client, bearer):
    skp, _ = skp_with_rhk(world.staff)
    body = client.get(f"/api/v1/skps/{skp.pk}", **bearer(world.staff)).json()
    assert body["rhks"][0]["indicators"][0]["target_unit"] == "laporan"
    assert client.get(f"/api/v1/skps/{skp.pk}", **bearer(world.bidang_head)).status_code == 404


def test_actions_answer_409_on_refused_transitions_and_403_for_non_assessors(world, client, bearer):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    approve = f"/api/v1/skps/{skp.pk}/approve"
    assert client.post(approve, **bearer(world.seksi_head)).status_code == 409  # still a draft
    assert client.post(f"/api/v1/skps/{skp.pk}/submit", **bearer(world.staff)).status_code == 200
    assert client.post(approve, **bearer(world.bidang_head)).status_code == 403
    assert client.post(approve, **bearer(world.it_head)).status_code == 404
    ret = client.post(
        f"/api/v1/skps/{skp.pk}/return",
        {"notes": "Perbaiki target"},
        content_type="application/json",
        **bearer(world.seksi_head),
    )
    assert ret.status_code == 200 and ret.json()["status"] == "returned"
    client.post(f"/api/v1/skps/{skp.pk}/submit", **bearer(world.staff))
    assert client.post(approve, **bearer(world.seksi_head)).json()["status"] == "approved"
    revision = client.post(
        f"/api/v1/skps/{skp.pk}/request-revision",
        {"notes": ""},
        content_type="application/json",
        **bearer(world.staff),
    )
    assert revision.status_code == 409 and "alasan" in revision.json()["detail"]
    assert fresh(skp).status == "approved"


def test_cascade_shows_parent_and_visible_children(world, client, bearer):
    _, boss_rhk = approved_chain(world)
    skp, rhk = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    body = client.get(f"/api/v1/rhks/{boss_rhk.pk}/cascade", **bearer(world.seksi_head)).json()
    assert body["children"][0]["id"] == rhk.pk
    assert body["parent"]["employee_name"] == "Teuku Kabid"
    assert Skp.objects.count() == 4


def test_org_goals_and_perjanjian_kinerja_are_readable_with_targets(world, client, bearer):
    from decimal import Decimal

    from kinerja.planning import org_services

    admin = user_of(world.bkpsdm_admin)
    goal = org_services.create_goal(actor=admin, year=year(), code="S1", text="Sasaran Bupati")
    org_services.add_agreement_target(
        actor=admin,
        unit=world.health,
        year=year(),
        goal=goal,
        objective="Meningkatnya kualitas pelayanan kesehatan",
        indicator="Indeks kepuasan layanan kesehatan",
        baseline=Decimal("78"),
        target_value=Decimal("85"),
        target_unit="indeks",
        quarters=(Decimal("80"), None, None, Decimal("85")),
    )
    goals = client.get("/api/v1/org-goals", {"year": year()}, **bearer(world.staff)).json()
    assert [g["code"] for g in goals] == ["S1"]
    agreements = client.get(
        "/api/v1/performance-agreements", {"unit": world.health.pk}, **bearer(world.it_staff)
    ).json()
    target = agreements[0]["targets"][0]
    assert agreements[0]["unit_name"] == world.health.name and target["goal_id"] == goal.pk
    assert (target["baseline"], target["target_q4"]) == ("78.00", "85.00")
    bad = client.get("/api/v1/org-goals", {"year": "dua ribu"}, **bearer(world.staff))
    assert bad.status_code == 422
