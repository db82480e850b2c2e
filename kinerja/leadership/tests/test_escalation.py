"""Escalation: an SKP submitted and not decided for more than N days shows on the page of the
assessor's own superior, and not before."""

import datetime as dt

import pytest
import time_machine

from kinerja.planning import services as planning
from kinerja.planning.tests.helpers import approved_chain, skp_with_rhk, user_of

pytestmark = pytest.mark.django_db

SUBMITTED = dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC)


def _stalled(client) -> list[str]:
    response = client.get("/pimpinan/")
    assert response.status_code == 200
    return [s.employee_name for s in response.context["ws"].stalled]


def test_submitted_skp_waiting_too_long_is_escalated_to_the_assessors_superior(world, login):
    with time_machine.travel(SUBMITTED, tick=False):
        _, seksi_rhk = approved_chain(world)
        skp, _ = skp_with_rhk(world.staff, parent=seksi_rhk)
        planning.submit_skp(actor=user_of(world.staff), skp=skp)
    with time_machine.travel(SUBMITTED + dt.timedelta(days=3), tick=False):
        assert _stalled(login(world.bidang_head)) == []
    with time_machine.travel(SUBMITTED + dt.timedelta(days=8), tick=False):
        page = login(world.bidang_head).get("/pimpinan/")
        assert "Tertunda di bawahan Anda" in page.content.decode()
        assert [s.employee_name for s in page.context["ws"].stalled] == ["Rahmat Pelaksana"]
        # The assessor sees it in their own queue, not as an escalation.
        assert _stalled(login(world.seksi_head)) == []
        # Another agency's head sees nothing of it.
        assert _stalled(login(world.it_head)) == []


def test_escalation_threshold_is_configurable(world, login, settings):
    settings.LEADERSHIP_ESCALATION_DAYS = 2
    with time_machine.travel(SUBMITTED, tick=False):
        _, seksi_rhk = approved_chain(world)
        skp, _ = skp_with_rhk(world.staff, parent=seksi_rhk)
        planning.submit_skp(actor=user_of(world.staff), skp=skp)
    with time_machine.travel(SUBMITTED + dt.timedelta(days=3), tick=False):
        assert _stalled(login(world.bidang_head)) == ["Rahmat Pelaksana"]


def test_decided_skp_is_no_longer_escalated(world, login):
    with time_machine.travel(SUBMITTED, tick=False):
        _, seksi_rhk = approved_chain(world)
        skp, _ = skp_with_rhk(world.staff, parent=seksi_rhk)
        planning.submit_skp(actor=user_of(world.staff), skp=skp)
    with time_machine.travel(SUBMITTED + dt.timedelta(days=9), tick=False):
        skp.refresh_from_db()
        planning.approve_skp(actor=user_of(world.seksi_head), skp=skp)
        assert _stalled(login(world.bidang_head)) == []
