"""The team workspace: who sees which tree, drill-down by unit, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.core import clock
from kinerja.leadership import services
from kinerja.organisations.access import forget_access
from kinerja.planning import services as planning
from tests.world import make_employee

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [m.employee.name for m in response.context["ws"].members]


def test_unit_head_sees_only_their_own_subtree(world, login):
    response = login(world.seksi_head).get("/pimpinan/")
    assert response.status_code == 200
    assert _names(response) == ["Rahmat Pelaksana"]


def test_agency_head_sees_the_whole_tree_and_drills_down_to_a_unit(world, login):
    client = login(world.health_head)
    everyone = _names(client.get("/pimpinan/"))
    assert {"Rahmat Pelaksana", "Siti Perawat", "Teuku Kabid", "Nurul Kasi"} <= set(everyone)
    assert "Muhammad Pranata" not in everyone
    drilled = client.get("/pimpinan/", {"unit": world.puskesmas.pk})
    assert _names(drilled) == ["Siti Perawat"]
    units = {t.unit.pk: t.members for t in drilled.context["ws"].units}
    assert units[world.puskesmas.pk] == 1


def test_unit_outside_the_leaders_tree_is_404(world, login):
    assert (
        login(world.seksi_head).get("/pimpinan/", {"unit": world.puskesmas.pk}).status_code == 404
    )


def test_member_without_a_team_is_forbidden_and_anonymous_is_sent_to_login(world, client, login):
    assert client.get("/pimpinan/").status_code == 302
    assert login(world.staff).get("/pimpinan/").status_code == 403


def test_member_state_shows_skp_jp_directions_and_follow_ups(world, login):
    planning.create_skp(actor=None, employee=world.staff, year=clock.today().year)
    services.give_direction(
        actor=world.user(world.seksi_head), text="Arahan", recipient=world.staff
    )
    client = login(world.seksi_head)
    member = client.get("/pimpinan/").context["ws"].members[0]
    assert member.skp_status == "draft"
    assert member.pending_directions == 1
    assert member.open_follow_ups == 0
    assert member.jp_total == 0


def _grow_team(world, size: int) -> None:
    for i in range(size - 1):  # the world already has one staff member in the seksi
        employee = make_employee(world.health_seksi, None, f"Anggota {i:03d}", with_login=False)
        planning.create_skp(actor=None, employee=employee, year=clock.today().year)


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/pimpinan/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("size", [10, 40])
def test_workspace_query_count_does_not_grow_with_the_team(world, login, size):
    client = login(world.seksi_head)
    baseline = _count(client)
    _grow_team(world, size)
    services.give_direction(actor=world.user(world.seksi_head), text="Arahan untuk semua")
    forget_access(world.user(world.seksi_head))
    after = _count(client)
    assert len(client.get("/pimpinan/").context["ws"].members) == size
    assert after == baseline, (baseline, after)


def test_a_very_large_tree_asks_to_drill_down_before_listing_names(world, login, settings):
    settings.LEADERSHIP_MEMBER_TABLE_LIMIT = 2
    client = login(world.health_head)
    whole = client.get("/pimpinan/")
    ws = whole.context["ws"]
    assert ws.table_truncated and ws.members_table == []
    assert len(ws.members) > 2  # totals per unit still count everyone
    assert 'data-testid="choose-unit"' in whole.content.decode()
    assert 'data-testid="member-row"' not in whole.content.decode()
    drilled = client.get("/pimpinan/", {"unit": world.puskesmas.pk})
    assert [m.employee.name for m in drilled.context["ws"].members_table] == ["Siti Perawat"]
