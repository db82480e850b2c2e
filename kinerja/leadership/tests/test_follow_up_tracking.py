"""Overdue follow-ups on the workspace and the member's home, and the dialogue-page panel."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings

from kinerja.core import clock
from kinerja.evaluation.panels import DialoguePanel, dialogue_panels
from kinerja.leadership import services
from kinerja.leadership.panels import follow_up_panels

from .conftest import png

pytestmark = pytest.mark.django_db

VISIT_DAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _visit(world, *, due: dt.date, owner=None, leader=None, text="Ganti timbangan"):
    leader = leader or world.health_head
    return services.record_field_visit(
        actor=world.user(leader),
        date=clock.today(),
        place="Gampong Keude Siblah, Kec. Blangpidie",
        facility="Posyandu Melati",
        purpose="Melihat layanan posyandu",
        findings="Timbangan rusak",
        employees=[owner or world.nurse],
        photos=[png()],
        follow_ups=[services.FollowUpSpec(text=text, owner=owner or world.nurse, due_date=due)],
    )


@pytest.fixture
def visit(world):
    with time_machine.travel(VISIT_DAY, tick=False):
        return _visit(world, due=dt.date(2026, 3, 9))


def test_follow_up_is_overdue_only_when_open_and_past_its_due_date(world, visit):
    follow_up = visit.follow_ups.get()
    with time_machine.travel(dt.datetime(2026, 3, 9, 5, tzinfo=dt.UTC), tick=False):
        assert not follow_up.is_overdue
    with time_machine.travel(dt.datetime(2026, 3, 10, 5, tzinfo=dt.UTC), tick=False):
        assert follow_up.is_overdue
        services.close_follow_up(actor=world.user(world.nurse), follow_up=follow_up, note="Sudah")
        follow_up.refresh_from_db()
        assert not follow_up.is_overdue


def test_workspace_lists_overdue_follow_ups_of_the_team(world, login, visit):
    with time_machine.travel(dt.datetime(2026, 3, 12, 5, tzinfo=dt.UTC), tick=False):
        response = login(world.health_head).get("/pimpinan/")
    ws = response.context["ws"]
    assert [f.text for f in ws.overdue_follow_ups] == ["Ganti timbangan"]
    nurse = next(m for m in ws.members if m.employee.pk == world.nurse.pk)
    assert nurse.overdue_follow_ups == 1
    page = response.content.decode()
    assert 'data-testid="overdue-follow-ups"' in page
    assert "1 lewat tenggat" in page


def test_workspace_of_another_agency_shows_no_overdue_follow_ups(world, login, visit):
    with time_machine.travel(dt.datetime(2026, 3, 12, 5, tzinfo=dt.UTC), tick=False):
        response = login(world.it_head).get("/pimpinan/")
    assert response.context["ws"].overdue_follow_ups == []


def test_member_home_fragment_marks_overdue_follow_ups(world, login, visit):
    with time_machine.travel(dt.datetime(2026, 3, 5, 5, tzinfo=dt.UTC), tick=False):
        before = login(world.nurse).get("/pimpinan/arahan/menunggu/").content.decode()
    assert "Ganti timbangan" in before
    assert "home-follow-ups-overdue" not in before
    with time_machine.travel(dt.datetime(2026, 3, 12, 5, tzinfo=dt.UTC), tick=False):
        after = login(world.nurse).get("/pimpinan/arahan/menunggu/").content.decode()
    assert "1 tindak lanjut sudah melewati tenggat." in after
    assert "lewat tenggat" in after


def test_member_home_fragment_is_empty_without_directions_or_follow_ups(world, login):
    assert login(world.staff).get("/pimpinan/arahan/menunggu/").content.decode().strip() == ""


def test_dialogue_panel_provider_is_configured():
    assert "kinerja.leadership.panels.follow_up_panels" in settings.KINERJA_DIALOGUE_PANELS


def test_dialogue_panel_shows_open_and_recently_closed_follow_ups_of_the_employee(world, visit):
    with time_machine.travel(VISIT_DAY + dt.timedelta(days=1), tick=False):
        second = _visit(world, due=dt.date(2026, 3, 20), text="Latih kader posyandu")
        services.close_follow_up(
            actor=world.user(world.nurse), follow_up=second.follow_ups.get(), note="Selesai"
        )
    with time_machine.travel(VISIT_DAY + dt.timedelta(days=10), tick=False):
        panels = follow_up_panels(employee=world.nurse, viewer=world.user(world.nurse))
        assert len(panels) == 1
        panel = panels[0]
        assert isinstance(panel, DialoguePanel)
        assert panel.title == "Tindak lanjut kunjungan lapangan"
        assert [f.text for f in panel.context["open_follow_ups"]] == ["Ganti timbangan"]
        assert [f.text for f in panel.context["closed_follow_ups"]] == ["Latih kader posyandu"]
        assert panel.context["overdue_count"] == 1
        assert panel.context["is_owner"] is True
        # Through the evaluation hook, as the dialogue page calls it.
        assert [
            p.title for p in dialogue_panels(employee=world.nurse, viewer=world.user(world.nurse))
        ] == ["Tindak lanjut kunjungan lapangan"]


def test_closed_follow_ups_drop_out_of_the_panel_after_90_days(world, visit):
    with time_machine.travel(VISIT_DAY, tick=False):
        services.close_follow_up(
            actor=world.user(world.nurse), follow_up=visit.follow_ups.get(), note="Selesai"
        )
    with time_machine.travel(VISIT_DAY + dt.timedelta(days=91), tick=False):
        assert follow_up_panels(employee=world.nurse, viewer=world.user(world.nurse)) == []


def test_dialogue_panel_is_scoped_to_the_viewer(world, visit):
    nurse = world.nurse
    # The leader and the heads above the owner see it; an outsider sees nothing.
    assert follow_up_panels(employee=nurse, viewer=world.user(world.health_head))
    assert follow_up_panels(employee=nurse, viewer=world.user(world.it_head)) == []
    assert follow_up_panels(employee=nurse, viewer=world.user(world.staff)) == []


def test_assessor_sees_a_members_follow_up_from_a_visit_above_them_without_a_visit_link(world):
    with time_machine.travel(VISIT_DAY, tick=False):
        _visit(world, due=dt.date(2026, 3, 9), owner=world.staff)
    with time_machine.travel(VISIT_DAY + dt.timedelta(days=1), tick=False):
        panels = follow_up_panels(employee=world.staff, viewer=world.user(world.seksi_head))
    assert [f.text for f in panels[0].context["open_follow_ups"]] == ["Ganti timbangan"]
    # The visit was the agency head's: the section head sees the follow-up, not the visit page.
    assert panels[0].context["linkable_visits"] == set()
    assert panels[0].context["is_owner"] is False


def test_dialogue_panel_template_renders(world, visit):
    from django.template.loader import render_to_string

    with time_machine.travel(VISIT_DAY + dt.timedelta(days=10), tick=False):
        panel = follow_up_panels(employee=world.nurse, viewer=world.user(world.nurse))[0]
        html = render_to_string(panel.template, panel.context)
    assert "Ganti timbangan" in html
    assert "lewat tenggat" in html
    assert f"/pimpinan/kunjungan/{visit.pk}/" in html
