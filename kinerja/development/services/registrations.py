"""Registrations for training events: register, invite, cancel, attendance, completion (which
credits the event's JP) and feedback."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kinerja.audit.services import record, snapshot
from kinerja.core import clock
from kinerja.core.uploads import CERTIFICATE_TYPES, check_upload
from kinerja.organisations.models import Employee

from .. import permissions
from ..models import (
    SEAT_STATUSES,
    EventStatus,
    JpEntry,
    Registration,
    RegistrationStatus,
    TrainingEvent,
)
from ._common import ConflictError, _agency_id, _deny
from .jp import _credit, jp_for


def _seats_taken(event: TrainingEvent) -> int:
    return event.registrations.filter(status__in=SEAT_STATUSES).count()


def _move_registration(
    registration: Registration, *, actor: Any, status: RegistrationStatus, action: str
) -> None:
    """Put the registration in `status` and audit the move (`actor` None: done by the system)."""
    before = snapshot(registration, ["status"])
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action=action,
        obj=registration,
        before=before,
        after=snapshot(registration, ["status"]),
        agency_id=_agency_id(registration.employee),
    )


@transaction.atomic
def register_for_event(*, actor: Any, event: TrainingEvent, employee: Employee) -> Registration:
    """Register (PNS or PPPK alike): a seat while the quota lasts, then the waiting list.

    The employee registers themself; the organiser may register anyone they can see. The event
    row is locked so two registrations cannot both take the last seat.
    """
    own = getattr(actor, "employee_id", None) == employee.pk
    if not own:
        visible = Employee.objects.visible_to(actor).filter(pk=employee.pk).exists()
        if not (visible and permissions.can_manage_event(actor, event)):
            _deny("Anda hanya dapat mendaftarkan diri sendiri.")
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.OPEN:
        raise ConflictError("Pendaftaran pelatihan ini tidak dibuka.")
    existing = Registration.objects.filter(event=event, employee=employee).first()
    if existing is not None and existing.status not in (
        RegistrationStatus.CANCELLED,
        RegistrationStatus.INVITED,
    ):
        raise ConflictError("Pegawai ini sudah terdaftar pada pelatihan ini.")
    status = (
        RegistrationStatus.REGISTERED
        if _seats_taken(event) < event.quota
        else RegistrationStatus.WAITLISTED
    )
    registration = existing or Registration(event=event, employee=employee)
    registration.status = status
    registration.registered_at = clock.now()
    registration.save()
    record(
        actor=actor,
        action="development.registration.register",
        obj=registration,
        after=snapshot(registration, ["event_id", "employee_id", "status"]),
        agency_id=_agency_id(employee),
    )
    return registration


def _invite(actor: Any, event: TrainingEvent, employee: Employee) -> Registration | None:
    """Create the invitation; None when the employee already has a place in the event."""
    registration, created = Registration.objects.get_or_create(
        event=event,
        employee=employee,
        defaults={"status": RegistrationStatus.INVITED, "registered_at": clock.now()},
    )
    if not created:
        return None
    record(
        actor=actor,
        action="development.registration.invite",
        obj=registration,
        after=snapshot(registration, ["event_id", "employee_id", "status"]),
        agency_id=_agency_id(employee),
    )
    return registration


def _notify_invited(event: TrainingEvent, employee_ids: list[int]) -> None:
    from django.urls import reverse

    from kinerja.accounts.models import User
    from kinerja.communication.services import notify

    when = event.start_date.strftime("%d-%m-%Y")
    notify(
        recipients=User.objects.filter(employee_id__in=employee_ids, is_active=True),
        kind="training_invitation",
        title=f"Undangan pelatihan: {event.title}",
        body=(
            f"Anda diundang mengikuti {event.title} mulai {when}"
            f"{' di ' + event.place if event.place else ''}. Daftar sebelum kuota penuh."
        ),
        url=reverse("development:event", args=[event.pk]),
        dedupe_key=f"training-invitation:{event.pk}",
    )


def _require_invitable(actor: Any, event: TrainingEvent) -> None:
    if not permissions.can_manage_event(actor, event):
        _deny()
    if event.status != EventStatus.OPEN:
        raise ConflictError("Undangan dikirim saat pendaftaran dibuka.")


@transaction.atomic
def invite_to_event(*, actor: Any, event: TrainingEvent, employee: Employee) -> Registration:
    """The organiser invites a target participant; the invitee then registers."""
    _require_invitable(actor, event)
    if not Employee.objects.visible_to(actor).filter(pk=employee.pk).exists():
        _deny("Pegawai di luar cakupan Anda.")
    registration = _invite(actor, event, employee)
    if registration is None:
        return Registration.objects.get(event=event, employee=employee)
    _notify_invited(event, [employee.pk])
    return registration


@transaction.atomic
def invite_targets(*, actor: Any, event: TrainingEvent) -> int:
    """Invite every target participant (position, unit, open need) not yet in the event."""
    from ..selectors import target_participants

    _require_invitable(actor, event)
    invited = [
        employee.pk
        for employee in target_participants(actor, event)
        if _invite(actor, event, employee) is not None
    ]
    if invited:
        _notify_invited(event, invited)
    return len(invited)


@transaction.atomic
def cancel_registration(*, actor: Any, registration: Registration) -> Registration:
    """Cancel a place; a freed seat goes to the first on the waiting list."""
    own = getattr(actor, "employee_id", None) == registration.employee_id
    if not (own or permissions.can_manage_event(actor, registration.event)):
        _deny()
    event = TrainingEvent.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.INVITED,
    ):
        raise ConflictError("Pendaftaran ini tidak dapat dibatalkan lagi.")
    held_seat = registration.status == RegistrationStatus.REGISTERED
    _move_registration(
        registration,
        actor=actor,
        status=RegistrationStatus.CANCELLED,
        action="development.registration.cancel",
    )
    if held_seat and _seats_taken(event) < event.quota:
        waiting = (
            event.registrations.filter(status=RegistrationStatus.WAITLISTED)
            .order_by("registered_at", "id")
            .first()
        )
        if waiting is not None:
            _move_registration(
                waiting,
                actor=None,
                status=RegistrationStatus.REGISTERED,
                action="development.registration.promote",
            )
    return registration


@transaction.atomic
def mark_attendance(*, actor: Any, registration: Registration, attended: bool) -> Registration:
    """The organiser records who came."""
    if not permissions.can_manage_event(actor, registration.event):
        _deny()
    if registration.status not in (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.ATTENDED,
        RegistrationStatus.NO_SHOW,
    ):
        raise ConflictError("Hanya peserta terdaftar yang dapat dicatat kehadirannya.")
    _move_registration(
        registration,
        actor=actor,
        status=RegistrationStatus.ATTENDED if attended else RegistrationStatus.NO_SHOW,
        action="development.registration.attendance",
    )
    return registration


@transaction.atomic
def complete_event_participant(
    *, actor: Any, registration: Registration, certificate: UploadedFile | None = None
) -> JpEntry:
    """BKPSDM or the organising agency's admin marks completion: JP are credited once."""
    event = registration.event
    if not permissions.can_manage_event(actor, event):
        _deny()
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED):
        raise ConflictError("Hanya peserta yang hadir yang dapat dinyatakan selesai.")
    result = jp_for(
        form=event.activity.form,
        start_date=event.start_date,
        end_date=event.end_date,
        minutes=event.minutes,
        sessions=event.sessions,
        semesters=event.semesters,
        international=event.is_international,
    )
    if certificate is not None:
        checked = check_upload(certificate, allowed=CERTIFICATE_TYPES)
        registration.certificate.save(checked.safe_name, checked.file, save=False)
        registration.certificate_name = checked.safe_name
        registration.certificate_sha256 = checked.sha256
    before = snapshot(registration, ["status"])
    registration.status = RegistrationStatus.COMPLETED
    registration.save()
    entry = _credit(
        employee=registration.employee,
        year=event.end_date.year,
        result=result,
        title=event.title,
        registration=registration,
    )
    record(
        actor=actor,
        action="development.registration.complete",
        obj=registration,
        before=before,
        after={**snapshot(registration, ["status", "certificate_sha256"]), "jp": entry.jp},
        agency_id=_agency_id(registration.employee),
    )
    return entry


@transaction.atomic
def give_feedback(
    *, actor: Any, registration: Registration, rating: int, text: str = ""
) -> Registration:
    """The participant rates the event (1–5) after attending it."""
    if getattr(actor, "employee_id", None) != registration.employee_id:
        _deny("Hanya peserta yang dapat memberi umpan balik.")
    if registration.status not in (RegistrationStatus.ATTENDED, RegistrationStatus.COMPLETED):
        raise ConflictError("Umpan balik diberikan setelah mengikuti pelatihan.")
    if not 1 <= rating <= 5:
        raise ValidationError("Penilaian antara 1 dan 5.")
    registration.feedback_rating = rating
    registration.feedback_text = text
    registration.save(update_fields=["feedback_rating", "feedback_text", "updated_at"])
    record(
        actor=actor,
        action="development.registration.feedback",
        obj=registration,
        after=snapshot(registration, ["feedback_rating"]),
        agency_id=_agency_id(registration.employee),
    )
    return registration
