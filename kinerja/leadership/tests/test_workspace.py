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


def test_a_large_tree_shows_totals_per_sub_unit_and_pages_the_names(world, login, monkeypatch):
    from kinerja.leadership import selectors

    monkeypatch.setattr(selectors.workspace, "PAGE_SIZE", 2)
    client = login(world.health_head)
    whole = client.get("/pimpinan/")
    ws = whole.context["ws"]
    total = ws.page.paginator.count
    assert total > 2 and len(ws.members) == 2  # one page of names
    assert ws.totals.members == total  # totals still count everyone
    assert sum(t.members for t in ws.units) == total
    html = whole.content.decode()
    assert html.count('data-testid="member-row"') == 2
    assert "Halaman 1 dari" in html
    # Rows are the direct sub-units of the agency; drilling into one narrows both tables.
    drilled = client.get("/pimpinan/", {"unit": world.puskesmas.pk})
    assert [m.employee.name for m in drilled.context["ws"].members] == ["Siti Perawat"]
    second = client.get("/pimpinan/", {"page": 2}).context["ws"]
    assert {m.employee.pk for m in second.members}.isdisjoint({m.employee.pk for m in ws.members})


def test_search_and_attention_filter_narrow_the_member_list(world, login):
    client = login(world.health_head)
    found = client.get("/pimpinan/", {"q": "siti"}).context["ws"]
    assert [m.employee.name for m in found.members] == ["Siti Perawat"]
    by_nip = client.get("/pimpinan/", {"q": world.staff.nip}).context["ws"]
    assert [m.employee.name for m in by_nip.members] == ["Rahmat Pelaksana"]
    # Nobody has an approved SKP: after 31 January everyone not exempt is late.
    year = clock.today().year
    import datetime as dt

    import time_machine

    from kinerja.leadership.selectors import workspace_page

    head = world.user(world.health_head)
    with time_machine.travel(dt.datetime(year, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        late = workspace_page(head, flag="skp_terlambat")
        attention = workspace_page(head, flag="perhatian")
    assert late.page.paginator.count == late.late_count > 0
    assert {m.employee.pk for m in late.members} <= {m.employee.pk for m in attention.members}
    follow = client.get("/pimpinan/", {"saring": "tindak_lanjut"}).context["ws"]
    assert follow.members == []


def test_large_team_direction_form_lists_own_rhks_and_searches_members(world, login, monkeypatch):
    from kinerja.leadership import selectors

    monkeypatch.setattr(selectors.choices, "CHOICE_LIMIT", 1)
    client = login(world.health_head)
    html = client.get("/pimpinan/").content.decode()
    assert 'id="cari-penerima"' in html
    assert "Siti Perawat (" not in html.split('id="beri-arahan"')[1]
    options = client.get("/pimpinan/anggota/cari/", {"q": "siti"}).content.decode()
    assert f'value="{world.nurse.pk}"' in options
    assert (
        "Muhammad Pranata"
        not in client.get("/pimpinan/anggota/cari/", {"q": "Muhammad"}).content.decode()
    )
    # A searched member is accepted when the form is sent.
    response = client.post(
        "/pimpinan/arahan/beri/", {"text": "Arahan pribadi", "recipient": world.nurse.pk}
    )
    assert response.status_code == 302
    from kinerja.leadership.models import DirectionAck

    assert DirectionAck.objects.filter(employee=world.nurse).exists()


def test_totals_per_unit_agree_with_every_members_state(world, login):
    import datetime as dt

    import time_machine

    from kinerja.leadership.selectors import team_page, workspace_page

    planning.create_skp(actor=None, employee=world.staff, year=clock.today().year)
    head = world.user(world.health_head)
    year = clock.today().year
    with time_machine.travel(dt.datetime(year, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        page = workspace_page(head)
        full = team_page(head, limit=100)
    members = full.members
    assert page.totals.members == len(members) == full.count
    assert full.late_count == page.late_count
    assert page.totals.skp_missing == sum(m.skp_status is None for m in members)
    assert page.totals.late == page.late_count == sum(m.late for m in members) > 0
    assert page.totals.jp_below_target == sum(bool(m.jp_progress.below_target) for m in members)
    assert page.totals.period_late == sum(bool(m.period and m.period.late_count) for m in members)


def test_paged_workspace_query_count_does_not_grow_past_a_page(world, login, monkeypatch):
    from kinerja.leadership import selectors

    monkeypatch.setattr(selectors.workspace, "PAGE_SIZE", 5)
    client = login(world.health_head)
    baseline = _count(client)
    _grow_team(world, 12)
    forget_access(world.user(world.health_head))
    after = _count(client)
    ws = client.get("/pimpinan/").context["ws"]
    assert len(ws.members) == 5 and ws.page.paginator.count > 12
    assert after == baseline, (baseline, after)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"saring": "perhatian"},
        {"saring": "jp_kurang", "q": "a"},
        {"semua_unit": "1"},
        {"unit": "puskesmas"},
    ],
)
def test_agency_head_query_count_is_flat_as_units_and_members_are_added(world, login, query):
    """The head of an agency: totals per sub-unit, filters and drill-down read the same number
    of queries with a few members or with more units, members, SKPs and follow-ups."""
    from kinerja.organisations import services as org

    head = world.user(world.health_head)
    client = login(world.health_head)
    params = {k: (world.puskesmas.pk if v == "puskesmas" else v) for k, v in query.items()}

    def count() -> int:
        forget_access(head)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/pimpinan/", params)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    baseline = count()
    for n in range(3):
        unit = org.create_unit(
            actor=None, name=f"Puskesmas Pembantu {n}", kind="puskesmas", parent=world.puskesmas
        )
        for i in range(4):
            employee = make_employee(unit, None, f"Anggota {n}{i}", with_login=False)
            planning.create_skp(actor=None, employee=employee, year=clock.today().year)
    services.give_direction(actor=head, text="Arahan untuk semua")
    assert count() == baseline
