"""API: competencies, needs, plans, catalogue, events, registration, reports and the JP ledger."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kinerja.core import clock
from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import Employee

from . import selectors, services
from .domain import ActivityForm, jp_target
from .domain import progress as jp_progress
from .models import (
    Activity,
    Competency,
    CompetencyKind,
    DevelopmentNeed,
    DevelopmentPlan,
    EventStatus,
    Registration,
    TrainingEvent,
)

router = Router(tags=["Pengembangan"])


class YearFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Tahun; bawaan tahun berjalan")


class CompetencyFilter(Schema):
    kind: CompetencyKind | None = Field(None, description="Jenis kompetensi")


class CompetencyOut(Schema):
    code: str
    name: str
    kind: str
    field: str
    description: str
    level_descriptions: list[str]


class NeedOut(Schema):
    id: int
    employee_nip: str = Field(..., alias="employee.nip")
    year: int
    source: str
    competency: str | None = Field(None, alias="competency.code")
    behaviour: str
    rhk_reference: str
    reason: str
    status: str


class PlanItemOut(Schema):
    quarter: int
    status: str
    need_id: int | None
    activity_id: int | None
    event_id: int | None


class PlanOut(Schema):
    id: int
    employee_nip: str = Field(..., alias="employee.nip")
    year: int
    status: str
    agreed_by_employee_at: dt.datetime | None
    agreed_by_assessor_at: dt.datetime | None
    items: list[PlanItemOut]

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class ActivityOut(Schema):
    id: int
    name: str
    form: str
    description: str
    provider: str
    typical_minutes: int | None
    typical_days: int | None
    is_international: bool
    competencies: list[str]

    @staticmethod
    def resolve_competencies(obj):
        return [c.code for c in obj.competencies.all()]


class EventOut(Schema):
    id: int
    title: str
    activity_id: int
    form: str = Field(..., alias="activity.form")
    organiser: str = Field(..., alias="organiser_unit.name")
    start_date: dt.date
    end_date: dt.date
    place: str
    online_link: str
    quota: int
    status: str
    target_competency: str | None = Field(None, alias="target_competency.code")


class EventFilter(Schema):
    status: EventStatus | None = Field(None, description="Status pelatihan")


class RegistrationOut(Schema):
    id: int
    event_id: int
    employee_nip: str = Field(..., alias="employee.nip")
    status: str
    registered_at: dt.datetime


class ReportIn(Schema):
    form: ActivityForm
    title: SafeStr = Field(..., min_length=1, max_length=200)
    organiser: SafeStr = Field(..., min_length=1, max_length=200)
    start_date: dt.date
    end_date: dt.date
    minutes: int | None = Field(None, ge=1, le=1_000_000)
    days: int | None = Field(None, ge=1, le=3660)
    sessions: int | None = Field(None, ge=1, le=1000)
    semesters: int | None = Field(None, ge=1, le=20)
    international: bool = False


class ReportOut(Schema):
    id: int
    form: str
    title: str
    organiser: str
    start_date: dt.date
    end_date: dt.date
    status: str
    certificate_sha256: str


class JpEntryOut(Schema):
    title: str
    jp: Decimal
    explanation: str
    registration_id: int | None
    report_id: int | None
    created_at: dt.datetime


class JpTargetOut(Schema):
    minimum: Decimal | None
    cap: Decimal | None
    description: str
    legal_basis: str


class JpLedgerOut(Schema):
    nip: str
    year: int
    total: Decimal
    below_target: bool
    target: JpTargetOut
    entries: list[JpEntryOut]


def _year(filters: YearFilter) -> int:
    return filters.year or clock.today().year


@router.get(
    "/competencies",
    response={200: list[CompetencyOut], **error_responses(401, 422)},
    summary="Kamus kompetensi (berhalaman)",
)
@paginate(BoundedLimitOffsetPagination)
def competencies(request, filters: Query[CompetencyFilter]):
    qs = Competency.objects.filter(is_active=True).order_by("kind", "field", "name")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get(
    "/development/needs",
    response={200: list[NeedOut], **error_responses(401, 422)},
    summary="Kebutuhan pengembangan yang boleh dilihat (berhalaman)",
)
@paginate(BoundedLimitOffsetPagination)
def needs(request, filters: Query[YearFilter]):
    return (
        DevelopmentNeed.objects.visible_to(request.user)
        .filter(year=_year(filters))
        .select_related("employee", "competency")
        .order_by("employee__name", "id")
    )


@router.get(
    "/development/plans",
    response={200: list[PlanOut], **error_responses(401, 422)},
    summary="Rencana pengembangan kompetensi yang boleh dilihat (berhalaman)",
)
@paginate(BoundedLimitOffsetPagination)
def plans(request, filters: Query[YearFilter]):
    return (
        DevelopmentPlan.objects.visible_to(request.user)
        .filter(year=_year(filters))
        .select_related("employee")
        .prefetch_related("items")
        .order_by("employee__name", "id")
    )


@router.get(
    "/development/activities",
    response={200: list[ActivityOut], **error_responses(401, 422)},
    summary="Katalog kegiatan pengembangan (berhalaman)",
)
@paginate(BoundedLimitOffsetPagination)
def activities(request):
    return Activity.objects.filter(is_active=True).prefetch_related("competencies").order_by("name")


@router.get(
    "/development/events",
    response={200: list[EventOut], **error_responses(401, 422)},
    summary="Penyelenggaraan pelatihan (berhalaman)",
)
@paginate(BoundedLimitOffsetPagination)
def events(request, filters: Query[EventFilter]):
    qs = TrainingEvent.objects.exclude(status=EventStatus.DRAFT).select_related(
        "activity", "organiser_unit", "target_competency"
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("-start_date", "id")


def _self(request) -> Employee:
    if request.user.employee_id is None:
        raise PermissionDenied("Akun ini tidak terhubung dengan data pegawai.")
    return Employee.objects.get(pk=request.user.employee_id)


@router.post(
    "/development/events/{event_id}/register",
    response={201: RegistrationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Mendaftar pada pelatihan (kuota penuh: daftar tunggu)",
    description="409 bila pendaftaran tidak dibuka atau sudah terdaftar.",
)
def register(request, event_id: int):
    event = TrainingEvent.objects.exclude(status=EventStatus.DRAFT).filter(pk=event_id).first()
    if event is None:
        raise Http404
    try:
        registration = services.register_for_event(
            actor=request.user, event=event, employee=_self(request)
        )
    except services.ConflictError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, Registration.objects.select_related("employee").get(pk=registration.pk))


@router.post(
    "/development/registrations/{registration_id}/cancel",
    response={200: RegistrationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Membatalkan pendaftaran (kursi berpindah ke daftar tunggu pertama)",
)
def cancel(request, registration_id: int):
    registration = (
        Registration.objects.visible_to(request.user)
        .select_related("event__organiser_unit", "employee")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise Http404
    try:
        services.cancel_registration(actor=request.user, registration=registration)
    except services.ConflictError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, Registration.objects.select_related("employee").get(pk=registration.pk))


@router.post(
    "/development/reports",
    response={201: ReportOut, **error_responses(401, 403, 413, 422)},
    summary="Melaporkan kegiatan pengembangan di luar dengan sertifikat",
    description=(
        "multipart/form-data. Sertifikat PDF/JPG/PNG/WEBP, diperiksa dari isinya: 422 bila "
        "jenisnya lain, 413 bila melebihi batas ukuran."
    ),
)
def report(request, payload: Form[ReportIn], certificate: File[UploadedFile]):
    try:
        created = services.report_external_activity(
            actor=request.user,
            form=payload.form.value,
            title=payload.title,
            organiser=payload.organiser,
            start_date=payload.start_date,
            end_date=payload.end_date,
            minutes=payload.minutes,
            days=payload.days,
            sessions=payload.sessions,
            semesters=payload.semesters,
            international=payload.international,
            certificate=certificate,
        )
    except UploadError as exc:
        if exc.too_large:
            return Status(413, {"detail": str(exc)})
        raise ValidationError({"certificate": [str(exc)]}) from exc
    return Status(201, created)


@router.get(
    "/employees/{nip}/jp",
    response={200: JpLedgerOut, **error_responses(401, 404, 422)},
    summary="Buku JP dan total setahun seorang pegawai",
    description="404 bila pegawai tidak ada atau di luar hak akses.",
)
def employee_jp(request, nip: str, filters: Query[YearFilter]):
    if not (nip.isascii() and nip.isdigit()):
        raise Http404
    employee = Employee.objects.visible_to(request.user).filter(nip=nip).first()
    if employee is None:
        raise Http404
    year = _year(filters)
    entries = list(selectors.jp_ledger(employee=employee, year=year))
    total = sum((e.jp for e in entries), Decimal("0.00"))
    target = jp_target(employee.status)
    return Status(
        200,
        {
            "nip": employee.nip,
            "year": year,
            "total": total,
            "below_target": jp_progress(employee.status, total).below_target,
            "target": {
                "minimum": target.minimum,
                "cap": target.cap,
                "description": target.description,
                "legal_basis": target.legal_basis,
            },
            "entries": entries,
        },
    )
