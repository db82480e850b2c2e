"""This period's realisation/evaluation state per member in the workspace, what waits for the
leader in evaluation, escalation of periods not rated by their deadline, constant query counts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.evaluation import services as evaluation
from kinerja.evaluation.models import Appeal, Evaluation, Period, PeriodSubmission
from kinerja.evaluation.tests.conftest import YEAR, approved_skp
from kinerja.organisations.access import forget_access
from tests.records import JAKARTA
from tests.world import make_employee

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


@pytest.fixture
def calendar(world):
    with time_machine.travel(at(dt.date(YEAR, 1, 2)), tick=False):
        evaluation.set_schedule(
            actor=User.objects.get(employee=world.bkpsdm_admin), year=YEAR, rhythm="quarterly"
        )
    return {p.number: p for p in Period.objects.filter(year=YEAR, kind="quarterly")}


def _submission(skp, period, status: str) -> PeriodSubmission:
    return PeriodSubmission.objects.create(
        skp=skp, period=period, status=status, submitted_at=at(period.end)
    )


def _evaluation(skp, period) -> Evaluation:
    return Evaluation.objects.create(
        skp=skp,
        period=period,
        work_rating="meets",
        behaviour_rating="meets",
        predicate="good",
        assessor=skp.assessor,
        assessor_name=skp.assessor_name,
        evaluated_at=at(period.entry_closes),
        delivered_on=period.entry_closes,
    )


def _workspace(client, day: dt.date):
    with time_machine.travel(at(day), tick=False):
        response = client.get("/pimpinan/")
    assert response.status_code == 200
    return response


def _member(response, name: str):
    return next(m for m in response.context["ws"].members if m.employee.name == name)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (None, "Triwulan I: belum diajukan (s.d. 10-04-2026)"),
        ("draft", "Triwulan I: belum diajukan (s.d. 10-04-2026)"),
        ("submitted", "Triwulan I: diajukan, menunggu penilaian"),
        ("evaluated", "Triwulan I: dinilai, menunggu diterima pegawai"),
        ("acknowledged", "Triwulan I: penilaian diterima pegawai"),
    ],
)
def test_member_row_shows_this_periods_realisation_state_with_a_link(
    world, login, calendar, status, words
):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    if status:
        _submission(skp, calendar[1], status)
    response = _workspace(login(world.seksi_head), dt.date(YEAR, 4, 5))
    member = _member(response, "Rahmat Pelaksana")
    assert member.period_state == words
    link = reverse("evaluation:period", args=[skp.pk, calendar[1].pk])
    assert member.period.url == link
    assert f'href="{link}"' in response.content.decode()


def test_period_closed_without_submission_is_counted_late_and_listed(world, login, calendar):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    response = _workspace(login(world.seksi_head), dt.date(YEAR, 4, 15))
    member = _member(response, "Rahmat Pelaksana")
    # Triwulan I closed on 10 April; Triwulan II is the period being filled now.
    assert member.period.period_label == "Triwulan II"
    assert member.period.late_periods == 1
    assert response.context["ws"].period_late == [member]
    assert 'data-testid="period-late"' in response.content.decode()
    _submission(skp, calendar[1], "submitted")
    response = _workspace(login(world.seksi_head), dt.date(YEAR, 4, 15))
    assert _member(response, "Rahmat Pelaksana").period.late_periods == 0
    assert response.context["ws"].period_late == []


def test_periods_before_the_skp_started_are_not_late(world, login, calendar):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    skp.period_start = dt.date(YEAR, 4, 1)
    skp.save(update_fields=["period_start"])
    member = _member(_workspace(login(world.seksi_head), dt.date(YEAR, 4, 15)), "Rahmat Pelaksana")
    assert member.period.late_periods == 0


def test_member_without_an_approved_skp_has_no_period_state(world, login, calendar):
    member = _member(_workspace(login(world.seksi_head), dt.date(YEAR, 4, 5)), "Rahmat Pelaksana")
    assert member.period is None
    assert member.period_state == ""


def test_assessor_sees_periods_waiting_for_their_rating(world, login, calendar):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    _submission(skp, calendar[1], "submitted")
    response = _workspace(login(world.seksi_head), dt.date(YEAR, 4, 12))
    assert response.context["ws"].evaluations_waiting == 1
    page = response.content.decode()
    assert "1 realisasi periode menunggu penilaian Anda" in page
    assert f'href="{reverse("evaluation:team")}"' in page
    # The head above does not rate it: nothing waits for them.
    assert _workspace(login(world.bidang_head), dt.date(YEAR, 4, 12)).context[
        "ws"
    ].evaluations_waiting == (0)


def test_superior_sees_open_appeals_waiting_for_their_decision(world, login, calendar):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    _submission(skp, calendar[1], "evaluated")
    appeal = Appeal.objects.create(
        evaluation=_evaluation(skp, calendar[1]), filed_at=at(dt.date(YEAR, 4, 22)), reasons="X"
    )
    response = _workspace(login(world.bidang_head), dt.date(YEAR, 4, 23))
    assert response.context["ws"].appeals_waiting == 1
    assert "1 keberatan menunggu keputusan Anda" in response.content.decode()
    assert _workspace(login(world.seksi_head), dt.date(YEAR, 4, 23)).context[
        "ws"
    ].appeals_waiting == (0)
    appeal.status = "decided"
    appeal.save(update_fields=["status"])
    assert _workspace(login(world.bidang_head), dt.date(YEAR, 4, 23)).context[
        "ws"
    ].appeals_waiting == (0)


def _stalled(client, day: dt.date) -> list[str]:
    return [s.skp.employee_name for s in _workspace(client, day).context["ws"].stalled_periods]


def test_period_not_rated_by_its_deadline_is_escalated_to_the_assessors_superior(
    world, login, calendar
):
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    submission = _submission(skp, calendar[1], "submitted")
    deadline = calendar[1].evaluation_deadline  # 20 April
    assert _stalled(login(world.bidang_head), deadline) == []
    after = deadline + dt.timedelta(days=1)
    page = _workspace(login(world.bidang_head), after)
    assert [s.skp.employee_name for s in page.context["ws"].stalled_periods] == ["Rahmat Pelaksana"]
    assert "Penilaian periode melewati batas waktu" in page.content.decode()
    # The assessor has it in their own queue, not as an escalation; other agencies see nothing.
    assert _stalled(login(world.seksi_head), after) == []
    assert _stalled(login(world.it_head), after) == []
    # The agency head above the assessor's superior sees it too (the assessor is in their tree).
    assert _stalled(login(world.health_head), after) == ["Rahmat Pelaksana"]
    submission.status = "evaluated"
    submission.save(update_fields=["status"])
    assert _stalled(login(world.bidang_head), after) == []


def _grow_team(world, calendar, size: int) -> None:
    for i in range(size - 1):
        employee = make_employee(world.health_seksi, world.staff.position, f"Anggota {i:03d}")
        employee.refresh_from_db()
        skp, _, _ = approved_skp(employee, world.seksi_head, world.bidang_head)
        _submission(skp, calendar[1], ["submitted", "evaluated", "draft"][i % 3])


def _count(client, day: dt.date) -> int:
    with time_machine.travel(at(day), tick=False), CaptureQueriesContext(connection) as ctx:
        response = client.get("/pimpinan/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("size", [8, 30])
def test_workspace_with_period_states_keeps_a_constant_query_count(world, login, calendar, size):
    client = login(world.seksi_head)
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    _submission(skp, calendar[1], "submitted")
    # One member late with a period already, so the list of late names is read in both counts
    # (it is only read when the totals have some).
    late = make_employee(world.health_seksi, world.staff.position, "Anggota Terlambat")
    late_skp, _, _ = approved_skp(late, world.seksi_head, world.bidang_head)
    _submission(late_skp, calendar[1], "draft")
    day = dt.date(YEAR, 4, 25)
    baseline = _count(client, day)
    with time_machine.travel(at(day), tick=False):
        assert client.get("/pimpinan/").context["ws"].period_late_count == 1
    _grow_team(world, calendar, size)
    forget_access(world.user(world.seksi_head))
    after = _count(client, day)
    with time_machine.travel(at(day), tick=False):
        members = client.get("/pimpinan/").context["ws"].members
    assert len(members) == size + 1
    assert all(m.period is not None for m in members)
    assert after == baseline, (baseline, after)


@pytest.mark.parametrize(
    ("q4_status", "late", "late_count"), [("submitted", False, 2), (None, True, 3)]
)
def test_after_the_last_window_closed_the_last_period_is_current_and_earlier_misses_count(
    world, calendar, q4_status, late, late_count
):
    from kinerja.leadership.cycle import SkpSpan, period_states

    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    _submission(skp, calendar[1], "evaluated")
    _submission(skp, calendar[2], "draft")
    if q4_status:
        _submission(skp, calendar[4], q4_status)
    span = SkpSpan(skp_id=skp.pk, start=skp.period_start, end=skp.period_end)
    state = period_states({world.staff.pk: span}, year=YEAR, today=dt.date(YEAR + 1, 1, 15))[
        world.staff.pk
    ]
    assert state.period_label == "Triwulan IV"
    assert (state.late, state.late_periods, state.late_count) == (late, 2, late_count)


def test_team_api_reports_period_state_waiting_counts_and_stalled_periods(world, client, calendar):
    from kinerja.accounts.services import issue_token

    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    _submission(skp, calendar[1], "submitted")
    after = calendar[1].evaluation_deadline + dt.timedelta(days=1)
    with time_machine.travel(at(after), tick=False):
        _, assessor_key = issue_token(user=world.user(world.seksi_head), name="uji")
        _, superior_key = issue_token(user=world.user(world.bidang_head), name="uji")
        mine = client.get("/api/v1/team", HTTP_AUTHORIZATION=f"Bearer {assessor_key}").json()
        above = client.get("/api/v1/team", HTTP_AUTHORIZATION=f"Bearer {superior_key}").json()
    member = next(m for m in mine["members"] if m["name"] == "Rahmat Pelaksana")
    assert member["period_status"] == "draft"  # Triwulan II is the period being filled now
    assert member["period_late"] is False
    assert mine["evaluations_waiting"] == 1
    assert mine["stalled_periods"] == []
    assert [(s["employee_name"], s["period"]) for s in above["stalled_periods"]] == [
        ("Rahmat Pelaksana", "Triwulan I 2026")
    ]
