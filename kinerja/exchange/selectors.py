"""Reads for the exchange: export rows per the documented mapping, logs, imports.

Rows are built from a fixed number of queries (one per export, `select_related` decided here)
and in a fixed order (NIP, then date, then id), so the same data always gives the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.development.domain import ActivityForm
from kinerja.development.models import JpEntry
from kinerja.evaluation.domain import Predicate, Rating
from kinerja.evaluation.models import Evaluation, PeriodKind
from kinerja.organisations.access import access_for
from kinerja.organisations.models import AGENCY_KINDS, OrgUnit

from .domain.mapping import ASSESSOR_STATUS, PREDICATE_CODES, RATING_CODES
from .models import ExportLog, ReferenceImport

DIKLAT_FORMS = {ActivityForm.PELATIHAN_STRUKTURAL.value}


@dataclass(frozen=True)
class ExportFilters:
    year: int
    agency_id: int | None = None
    period_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def can_export(user) -> bool:
    """BKPSDM admins export every agency; an OPD admin exports their own."""
    access = access_for(user)
    return access.manages_all or access.is_opd_admin


def _admin_scope(qs: QuerySet, user, unit_field: str) -> QuerySet:
    """Visible rows, narrowed for an OPD admin to the agency they administer."""
    access = access_for(user)
    if access.manages_all:
        return qs
    if not access.admin_unit_paths:
        return qs.none()
    return qs.filter(
        reduce(or_, (Q(**{f"{unit_field}__path__startswith": p}) for p in access.admin_unit_paths))
    )


def export_agencies(user) -> QuerySet[OrgUnit]:
    """The perangkat daerah a user may pick in the export filter."""
    qs = OrgUnit.objects.filter(kind__in=[k.value for k in AGENCY_KINDS]).order_by("name")
    access = access_for(user)
    if access.manages_all:
        return qs
    if not access.admin_unit_paths:
        return qs.none()
    return qs.filter(reduce(or_, (Q(path__startswith=p) for p in access.admin_unit_paths)))


def _label(enum, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def _evaluations(user, filters: ExportFilters, *, annual: bool) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.visible_to(user).filter(period__year=filters.year)
    qs = _admin_scope(qs, user, "skp__unit")
    qs = (
        qs.filter(period__kind=PeriodKind.ANNUAL)
        if annual
        else qs.exclude(period__kind=PeriodKind.ANNUAL)
    )
    if filters.agency_id:
        qs = qs.filter(skp__unit__agency_id=filters.agency_id)
    if filters.period_id and not annual:
        qs = qs.filter(period_id=filters.period_id)
    return qs.select_related("skp", "skp__employee", "period").order_by(
        "skp__employee__nip", "period__start", "pk"
    )


def _ratings(e: Evaluation) -> dict[str, Any]:
    return {
        "rating_hasil_kerja": _label(Rating, e.work_rating),
        "kode_hasil_kerja": RATING_CODES.get(e.work_rating),
        "rating_perilaku_kerja": _label(Rating, e.behaviour_rating),
        "kode_perilaku_kerja": RATING_CODES.get(e.behaviour_rating),
        "predikat": _label(Predicate, e.predicate),
        "kode_predikat": PREDICATE_CODES.get(e.predicate),
    }


def _assessor(e: Evaluation) -> dict[str, Any]:
    return {
        "penilai_nip": e.assessor_nip,
        "penilai_nama": e.assessor_name,
        "penilai_jabatan": e.assessor_position,
        "penilai_unor": e.skp.assessor_unit,
        "penilai_golongan": e.skp.assessor_rank,
        "status_penilai": ASSESSOR_STATUS,
    }


def skp_annual_rows(evaluations) -> list[dict[str, Any]]:
    rows = []
    for e in evaluations:
        skp = e.skp
        rows.append(
            {
                "nip": skp.employee.nip,
                "nama": skp.employee.full_name,
                "tahun": e.period.year,
                "periode_mulai": skp.period_start,
                "periode_selesai": skp.period_end,
                "jabatan": skp.position_name,
                "unit_kerja": skp.unit_name,
                "instansi": skp.agency_name,
                **_ratings(e),
                **_assessor(e),
                "tanggal_penilaian": timezone.localdate(e.evaluated_at),
                "final": 1 if e.is_final else 0,
            }
        )
    return rows


def periodic_rows(evaluations) -> list[dict[str, Any]]:
    rows = []
    for e in evaluations:
        skp, period = e.skp, e.period
        rows.append(
            {
                "nip": skp.employee.nip,
                "nama": skp.employee.full_name,
                "tahun": period.year,
                "periode": period.label,
                "bulan_mulai": period.start.month,
                "tahun_mulai": period.start.year,
                "bulan_selesai": period.end.month,
                "tahun_selesai": period.end.year,
                "jabatan": skp.position_name,
                "instansi": skp.agency_name,
                **_ratings(e),
                **_assessor(e),
                "tanggal_penilaian": timezone.localdate(e.evaluated_at),
            }
        )
    return rows


def _training_entries(user, filters: ExportFilters) -> QuerySet[JpEntry]:
    qs = JpEntry.objects.visible_to(user).filter(year=filters.year)
    qs = _admin_scope(qs, user, "employee__unit")
    if filters.agency_id:
        qs = qs.filter(employee__unit__agency_id=filters.agency_id)
    return qs.select_related(
        "employee",
        "registration__event__activity",
        "registration__event__organiser_unit",
        "report",
    ).order_by("employee__nip", "pk")


def training_rows(entries) -> list[dict[str, Any]]:
    rows = []
    for entry in entries:
        if entry.registration_id:
            event = entry.registration.event
            form = event.activity.form
            title, start, end = event.title, event.start_date, event.end_date
            organiser = event.activity.provider or (
                event.organiser_unit.name if event.organiser_unit else ""
            )
            source = f"registration-{entry.registration_id}"
        else:
            report = entry.report
            form, title, organiser = report.form, report.title, report.organiser
            start, end = report.start_date, report.end_date
            source = f"report-{entry.report_id}"
        rows.append(
            {
                "nip": entry.employee.nip,
                "nama": entry.employee.full_name,
                "jenis": "diklat" if form in DIKLAT_FORMS else "kursus",
                "bentuk": _label(ActivityForm, form),
                "nama_kegiatan": title,
                "penyelenggara": organiser,
                "tanggal_mulai": start,
                "tanggal_selesai": end,
                "tahun": entry.year,
                "jumlah_jp": entry.jp,
                "sumber": source,
            }
        )
    return rows


BUILDERS = {
    "skp_annual": skp_annual_rows,
    "periodic": periodic_rows,
    "training": training_rows,
}


def export_queryset(user, kind: str, filters: ExportFilters) -> QuerySet:
    """The records behind an export, scoped, filtered and in the file's fixed order."""
    if kind == "training":
        return _training_entries(user, filters)
    return _evaluations(user, filters, annual=kind == "skp_annual")


def build_rows(kind: str, objects) -> list[dict[str, Any]]:
    return BUILDERS[kind](objects)


def export_rows(user, kind: str, filters: ExportFilters) -> list[dict[str, Any]]:
    return build_rows(kind, export_queryset(user, kind, filters))


def export_logs(user) -> QuerySet[ExportLog]:
    return ExportLog.objects.visible_to(user).select_related("created_by")


def reference_imports(user) -> QuerySet[ReferenceImport]:
    return ReferenceImport.objects.visible_to(user).select_related("created_by", "decided_by")
