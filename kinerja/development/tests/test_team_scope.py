"""The team of "Pengembangan Tim" is exactly the employees whose pejabat penilai the user is
(the per-unit SQL rule agrees with the per-employee assessor line), whatever the unit size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.development.team import assessed_by
from kinerja.organisations import services as org
from kinerja.organisations.models import Employee, Position
from kinerja.organisations.selectors import current_assessor_map
from tests.world import make_employee

pytestmark = pytest.mark.django_db


def _assert_team_is_the_assessor_line(world) -> None:
    employees = list(Employee.objects.filter(is_active=True).values_list("pk", flat=True))
    line = current_assessor_map(employees)
    for user in User.objects.exclude(employee=None):  # fresh users: no per-request cache
        got = set(Employee.objects.filter(assessed_by(user)).values_list("pk", flat=True))
        want = {e for e, a in line.items() if a == user.employee_id}
        assert got == want, user.username


def test_each_persona_team_equals_their_assessor_line(world):
    _assert_team_is_the_assessor_line(world)


def test_acting_officials_and_overrides_are_followed(world):
    # The bidang head acts (Plt) as head of the vacant puskesmas; the nurse is named to the
    # seksi head by an override; a staffer is added to the seksi.
    puskesmas_head = Position.objects.get(name="Kepala UPTD Puskesmas Blangpidie")
    org.assign_position(
        actor=None,
        employee=world.bidang_head,
        position=puskesmas_head,
        start_date=dt.date(2026, 1, 1),
        acting="plt",
    )
    org.set_assessor_override(
        actor=world.user(world.bkpsdm_admin),
        employee=world.nurse,
        assessor=world.seksi_head,
        start_date=dt.date(2026, 1, 1),
        reason="Penugasan khusus",
    )
    make_employee(world.health_seksi, world.staff.position, "Staf Baru")
    _assert_team_is_the_assessor_line(world)
    team = set(Employee.objects.filter(assessed_by(world.user(world.seksi_head))))
    assert world.nurse in team


def test_a_unit_head_sees_their_assessees_not_every_employee_of_the_unit(world, login):
    html = login(world.bidang_head).get(reverse("development:team")).content.decode()
    assert world.seksi_head.full_name in html
    assert world.staff.full_name not in html  # assessed by the seksi head


def test_the_team_is_paged_by_fifty_and_searchable(world, login):
    for i in range(55):
        make_employee(
            world.health_seksi, world.staff.position, f"Anggota {i:02d}", with_login=False
        )
    client = login(world.seksi_head)
    url = reverse("development:team")
    first = client.get(url).content.decode()
    assert first.count('data-testid="team-row"') == 50
    assert "Halaman 1 dari 2" in first
    assert "56 orang, 56 PNS di bawah 20 JP" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('data-testid="team-row"') == 6
    found = client.get(url, {"q": "Anggota 07"}).content.decode()
    assert found.count('data-testid="team-row"') == 1
    assert "Anggota 07" in found
