"""Development use cases. Each checks permission, applies the domain rule, saves, and audits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from kinerja.audit.services import record, snapshot
from kinerja.core import clock
from kinerja.core.uploads import CERTIFICATE_TYPES, check_upload
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee

from . import permissions
from .domain import (
    DEFAULT_RULES,
    MINUTES_PER_JP,
    ActivityForm,
    CompetencyGap,
    ConversionRule,
    JpResult,
    compute_jp,
    derive_needs,
)
from .models import (
    MANUAL_SOURCE,
    SEAT_STATUSES,
    Activity,
    Competency,
    ConversionRuleSetting,
    DevelopmentNeed,
    DevelopmentPlan,
    EmployeeCompetency,
    EventStatus,
    ExternalActivityReport,
    JpEntry,
    NeedStatus,
    PlanItem,
    PlanStatus,
    PositionCompetency,
    Registration,
    RegistrationStatus,
    ReportStatus,
    TrainingEvent,
)
from .performance import PerformanceSignalsProvider, configured_provider


class ConflictError(ValueError):
    """The action clashes with the object's state (closed event, already registered): HTTP 409."""


def _agency_id(employee: Employee) -> int | None:
    return employee.unit.agency_id if employee.unit_id and employee.unit else None


def _deny(message: str = "Anda tidak berwenang melakukan tindakan ini.") -> None:
    raise PermissionDenied(message)


# --- JP conversion --------------------------------------------------------------------------


def rule_in_force(form: str) -> tuple[ConversionRule, int]:
    """BKPSDM's rule for a form if set, else the shipped default; with the minutes per JP."""
    setting = ConversionRuleSetting.objects.filter(form=form).first()
    if setting is not None:
        return setting.to_rule(), setting.minutes_per_jp
    return DEFAULT_RULES[ActivityForm(form)], MINUTES_PER_JP


