"""Admins correct employee data, assignments and roles; others are refused."""

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.organisations.models import Employee, Position, RoleGrant
from kinerja.organisations.selectors import assessor_line

pytestmark = pytest.mark.django_db


def _edit_payload(employee, **overrides):
    data = {
        "name": employee.name,
        "front_title": employee.front_title,
        "back_title": employee.back_title,
        "status": employee.status,
        "rank": employee.rank,
        "email": employee.email,
        "phone": employee.phone,
        "skp_exemption": employee.skp_exemption,
        "is_active": "on",
        "version": employee.version,
    }
    data.update(overrides)
    return data


def test_opd_admin_corrects_a_name_in_their_agency_and_it_is_audited(world, login):
    client = login(world.health_admin)
    url = reverse("organisations:employee_edit", args=[world.staff.nip])
    response = client.post(url, _edit_payload(world.staff, back_title="S.Kom."))
    assert response.status_code == 302
    world.staff.refresh_from_db()
    assert world.staff.back_title == "S.Kom."
    assert AuditEvent.objects.filter(
        action="employee.update", object_id=str(world.staff.pk)
    ).exists()


def test_second_editor_with_stale_form_is_told_and_nothing_is_lost(world, login):
    client = login(world.health_admin)
    url = reverse("organisations:employee_edit", args=[world.staff.nip])
    stale = _edit_payload(world.staff)
    assert client.post(url, _edit_payload(world.staff, phone="0811")).status_code == 302
    response = client.post(url, {**stale, "rank": "IV/a"})
    assert response.status_code == 200
    assert "telah diubah oleh pengguna lain" in response.content.decode()
    world.staff.refresh_from_db()
    assert world.staff.phone == "0811"
    assert world.staff.rank == "III/a"


def test_opd_admin_cannot_edit_another_agency(world, login):
    client = login(world.health_admin)
    # The IT staffer is invisible to the health admin: 404, not 403.
    assert (
        client.get(reverse("organisations:employee_edit", args=[world.it_staff.nip])).status_code
        == 404
    )


def test_kepala_bidang_sees_but_cannot_edit_subordinate(world, login):
    client = login(world.bidang_head)
    assert (
        client.get(reverse("organisations:employee_edit", args=[world.staff.nip])).status_code
        == 403
    )


def test_plt_assignment_changes_the_assessor_line(world, login):
    client = login(world.bkpsdm_admin)
    head_post = Position.objects.get(unit=world.puskesmas, is_head=True)
    response = client.post(
        reverse("organisations:assignment_add", args=[world.seksi_head.nip]),
        {
            "position": head_post.pk,
            "acting": "plt",
            "start_date": "2024-01-01",
            "end_date": "",
            "decree_number": "800/12/2024",
        },
    )
    assert response.status_code == 302
    assert assessor_line(world.nurse).assessor == world.seksi_head
    # The Plt does not change the person's own definitive post.
    world.seksi_head.refresh_from_db()
    assert world.seksi_head.position.unit == world.health_seksi


def test_plt_on_a_non_head_post_is_refused_with_a_clear_message(world, login):
    client = login(world.bkpsdm_admin)
    staff_post = Position.objects.get(unit=world.health_seksi, is_head=False)
    response = client.post(
        reverse("organisations:assignment_add", args=[world.staff.nip]),
        {"position": staff_post.pk, "acting": "plt", "start_date": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "Plt/Plh hanya untuk jabatan kepala unit" in response.content.decode()


def test_definitive_move_closes_the_previous_post(world, login):
    client = login(world.bkpsdm_admin)
    new_post = Position.objects.get(unit=world.it_agency, name__startswith="Pranata")
    client.post(
        reverse("organisations:assignment_add", args=[world.staff.nip]),
        {
            "position": new_post.pk,
            "acting": "definitive",
            "start_date": dt.date.today().isoformat(),
        },
    )
    world.staff.refresh_from_db()
    assert world.staff.unit == world.it_agency
    old = world.staff.assignments.exclude(position=new_post).get()
    assert old.end_date == dt.date.today() - dt.timedelta(days=1)


def test_admin_adds_an_employee_with_a_position(world, login):
    client = login(world.health_admin)
    post = Position.objects.get(unit=world.health_seksi, is_head=False)
    response = client.post(
        reverse("organisations:employee_add"),
        {
            "nip": "199001152015032001",
            "name": "Fitriani",
            "front_title": "",
            "back_title": "S.Kep.",
            "status": "pns",
            "rank": "III/b",
            "position": post.pk,
            "start_date": "2015-03-01",
        },
    )
    assert response.status_code == 302
    fitri = Employee.objects.get(nip="199001152015032001")
    assert fitri.gender == "female" and fitri.birth_date == dt.date(1990, 1, 15)
    assert fitri.position == post


def test_adding_an_employee_with_a_bad_nip_explains_the_fault(world, login):
    client = login(world.health_admin)
    post = Position.objects.get(unit=world.health_seksi, is_head=False)
    response = client.post(
        reverse("organisations:employee_add"),
        {
            "nip": "199002302015032001",
            "name": "X",
            "status": "pns",
            "position": post.pk,
            "start_date": "2015-03-01",
        },
    )
    assert response.status_code == 200
    assert "bukan tanggal lahir yang sah" in response.content.decode()
    assert not Employee.objects.filter(name="X").exists()


def test_only_bkpsdm_manages_roles(world, login):
    assert login(world.health_admin).get(reverse("organisations:roles")).status_code == 403
    client = login(world.bkpsdm_admin)
    assert client.get(reverse("organisations:roles")).status_code == 200
    response = client.post(
        reverse("organisations:roles"),
        {"nip": world.it_staff.nip, "role": "opd_admin", "unit": world.it_agency.pk},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(employee=world.it_staff, role="opd_admin")
    client.post(reverse("organisations:role_revoke", args=[grant.pk]))
    grant.refresh_from_db()
    assert not grant.is_active
