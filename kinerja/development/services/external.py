"""Activities done elsewhere: the employee reports one with its certificate; the assessor or
agency admin verifies it (its JP enter the ledger) or rejects it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kinerja.audit.services import record, snapshot
from kinerja.core import clock
from kinerja.core.uploads import CERTIFICATE_TYPES, check_upload
from kinerja.organisations.models import Employee

from .. import permissions
from ..domain import (
    ActivityForm,
)
from ..models import (
    Competency,
    ExternalActivityReport,
    JpEntry,
    ReportStatus,
)
from ._common import ConflictError, _agency_id, _deny
from .jp import _credit, jp_for


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