def jp_for(
    *,
    form: str,
    start_date: dt.date,
    end_date: dt.date,
    minutes: int | None = None,
    days: int | None = None,
    sessions: int | None = None,
    semesters: int | None = None,
    international: bool = False,
) -> JpResult:
    """JP of one activity under the rule in force (raises ValidationError in Indonesian)."""
    rule, minutes_per_jp = rule_in_force(form)
    span = (end_date - start_date).days + 1
    sessions_by_month = {start_date.strftime("%Y-%m"): sessions} if sessions else None
    try:
        return compute_jp(
            rule,
            minutes=minutes,
            days=days or span,
            sessions_by_month=sessions_by_month,
            semesters=semesters,
            international=international,
            minutes_per_jp=minutes_per_jp,
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def _credit(
    *, employee: Employee, year: int, result: JpResult, title: str, **source: Any
) -> JpEntry:
    """Write one ledger line; a source already credited is refused (counted once)."""
    if JpEntry.objects.filter(**source).exists():
        raise ConflictError("JP untuk kegiatan ini sudah dicatat.")
    try:
        with transaction.atomic():
            return JpEntry.objects.create(
                employee=employee,
                year=year,
                jp=result.jp,
                title=title[:200],
                explanation="\n".join(result.lines),
                **source,
            )
    except IntegrityError as exc:
        raise ConflictError("JP untuk kegiatan ini sudah dicatat.") from exc


@transaction.atomic
def save_conversion_rule(
    *,
    actor: Any,
    form: str,
    basis: str,
    jp_national: Decimal | None = None,
    jp_international: Decimal | None = None,
    cap_per_day: Decimal | None = None,
    cap_per_day_international: Decimal | None = None,
    cap_per_month: int | None = None,
    international_uplift_pct: int = 0,
    minutes_per_jp: int = MINUTES_PER_JP,
    note: str = "",
) -> ConversionRuleSetting:
    """BKPSDM sets the conversion for one form; the domain checks the rule is coherent."""
    if not permissions.is_development_admin(actor):
        _deny("Hanya BKPSDM yang dapat mengubah aturan konversi JP.")
    setting = ConversionRuleSetting.objects.filter(form=form).first()
    before = snapshot(setting) if setting else None
    setting = setting or ConversionRuleSetting(form=form)
    setting.basis = basis
    setting.jp_national = jp_national
    setting.jp_international = jp_international
    setting.cap_per_day = cap_per_day
    setting.cap_per_day_international = cap_per_day_international
    setting.cap_per_month = cap_per_month
    setting.international_uplift_pct = international_uplift_pct
    setting.minutes_per_jp = minutes_per_jp
    setting.note = note
    setting.updated_by = actor
    try:
        setting.to_rule()
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if minutes_per_jp < 1:
        raise ValidationError("Satu JP paling sedikit 1 menit.")
    setting.save()
    record(
        actor=actor,
        action="development.rule.save",
        obj=setting,
        before=before,
        after=snapshot(setting),
    )
    return setting


@transaction.atomic
def reset_conversion_rule(*, actor: Any, form: str) -> None:
    """Drop BKPSDM's override: the shipped default applies again."""
    if not permissions.is_development_admin(actor):
        _deny("Hanya BKPSDM yang dapat mengubah aturan konversi JP.")
    setting = ConversionRuleSetting.objects.filter(form=form).first()
    if setting is None:
        return
    before = snapshot(setting)
    setting.delete()
    record(
        actor=actor,
        action="development.rule.reset",
        object_type="development.conversionrulesetting",
        object_id=form,
        object_repr=ActivityForm(form).label,
        before=before,
    )


# --- Catalogue and events --------------------------------------------------------------------


def _assign_and_save(instance: Activity | TrainingEvent, fields: dict[str, Any]) -> None:
    """Set the edited fields, check the row (`full_clean`) and save it."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


@transaction.atomic
def save_activity(
    *, actor: Any, activity: Activity | None = None, competencies=(), **fields: Any
) -> Activity:
    """Create or change a catalogue entry (BKPSDM)."""
    if not permissions.is_development_admin(actor):
        _deny("Hanya BKPSDM yang dapat mengelola katalog.")
    before = snapshot(activity) if activity else None
    activity = activity or Activity()
    _assign_and_save(activity, fields)
    activity.competencies.set(competencies)
    record(
        actor=actor,
        action="development.activity.save",
        obj=activity,
        before=before,
        after=snapshot(activity),
    )
    return activity


@transaction.atomic
def save_event(
    *,
    actor: Any,
    event: TrainingEvent | None = None,
    target_positions=(),
    target_units=(),
    **fields: Any,
) -> TrainingEvent:
    """Create or change an event; BKPSDM anywhere, an OPD admin for their own agency."""
    unit = fields.get("organiser_unit") or (event.organiser_unit if event else None)
    if unit is None or not permissions.can_organise_for(actor, unit):
        _deny("Anda hanya dapat menyelenggarakan pelatihan untuk perangkat daerah Anda.")
    if event is not None and not permissions.can_manage_event(actor, event):
        _deny()
    before = snapshot(event) if event else None
    event = event or TrainingEvent(created_by=actor)
    _assign_and_save(event, fields)
    event.target_positions.set(target_positions)
    event.target_units.set(target_units)
    record(
        actor=actor,
        action="development.event.save",
        obj=event,
        before=before,
        after=snapshot(event),
        agency_id=event.organiser_unit.agency_id,
    )
    return event


@transaction.atomic
def set_event_status(*, actor: Any, event: TrainingEvent, status: str) -> TrainingEvent:
    if not permissions.can_manage_event(actor, event):
        _deny()
    before = snapshot(event, ["status"])
    event.status = EventStatus(status)
    event.save(update_fields=["status", "updated_at"])
    record(
        actor=actor,
        action="development.event.status",
        obj=event,
        before=before,
        after=snapshot(event, ["status"]),
        agency_id=event.organiser_unit.agency_id,
    )
    return event


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
    from .selectors import target_participants

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


# --- Activities done elsewhere ---------------------------------------------------------------


@transaction.atomic
def report_external_activity(
    *,
    actor: Any,
    form: str,
    title: str,
    organiser: str,
    start_date: dt.date,
    end_date: dt.date,
    certificate: UploadedFile,
    minutes: int | None = None,
    days: int | None = None,
    sessions: int | None = None,
    semesters: int | None = None,
    international: bool = False,
    competency: Competency | None = None,
) -> ExternalActivityReport:
    """The employee reports an activity with its certificate, checked by content."""
    employee_id = getattr(actor, "employee_id", None)
    if employee_id is None:
        _deny("Hanya pegawai yang dapat melaporkan kegiatan.")
    employee = Employee.objects.select_related("unit").get(pk=employee_id)
    if end_date < start_date:
        raise ValidationError({"end_date": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    # The JP must be computable before the report is accepted: the inputs are checked now.
    jp_for(
        form=form,
        start_date=start_date,
        end_date=end_date,
        minutes=minutes,
        days=days,
        sessions=sessions,
        semesters=semesters,
        international=international,
    )
    checked = check_upload(certificate, allowed=CERTIFICATE_TYPES)
    report = ExternalActivityReport(
        employee=employee,
        form=ActivityForm(form).value,
        title=title,
        organiser=organiser,
        start_date=start_date,
        end_date=end_date,
        minutes=minutes,
        days=days,
        sessions=sessions,
        semesters=semesters,
        is_international=international,
        competency=competency,
        certificate_name=checked.safe_name,
        certificate_sha256=checked.sha256,
    )
    report.certificate.save(checked.safe_name, checked.file, save=False)
    report.save()
    record(
        actor=actor,
        action="development.report.submit",
        obj=report,
        after=snapshot(report, ["form", "title", "start_date", "end_date", "certificate_sha256"]),
        agency_id=_agency_id(employee),
    )
    return report


def _decidable(report: ExternalActivityReport, actor: Any) -> ExternalActivityReport:
    """The report, locked, once the actor may decide it and it still awaits a decision."""
    report = ExternalActivityReport.objects.select_for_update().get(pk=report.pk)
    if not permissions.can_verify_report(actor, report.employee):
        _deny("Hanya pejabat penilai atau pengelola perangkat daerah yang dapat memverifikasi.")
    if report.status != ReportStatus.SUBMITTED:
        raise ConflictError("Laporan ini sudah diputuskan.")
    return report


def _decide(
    report: ExternalActivityReport,
    *,
    actor: Any,
    status: ReportStatus,
    note: str,
    action: str,
    **audited: Any,
) -> None:
    """Save the decision on a submitted report (who, when, the note) and audit it."""
    report.status = status
    report.verified_by = actor
    report.verified_at = clock.now()
    report.note = note
    report.save()
    record(
        actor=actor,
        action=action,
        obj=report,
        before={"status": ReportStatus.SUBMITTED.value},
        after={"status": report.status, **audited},
        reason=note,
        agency_id=_agency_id(report.employee),
    )


@transaction.atomic
def verify_report(*, actor: Any, report: ExternalActivityReport, note: str = "") -> JpEntry:
    """The assessor or agency admin accepts the report: its JP enter the ledger."""
    report = _decidable(report, actor)
    result = jp_for(
        form=report.form,
        start_date=report.start_date,
        end_date=report.end_date,
        minutes=report.minutes,
        days=report.days,
        sessions=report.sessions,
        semesters=report.semesters,
        international=report.is_international,
    )
    entry = _credit(
        employee=report.employee,
        year=report.end_date.year,
        result=result,
        title=report.title,
        report=report,
    )
    _decide(
        report,
        actor=actor,
        status=ReportStatus.VERIFIED,
        note=note,
        action="development.report.verify",
        jp=entry.jp,
    )
    return entry


@transaction.atomic
def reject_report(
    *, actor: Any, report: ExternalActivityReport, note: str
) -> ExternalActivityReport:
    if not note.strip():
        raise ValidationError({"note": "Alasan penolakan wajib diisi."})
    report = _decidable(report, actor)
    _decide(
        report,
        actor=actor,
        status=ReportStatus.REJECTED,
        note=note,
        action="development.report.reject",
    )
    return report


# --- Needs and plans -------------------------------------------------------------------------


def competency_gaps(employee: Employee, year: int) -> tuple[list[CompetencyGap], dict[str, int]]:
    """Standards of the employee's position against their latest assessed levels up to `year`."""
    if employee.position_id is None:
        return [], {}
    standards = list(
        PositionCompetency.objects.filter(position_id=employee.position_id).select_related(
            "competency"
        )
    )
    assessed: dict[int, int] = {}
    for row in EmployeeCompetency.objects.filter(
        employee=employee, year__lte=year, competency_id__in=[s.competency_id for s in standards]
    ).order_by("year"):
        assessed[row.competency_id] = row.level
    gaps = [
        CompetencyGap(
            code=s.competency.code,
            name=s.competency.name,
            required_level=s.required_level,
            assessed_level=assessed.get(s.competency_id),
        )
        for s in standards
    ]
    return gaps, {s.competency.code: s.competency_id for s in standards}


@transaction.atomic
def derive_needs_for(
    *,
    actor: Any,
    employee: Employee,
    year: int,
    provider: PerformanceSignalsProvider | None = None,
) -> list[DevelopmentNeed]:
    """Store the year's needs from competency and performance gaps (idempotent: kept once)."""
    own = getattr(actor, "employee_id", None) == employee.pk
    if actor is not None and not (own or permissions.can_manage_needs(actor, employee)):
        _deny()
    signals = (provider or configured_provider())(employee_id=employee.pk, year=year)
    gaps, competency_ids = competency_gaps(employee, year)
    derived = derive_needs(
        competency_gaps=gaps,
        predicate=signals.predicate,
        behaviour_ratings=signals.behaviour_ratings,
        rhk_achievements=signals.rhk_achievements,
    )
    codes = {n.competency_code for n in derived if n.competency_code} - set(competency_ids)
    if codes:
        competency_ids.update(
            dict(Competency.objects.filter(code__in=codes).values_list("code", "id"))
        )
    stored: list[DevelopmentNeed] = []
    for need in derived:
        key = f"{need.source}:{need.competency_code or ''}:{need.behaviour or ''}:{need.rhk_reference or ''}"
        row, created = DevelopmentNeed.objects.get_or_create(
            employee=employee,
            year=year,
            key=key[:200],
            defaults={
                "source": need.source.value,
                "competency_id": competency_ids.get(need.competency_code or ""),
                "behaviour": need.behaviour or "",
                "rhk_reference": need.rhk_reference or "",
                "reason": need.reason,
            },
        )
        if created:
            record(
                actor=actor,
                action="development.need.derive",
                obj=row,
                after=snapshot(row, ["year", "source", "competency_id", "reason"]),
                agency_id=_agency_id(employee),
            )
        stored.append(row)
    return stored


@transaction.atomic
def add_need(
    *, actor: Any, employee: Employee, year: int, reason: str, competency: Competency | None = None
) -> DevelopmentNeed:
    """The assessor adds a need of their own judgement (confirmed at once)."""
    if not permissions.can_manage_needs(actor, employee):
        _deny("Hanya pejabat penilai yang dapat menambah kebutuhan pengembangan.")
    if not reason.strip():
        raise ValidationError({"reason": "Alasan wajib diisi."})
    need = DevelopmentNeed.objects.create(
        employee=employee,
        year=year,
        source=MANUAL_SOURCE,
        key=f"{MANUAL_SOURCE}:{competency.code if competency else ''}",
        competency=competency,
        reason=reason,
        status=NeedStatus.CONFIRMED,
        confirmed_by=actor,
        confirmed_at=clock.now(),
    )
    record(
        actor=actor,
        action="development.need.add",
        obj=need,
        after=snapshot(need, ["year", "competency_id", "reason"]),
        agency_id=_agency_id(employee),
    )
    return need


@transaction.atomic
def set_need_status(*, actor: Any, need: DevelopmentNeed, status: str) -> DevelopmentNeed:
    """The assessor confirms a proposed need, or closes one that is met."""
    if not permissions.can_manage_needs(actor, need.employee):
        _deny("Hanya pejabat penilai yang dapat mengonfirmasi kebutuhan pengembangan.")
    before = snapshot(need, ["status"])
    need.status = NeedStatus(status)
    if need.status == NeedStatus.CONFIRMED:
        need.confirmed_by = actor
        need.confirmed_at = clock.now()
    need.save()
    record(
        actor=actor,
        action="development.need.status",
        obj=need,
        before=before,
        after=snapshot(need, ["status"]),
        agency_id=_agency_id(need.employee),
    )
    return need


def confirm_need(*, actor: Any, need: DevelopmentNeed) -> DevelopmentNeed:
    return set_need_status(actor=actor, need=need, status=NeedStatus.CONFIRMED)


def _plan_party(actor: Any, employee: Employee) -> str:
    if getattr(actor, "employee_id", None) == employee.pk:
        return "employee"
    if permissions.can_manage_needs(actor, employee):
        return "assessor"
    _deny()
    return ""


@transaction.atomic
def add_plan_item(
    *,
    actor: Any,
    employee: Employee,
    year: int,
    quarter: int,
    need: DevelopmentNeed | None = None,
    activity: Activity | None = None,
    event: TrainingEvent | None = None,
) -> PlanItem:
    """Add a line to the (draft) plan; the employee or the assessor may draft it."""
    _plan_party(actor, employee)
    if activity is None and event is None:
        raise ValidationError("Pilih kegiatan atau pelatihan.")
    if need is not None and need.employee_id != employee.pk:
        raise ValidationError("Kebutuhan ini milik pegawai lain.")
    plan, _ = DevelopmentPlan.objects.get_or_create(employee=employee, year=year)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.AGREED:
        raise ConflictError("Rencana yang sudah disepakati tidak dapat diubah.")
    item = PlanItem(plan=plan, need=need, activity=activity, event=event, quarter=quarter)
    item.full_clean()
    item.save()
    # A change after one side agreed asks both to agree again.
    plan.agreed_by_employee_at = plan.agreed_by_assessor_at = None
    plan.save()
    record(
        actor=actor,
        action="development.plan.item_add",
        obj=item,
        after=snapshot(item, ["plan_id", "need_id", "activity_id", "event_id", "quarter"]),
        agency_id=_agency_id(employee),
    )
    return item


@transaction.atomic
def adopt_improvement_plan(*, actor: Any, employee: Employee, year: int) -> list[PlanItem]:
    """Put the proposed improvement plan (Butuh Perbaikan or below) into the draft plan.

    One line per open performance need not yet planned, with the recommended coaching or
    guidance activity; the plan still needs both parties' agreement afterwards.
    """
    from .selectors import improvement_plan_proposal

    _plan_party(actor, employee)
    needs = list(
        DevelopmentNeed.objects.filter(employee=employee, year=year).select_related("competency")
    )
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    items = list(plan.items.all()) if plan else []
    proposal = improvement_plan_proposal(needs, items, year=year)
    if proposal is None:
        raise ValidationError("Tidak ada rencana perbaikan kinerja yang diusulkan tahun ini.")
    usable = [p for p in proposal if p.activity is not None]
    if not usable:
        raise ValidationError(
            "Katalog belum memuat kegiatan coaching, mentoring, atau bimbingan di tempat kerja."
        )
    return [
        add_plan_item(
            actor=actor,
            employee=employee,
            year=year,
            quarter=p.quarter,
            need=p.need,
            activity=p.activity,
        )
        for p in usable
    ]


@transaction.atomic
def agree_plan(*, actor: Any, plan: DevelopmentPlan) -> DevelopmentPlan:
    """Employee and assessor each agree; once both have, the plan is agreed."""
    party = _plan_party(actor, plan.employee)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.AGREED:
        raise ConflictError("Rencana ini sudah disepakati.")
    if not plan.items.exists():
        raise ValidationError("Rencana belum berisi kegiatan.")
    before = snapshot(plan, ["status", "agreed_by_employee_at", "agreed_by_assessor_at"])
    now = clock.now()
    if party == "employee":
        plan.agreed_by_employee_at = now
    else:
        plan.agreed_by_assessor_at = now
        plan.assessor_id = getattr(actor, "employee_id", None)
    if plan.agreed_by_employee_at and plan.agreed_by_assessor_at:
        plan.status = PlanStatus.AGREED
    plan.save()
    record(
        actor=actor,
        action="development.plan.agree",
        obj=plan,
        before=before,
        after=snapshot(plan, ["status", "agreed_by_employee_at", "agreed_by_assessor_at"]),
        agency_id=_agency_id(plan.employee),
    )
    return plan


def access_summary(user) -> dict[str, bool]:
    """Flags templates use to show or hide actions."""
    access = access_for(user)
    return {
        "is_admin": access.manages_all,
        "can_create_events": access.manages_all or access.is_opd_admin,
        "is_assessor": access.is_assessor,
    }
