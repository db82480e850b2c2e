"""The assessor line follows the tree, acting officials, and admin overrides."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kinerja.organisations import services
from kinerja.organisations.selectors import assessor_line
from tests.world import make_employee

pytestmark = pytest.mark.django_db


def test_pelaksana_is_assessed_by_kepala_seksi_and_kepala_bidang_above(world):
    line = assessor_line(world.staff)
    assert line.assessor == world.seksi_head
    assert line.superior == world.bidang_head


def test_kepala_dinas_is_assessed_by_the_regent_who_is_also_the_superior(world):
    line = assessor_line(world.health_head)
    assert line.assessor == world.regent
    assert line.superior == world.regent


def test_functional_ahli_pertama_in_vacant_puskesmas_goes_up_to_kepala_dinas(world):
    # The puskesmas head post is vacant; the next head up with enough rank is the agency head.
    line = assessor_line(world.nurse)
    assert line.assessor == world.health_head
    assert line.superior == world.regent


def test_plt_takes_over_a_vacant_head_post(world):
    from kinerja.organisations.models import Position

    head_post = Position.objects.get(unit=world.puskesmas, is_head=True)
    services.assign_position(
        actor=None,
        employee=world.bidang_head,
        position=head_post,
        start_date=dt.date(2024, 1, 1),
        acting="plt",
    )
    line = assessor_line(world.nurse)
    assert line.assessor == world.bidang_head
    assert line.assessor_acting == "plt"


def test_plh_stands_in_for_an_absent_head(world):
    from kinerja.organisations.models import Position

    seksi_post = Position.objects.get(unit=world.health_seksi, is_head=True)
    deputy = make_employee(world.health_seksi, None, "Plh Kasi")
    services.assign_position(
        actor=None,
        employee=deputy,
        position=seksi_post,
        start_date=dt.date(2025, 1, 1),
        acting="plh",
        end_date=dt.date(2030, 1, 1),
    )
    assert assessor_line(world.staff).assessor == deputy
    assert assessor_line(world.staff, dt.date(2031, 1, 1)).assessor == world.seksi_head


def test_admin_override_wins_and_keeps_history(world):
    services.set_assessor_override(
        actor=world.user(world.bkpsdm_admin),
        employee=world.staff,
        assessor=world.bidang_head,
        start_date=dt.date(2025, 1, 1),
        reason="SK penugasan khusus",
    )
    line = assessor_line(world.staff)
    assert line.assessor == world.bidang_head
    assert line.assessor_source == "override"
    assert assessor_line(world.staff, dt.date(2024, 6, 1)).assessor == world.seksi_head


def test_override_that_creates_a_cycle_is_refused(world):
    admin = world.user(world.bkpsdm_admin)
    with pytest.raises(ValidationError, match="siklus"):
        services.set_assessor_override(
            actor=admin,
            employee=world.seksi_head,
            assessor=world.staff,
            start_date=dt.date(2025, 1, 1),
            reason="salah input",
        )


def test_opd_admin_cannot_correct_another_agency(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.set_assessor_override(
            actor=world.user(world.health_admin),
            employee=world.it_staff,
            assessor=world.it_head,
            start_date=dt.date(2025, 1, 1),
            reason="x",
        )
