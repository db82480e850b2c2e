"""Events: quota and waiting list, attendance, completion adding JP exactly once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.audit.models import AuditEvent
from kinerja.development import services
from kinerja.development.models import (
    ConversionRuleSetting,
    EventStatus,
    JpEntry,
    RegistrationStatus,
)
from kinerja.development.selectors import jp_total

from .conftest import exe_named_pdf, pdf

pytestmark = pytest.mark.django_db


def _register(world, event, employee):
    return services.register_for_event(actor=world.user(employee), event=event, employee=employee)


def test_registrations_beyond_the_quota_go_to_the_waiting_list(world, event):
    first = _register(world, event, world.it_staff)
    second = _register(world, event, world.nurse)  # a PPPK may register like a PNS
    third = _register(world, event, world.staff)
    assert first.status == RegistrationStatus.REGISTERED
    assert second.status == RegistrationStatus.REGISTERED
    assert third.status == RegistrationStatus.WAITLISTED


def test_cancelling_a_seat_promotes_the_first_on_the_waiting_list(world, event):
    first = _register(world, event, world.it_staff)
    _register(world, event, world.nurse)
    waiting_first = _register(world, event, world.staff)
    waiting_second = _register(world, event, world.seksi_head)
    services.cancel_registration(actor=world.user(world.it_staff), registration=first)
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.status == RegistrationStatus.REGISTERED
    assert waiting_second.status == RegistrationStatus.WAITLISTED


def test_registering_twice_is_refused(world, event):
    _register(world, event, world.it_staff)
    with pytest.raises(services.ConflictError, match="sudah terdaftar"):
        _register(world, event, world.it_staff)


def test_registration_on_a_closed_event_is_refused(world, event):
    event.status = EventStatus.CLOSED
    event.save()
    with pytest.raises(services.ConflictError, match="tidak dibuka"):
        _register(world, event, world.it_staff)


def test_an_employee_cannot_register_a_colleague(world, event):
    with pytest.raises(PermissionDenied):
        services.register_for_event(
            actor=world.user(world.staff), event=event, employee=world.it_staff
        )


def test_completion_credits_the_workshop_jp_once(world, event):
    registration = _register(world, event, world.it_staff)
    admin = world.user(world.bkpsdm_admin)
    services.mark_attendance(actor=admin, registration=registration, attended=True)
    entry = services.complete_event_participant(
        actor=admin, registration=registration, certificate=pdf()
    )
    assert entry.jp == Decimal(15)  # 5 JP a day × 3 days
    assert entry.year == 2026
    assert "5 JP per hari × 3 hari" in entry.explanation
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.COMPLETED
    assert len(registration.certificate_sha256) == 64
    with pytest.raises(services.ConflictError):
        services.complete_event_participant(actor=admin, registration=registration)
    assert JpEntry.objects.filter(employee=world.it_staff).count() == 1
    assert jp_total(employee=world.it_staff, year=2026) == Decimal(15)
    assert AuditEvent.objects.filter(action="development.registration.complete").count() == 1


def test_completion_uses_bkpsdm_override_of_the_default_rule(world, event):
    services.save_conversion_rule(
        actor=world.user(world.bkpsdm_admin),
        form="workshop",
        basis="per_day",
        jp_national=Decimal(6),
        jp_international=Decimal(8),
    )
    registration = _register(world, event, world.it_staff)
    entry = services.complete_event_participant(
        actor=world.user(world.bkpsdm_admin), registration=registration
    )
    assert entry.jp == Decimal(18)


def test_only_bkpsdm_edits_conversion_rules(world):
    with pytest.raises(PermissionDenied):
        services.save_conversion_rule(
            actor=world.user(world.health_admin), form="workshop", basis="per_day", jp_national=1
        )
    assert not ConversionRuleSetting.objects.exists()


def test_an_agency_admin_cannot_complete_participants_of_a_bkpsdm_event(world, event):
    registration = _register(world, event, world.staff)
    with pytest.raises(PermissionDenied):
        services.complete_event_participant(
            actor=world.user(world.health_admin), registration=registration
        )


def test_a_completion_certificate_that_is_really_a_program_is_refused(world, event):
    from kinerja.core.uploads import UploadError

    registration = _register(world, event, world.it_staff)
    with pytest.raises(UploadError):
        services.complete_event_participant(
            actor=world.user(world.bkpsdm_admin),
            registration=registration,
            certificate=exe_named_pdf(),
        )
    assert not JpEntry.objects.exists()
