"""Invitations of target participants, seats and waiting list on the event page, the plans of
the team for the assessor, and the plans consolidated per agency for BKPSDM."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja.communication.models import Notification
from kinerja.development import services
from kinerja.development.models import (
    DevelopmentNeed,
    DevelopmentPlan,
    EventStatus,
    RegistrationStatus,
)
from kinerja.development.selectors import plan_consolidation, target_participants
from tests.world import make_employee

pytestmark = pytest.mark.django_db


def _plan(world, employee, activity, quarter=2):
    item = services.add_plan_item(
        actor=world.user(employee), employee=employee, year=2026, quarter=quarter, activity=activity
    )
    return item.plan


def test_targets_by_unit_and_by_open_need_are_invited_and_notified(world, event, cyber):
    event.target_units.set([world.it_agency])
    DevelopmentNeed.objects.create(
        employee=world.staff,
        year=2026,
        source="competency_gap",
        key="competency_gap:keamanan-siber::",
        competency=cyber,
        reason="Level kompetensi Keamanan Siber Anda 1, standar jabatan 3",
    )
    admin = world.user(world.bkpsdm_admin)
    targets = set(target_participants(admin, event))
    assert world.it_staff in targets and world.it_head in targets  # the Diskominsa
    assert world.staff in targets  # an open need on the event's competency
    assert world.nurse not in targets
    count = services.invite_targets(actor=admin, event=event)
    assert count == len(targets)
    assert event.registrations.filter(status=RegistrationStatus.INVITED).count() == count
    notified = Notification.objects.filter(kind="training_invitation")
    assert notified.filter(recipient=world.user(world.it_staff)).exists()
    # Invited again: nobody new, nothing sent twice.
    assert services.invite_targets(actor=admin, event=event) == 0
    assert notified.count() == count


def test_an_invitee_registers_and_takes_a_seat(world, event):
    event.target_units.set([world.it_agency])
    services.invite_targets(actor=world.user(world.bkpsdm_admin), event=event)
    registration = services.register_for_event(
        actor=world.user(world.it_staff), event=event, employee=world.it_staff
    )
    assert registration.status == RegistrationStatus.REGISTERED


def test_an_event_without_targets_invites_nobody(world, event):
    event.target_competency = None
    event.save()
    assert services.invite_targets(actor=world.user(world.bkpsdm_admin), event=event) == 0


def test_only_the_organiser_invites_and_only_while_registration_is_open(world, event):
    event.target_units.set([world.it_agency])
    with pytest.raises(PermissionDenied):
        services.invite_targets(actor=world.user(world.health_admin), event=event)
    event.status = EventStatus.CLOSED
    event.save()
    with pytest.raises(services.ConflictError):
        services.invite_targets(actor=world.user(world.bkpsdm_admin), event=event)


def test_the_event_page_shows_seats_waiting_list_and_my_status(client, world, event):
    for employee in (world.it_staff, world.nurse, world.staff):  # quota 2: the third waits
        services.register_for_event(actor=world.user(employee), event=event, employee=employee)
    client.force_login(world.user(world.bkpsdm_admin))
    html = client.get(reverse("development:event", args=[event.pk])).content.decode()
    assert "2 terisi · 1 daftar tunggu" in html
    client.force_login(world.user(world.staff))
    html = client.get(reverse("development:event", args=[event.pk])).content.decode()
    assert "Status Anda pada pelatihan ini: <strong>Daftar tunggu</strong>" in html
    assert 'data-testid="register-' not in html


def test_the_assessor_sees_and_agrees_the_team_plan(client, world, workshop):
    plan = _plan(world, world.it_staff, workshop)
    services.agree_plan(actor=world.user(world.it_staff), plan=plan)
    client.force_login(world.user(world.it_head))
    html = client.get(reverse("development:team"), {"tahun": 2026}).content.decode()
    assert 'data-testid="team-plan"' in html
    assert "Pelatihan Keamanan Siber" in html
    response = client.post(
        reverse("development:plan_agree", args=[plan.pk]),
        {"next": "https://contoh.invalid/curi"},  # an off-site `next` is ignored
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("development:mine")
    assert DevelopmentPlan.objects.get(pk=plan.pk).status == "agreed"


def test_plans_are_consolidated_per_activity_quarter_and_agency(world, workshop):
    _plan(world, world.it_staff, workshop, quarter=2)
    _plan(world, world.it_head, workshop, quarter=2)
    plan = _plan(world, world.staff, workshop, quarter=3)
    services.agree_plan(actor=world.user(world.staff), plan=plan)
    services.agree_plan(actor=world.user(world.seksi_head), plan=plan)
    regency = plan_consolidation(world.user(world.bkpsdm_admin), 2026)
    [row] = regency.activities
    assert (row.name, row.total, row.agreed, row.quarters) == (
        "Pelatihan Keamanan Siber",
        3,
        1,
        [0, 2, 1, 0],
    )
    assert dict(row.agencies) == {
        "Dinas Komunikasi, Informatika dan Persandian": 2,
        "Dinas Kesehatan": 1,
    }
    # An agency admin sees only their agency's plans.
    health = plan_consolidation(world.user(world.health_admin), 2026)
    assert [(a.name, a.total) for a in health.activities] == [("Pelatihan Keamanan Siber", 1)]


def test_needs_analysis_page_query_count_does_not_grow_with_plans(
    world, login, workshop, django_assert_max_num_queries
):
    client = login(world.bkpsdm_admin)
    url = reverse("development:needs_analysis")
    _plan(world, world.it_staff, workshop)
    client.get(url, {"tahun": 2026})
    with django_assert_max_num_queries(20) as before:
        client.get(url, {"tahun": 2026})
    for i in range(8):
        employee = make_employee(world.health_seksi, None, f"Staf Rencana {i}")
        _plan(world, employee, workshop, quarter=1 + i % 4)
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(url, {"tahun": 2026}).content.decode()
    assert "Rencana pengembangan terkonsolidasi 2026" in html


def test_team_plans_query_count_does_not_grow_with_the_team(
    world, login, workshop, django_assert_max_num_queries
):
    client = login(world.seksi_head)
    url = reverse("development:team")
    _plan(world, world.staff, workshop)
    client.get(url, {"tahun": 2026})
    with django_assert_max_num_queries(45) as before:
        client.get(url, {"tahun": 2026})
    for i in range(6):
        employee = make_employee(world.health_seksi, world.staff.position, f"Staf Tim {i}")
        _plan(world, employee, workshop)
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(url, {"tahun": 2026}).content.decode()
    assert html.count('data-testid="team-plan"') == 7


def test_the_organiser_reads_participant_feedback_and_its_mean(client, world, event):
    for employee, rating in ((world.it_staff, 5), (world.nurse, 4)):
        registration = services.register_for_event(
            actor=world.user(employee), event=event, employee=employee
        )
        services.mark_attendance(
            actor=world.user(world.bkpsdm_admin), registration=registration, attended=True
        )
        services.give_feedback(
            actor=world.user(employee),
            registration=registration,
            rating=rating,
            text=f"Komentar {employee.name}",
        )
    client.force_login(world.user(world.bkpsdm_admin))
    html = client.get(reverse("development:event", args=[event.pk])).content.decode()
    assert "umpan balik rata-rata 4,5/5" in html
    assert f"Komentar {world.it_staff.name}" in html
