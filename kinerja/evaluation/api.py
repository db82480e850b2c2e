"""API: periods, realisation, evidence upload, submission, ratings, distribution; scoped like pages."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import OrgUnit
from kinerja.planning.models import Indicator, Rhk, Skp

from . import services
from .errors import StateError
from .models import (
    Appeal,
    AppealStatus,
    Evaluation,
    Evidence,
    Feedback,
    OrgResult,
    Period,
    PredicateDetermination,
)
from .selectors.calibration import agency_calibration, can_view_calibration
from .services.determination import sign_predicate_determination, violation_key

router = Router(tags=["Evaluasi Kinerja"])

Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="ID")]


class PeriodOut(Schema):
    id: int
    year: int
    kind: str
    number: int
    label: str
    start: dt.date
    end: dt.date
    entry_opens: dt.date
    entry_closes: dt.date
    evaluation_deadline: dt.date


class RealisationIn(Schema):
    indicator_id: int
    value: Decimal | None = None
    text: SafeStr = ""
    narrative: SafeStr = ""
    version: int = 0


class RealisationOut(Schema):
    id: int
    indicator_id: int
    period_id: int
    value: Decimal | None
    text: str
    narrative: str
    version: int


class EvidenceOut(Schema):
    id: int
    kind: str
    safe_name: str
    mime_type: str
    size: int
    sha256: str
    url: str


class RatingIn(Schema):
    work_rating: str = ""
    behaviour_rating: str
    deviation_reason: SafeStr = ""
    version: int | None = None


class EvaluationOut(Schema):
    id: int
    work_rating: str
    behaviour_rating: str
    suggested_work_rating: str
    predicate: str
    assessor_name: str
    version: int


class BreachOut(Schema):
    key: str
    message: str


class DistributionOut(Schema):
    agency_id: int
    year: int
    org_predicate: str | None
    counts: dict[str, int]
    violations: list[str]
    breaches: list[BreachOut] = []
    determination_id: int | None = None


class SubmissionOut(Schema):
    status: str


def _skp_period(request, skp_id: int, period_id: int) -> tuple[Skp, Period]:
    skp = Skp.objects.visible_to(request.user).filter(pk=skp_id).select_related("unit").first()
    period = Period.objects.filter(pk=period_id).first()
    if skp is None or period is None or period.year != skp.year:
        raise Http404
    return skp, period


def _guard(run):
    try:
        return run()
    except StaleObjectError as exc:
        return Status(409, {"detail": str(exc)})
    except StateError as exc:
        return Status(409, {"detail": str(exc)})
    except UploadError as exc:
        if exc.too_large:
            return Status(413, {"detail": str(exc)})
        raise ValidationError({"file": str(exc)}) from exc


def _period_step(request, skp_id: int, period_id: int, service, **arguments):
    """Run one period service on a visible SKP and its period; 200 with what it returns."""
    skp, period = _skp_period(request, skp_id, period_id)
    return _guard(
        lambda: Status(200, service(actor=request.user, skp=skp, period=period, **arguments))
    )


@router.get(
    "/evaluation/periods",
    response={200: list[PeriodOut], **error_responses(401, 422)},
    summary="Periode penilaian per tahun",
)
def periods(request, year: Annotated[int, Query(ge=2000, le=2100)]):
    return list(
        Period.objects.visible_to(request.user).filter(year=year).order_by("kind", "number")
    )


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/realisations",
    response={200: RealisationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Isi atau ubah realisasi satu indikator (versi wajib saat mengubah)",
)
def realisation(request, skp_id: Id, period_id: Id, payload: RealisationIn):
    skp, period = _skp_period(request, skp_id, period_id)
    indicator = (
        Indicator.objects.filter(pk=payload.indicator_id, rhk__skp=skp)
        .select_related("rhk")
        .first()
    )
    if indicator is None:
        raise ValidationError({"indicator_id": "Indikator tidak termasuk SKP ini."})
    return _guard(
        lambda: Status(
            200,
            services.record_realisation(
                actor=request.user,
                indicator=indicator,
                period=period,
                expected_version=payload.version,
                value=payload.value,
                text=payload.text,
                narrative=payload.narrative,
            ),
        )
    )


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/evidence",
    response={200: EvidenceOut, **error_responses(401, 403, 404, 409, 413, 422)},
    summary="Unggah bukti dukung (multipart, diperiksa dari isinya)",
)
def evidence(request, skp_id: Id, period_id: Id, file: File[UploadedFile]):
    return _period_step(request, skp_id, period_id, services.add_evidence_file, upload=file)


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/submit",
    response={200: SubmissionOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Ajukan realisasi periode",
)
def submit(request, skp_id: Id, period_id: Id):
    return _period_step(request, skp_id, period_id, services.submit_period)


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/rating",
    response={200: EvaluationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Rating hasil kerja dan perilaku oleh pejabat penilai; predikat dihitung",
)
def rating(request, skp_id: Id, period_id: Id, payload: RatingIn):
    return _period_step(
        request,
        skp_id,
        period_id,
        services.rate,
        work_rating=payload.work_rating,
        behaviour_rating=payload.behaviour_rating,
        deviation_reason=payload.deviation_reason,
        expected_version=payload.version,
    )


@router.get(
    "/evaluation/agencies/{agency_id}/distribution",
    response={200: DistributionOut, **error_responses(401, 403, 404, 422)},
    summary="Distribusi predikat tahunan perangkat daerah dan pelanggaran pola",
)
def distribution(request, agency_id: Id, year: Annotated[int, Query(ge=2000, le=2100)]):
    agency = OrgUnit.objects.visible_to(request.user).filter(pk=agency_id).first()
    if agency is None or not agency.is_agency:
        raise Http404
    if not can_view_calibration(request.user, agency):
        return Status(403, {"detail": "Anda tidak berwenang melihat distribusi ini."})
    page = agency_calibration(request.user, agency=agency, year=year)
    return Status(
        200,
        {
            "agency_id": agency.pk,
            "year": year,
            "org_predicate": page.org_predicate.value if page.org_predicate else None,
            "counts": {p.value: n for p, n in page.counts.items()},
            "violations": [v.message for v in page.violations],
            "breaches": [{"key": violation_key(v), "message": v.message} for v in page.violations],
            "determination_id": page.determination.pk if page.determination else None,
        },
    )


# --- evidence listing, feedback, organisational results, appeals, penetapan -----------------
# 404 for what the caller may not see, 403 for what they may not do, 409 when the state forbids
# the action, 422 (per field, Indonesian) for bad content.

Text = Annotated[SafeStr, Field(min_length=1, max_length=5000)]
Year = Annotated[int, Query(ge=2000, le=2100, description="Tahun")]


class EvidenceItemOut(Schema):
    id: int
    kind: str
    realisation_id: int | None
    title: str
    safe_name: str
    mime_type: str
    size: int
    sha256: str
    url: str
    created_at: dt.datetime


@router.get(
    "/evaluation/skps/{skp_id}/periods/{period_id}/evidence",
    response={200: list[EvidenceItemOut], **error_responses(401, 404, 422)},
    summary="Bukti dukung satu SKP pada satu periode (berhalaman)",
    url_name="evidence_list",
)
@paginate(BoundedLimitOffsetPagination)
def evidence_list(request, skp_id: Id, period_id: Id):
    skp, period = _skp_period(request, skp_id, period_id)
    return Evidence.objects.filter(skp=skp, period=period, appeal__isnull=True).order_by(
        "created_at", "id"
    )


class FeedbackOut(Schema):
    id: int
    rhk_id: int | None
    value_code: str
    period_id: int | None
    author_name: str
    text: str
    created_at: dt.datetime


class FeedbackIn(Schema):
    text: Text
    rhk_id: int | None = Field(None, ge=1, le=2_147_483_647)
    value_code: Annotated[SafeStr, Field(max_length=30)] = ""
    period_id: int | None = Field(None, ge=1, le=2_147_483_647)


class FeedbackFilter(Schema):
    period_id: int | None = Field(None, ge=1, le=2_147_483_647, description="Hanya periode ini")


def _visible_skp(request, skp_id: int) -> Skp:
    skp = Skp.objects.visible_to(request.user).filter(pk=skp_id).select_related("unit").first()
    if skp is None:
        raise Http404
    return skp


@router.get(
    "/evaluation/skps/{skp_id}/feedback",
    response={200: list[FeedbackOut], **error_responses(401, 404, 422)},
    summary="Umpan balik berkelanjutan atas SKP, terbaru lebih dulu (berhalaman)",
    url_name="feedback_list",
)
@paginate(BoundedLimitOffsetPagination)
def feedback_list(request, skp_id: Id, filters: Query[FeedbackFilter]):
    skp = _visible_skp(request, skp_id)
    qs = Feedback.objects.filter(skp=skp)
    if filters.period_id:
        qs = qs.filter(period_id=filters.period_id)
    return qs.order_by("-created_at", "-id")


@router.post(
    "/evaluation/skps/{skp_id}/feedback",
    response={201: FeedbackOut, **error_responses(401, 403, 404, 422)},
    summary="Pejabat penilai memberi umpan balik atas RHK atau nilai BerAKHLAK",
    url_name="feedback_give",
)
def feedback_give(request, skp_id: Id, payload: FeedbackIn):
    skp = _visible_skp(request, skp_id)
    rhk = None
    if payload.rhk_id is not None:
        rhk = Rhk.objects.filter(pk=payload.rhk_id, skp=skp).first()
        if rhk is None:
            raise ValidationError({"rhk_id": "RHK tidak termasuk SKP ini."})
    period = None
    if payload.period_id is not None:
        period = Period.objects.filter(pk=payload.period_id, year=skp.year).first()
        if period is None:
            raise ValidationError({"period_id": "Periode tidak termasuk tahun SKP."})
    feedback = services.give_feedback(
        actor=request.user,
        skp=skp,
        text=payload.text,
        rhk=rhk,
        value_code=payload.value_code,
        period=period,
    )
    return Status(201, feedback)


class OrgResultOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    period_id: int | None
    predicate: str
    predicate_label: str
    reason: str
    set_by_name: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class OrgResultFilter(Schema):
    year: int = Field(..., ge=2000, le=2100, description="Tahun")
    unit_id: int | None = Field(None, ge=1, le=2_147_483_647, description="Unit kerja")
    annual_only: bool = Field(False, description="Hanya capaian tahunan")


class OrgResultIn(Schema):
    unit_id: int = Field(..., ge=1, le=2_147_483_647)
    year: int = Field(..., ge=2000, le=2100)
    predicate: Annotated[SafeStr, Field(max_length=20)]
    reason: Annotated[SafeStr, Field(max_length=5000)] = ""
    period_id: int | None = Field(None, ge=1, le=2_147_483_647)


@router.get(
    "/evaluation/org-results",
    response={200: list[OrgResultOut], **error_responses(401, 422)},
    summary="Capaian kinerja organisasi per unit dan tahun (berhalaman)",
    url_name="org_results",
)
@paginate(BoundedLimitOffsetPagination)
def org_results(request, filters: Query[OrgResultFilter]):
    qs = OrgResult.objects.visible_to(request.user).filter(year=filters.year)
    if filters.unit_id:
        qs = qs.filter(unit_id=filters.unit_id)
    if filters.annual_only:
        qs = qs.filter(period__isnull=True)
    return qs.select_related("unit").order_by("unit__path", "period__start", "id")


@router.post(
    "/evaluation/org-results",
    response={200: OrgResultOut, **error_responses(401, 403, 404, 422)},
    summary="Tetapkan capaian kinerja organisasi (Bupati untuk perangkat daerah, "
    "kepala satu tingkat di atas untuk unit lain)",
    url_name="org_result_set",
)
def org_result_set(request, payload: OrgResultIn):
    unit = OrgUnit.objects.visible_to(request.user).filter(pk=payload.unit_id).first()
    if unit is None:
        raise Http404
    period = None
    if payload.period_id is not None:
        period = Period.objects.filter(pk=payload.period_id).first()
        if period is None:
            raise ValidationError({"period_id": "Periode tidak dikenal."})
    result = services.set_org_result(
        actor=request.user,
        unit=unit,
        year=payload.year,
        predicate=payload.predicate,
        reason=payload.reason,
        period=period,
    )
    return Status(200, result)


class AppealOut(Schema):
    id: int
    evaluation_id: int
    employee_name: str
    period_label: str
    year: int
    status: str
    filed_at: dt.datetime
    reasons: str
    assessor_explanation: str
    employee_explanation: str
    decision: str
    decision_note: str
    old_predicate: str
    new_predicate: str
    decided_by_name: str
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_employee_name(obj) -> str:
        return obj.evaluation.skp.employee_name

    @staticmethod
    def resolve_period_label(obj) -> str:
        return obj.evaluation.period.label

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.evaluation.period.year


class AppealFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Tahun penilaian")
    agency_id: int | None = Field(None, ge=1, le=2_147_483_647, description="Perangkat daerah")
    status: Annotated[SafeStr, Field(max_length=24)] = Field("", description="Status keberatan")


class ExplanationIn(Schema):
    text: Text


class DecisionIn(Schema):
    decision: Annotated[SafeStr, Field(max_length=8, description="uphold atau change")]
    note: Text
    work_rating: Annotated[SafeStr, Field(max_length=8)] = ""
    behaviour_rating: Annotated[SafeStr, Field(max_length=8)] = ""


def _appeals(request):
    return Appeal.objects.visible_to(request.user).select_related(
        "evaluation__skp", "evaluation__period"
    )


def _appeal(request, appeal_id: int) -> Appeal:
    appeal = _appeals(request).filter(pk=appeal_id).first()
    if appeal is None:
        raise Http404
    return appeal


def _appeal_step(request, appeal_id: int, service, **arguments):
    """Run one step of a visible appeal; 200 with the appeal as it is now, or the refusal."""
    appeal = _appeal(request, appeal_id)
    result = _guard(lambda: service(actor=request.user, appeal=appeal, **arguments))
    return Status(200, _appeal(request, appeal.pk)) if isinstance(result, Appeal) else result


@router.get(
    "/evaluation/appeals",
    response={200: list[AppealOut], **error_responses(401, 422)},
    summary="Keberatan yang boleh dilihat: milik sendiri, yang dinilai atau diputus (berhalaman)",
    url_name="appeals",
)
@paginate(BoundedLimitOffsetPagination)
def appeals(request, filters: Query[AppealFilter]):
    qs = _appeals(request)
    if filters.year:
        qs = qs.filter(evaluation__period__year=filters.year)
    if filters.agency_id:
        qs = qs.filter(
            Q(evaluation__skp__unit__agency_id=filters.agency_id)
            | Q(evaluation__skp__unit_id=filters.agency_id)
        )
    if filters.status:
        if filters.status not in AppealStatus.values:
            raise ValidationError({"status": "Status keberatan tidak dikenal."})
        qs = qs.filter(status=filters.status)
    return qs.order_by("-filed_at", "-id")


@router.get(
    "/evaluation/appeals/{appeal_id}",
    response={200: AppealOut, **error_responses(401, 404, 422)},
    summary="Satu keberatan",
    url_name="appeal_detail",
)
def appeal_detail(request, appeal_id: Id):
    return _appeal(request, appeal_id)


@router.post(
    "/evaluation/evaluations/{evaluation_id}/appeals",
    response={201: AppealOut, **error_responses(401, 403, 404, 409, 413, 422)},
    summary="Pegawai mengajukan keberatan atas hasil penilaian (multipart: alasan dan bukti)",
    description="409 bila batas waktu keberatan lewat, hasil sudah final, atau keberatan lain "
    "sedang diproses; 413 bila berkas terlalu besar.",
    url_name="appeal_file",
)
def appeal_file(
    request,
    evaluation_id: Id,
    reasons: Form[Annotated[SafeStr, Field(min_length=1, max_length=5000)]],
    files: File[list[UploadedFile]] = None,
):
    evaluation = (
        Evaluation.objects.visible_to(request.user)
        .filter(pk=evaluation_id)
        .select_related("skp", "period")
        .first()
    )
    if evaluation is None:
        raise Http404
    if len(files or []) > 10:
        raise ValidationError({"files": "Paling banyak 10 berkas."})
    result = _guard(
        lambda: services.file_appeal(
            actor=request.user, evaluation=evaluation, reasons=reasons, files=files or []
        )
    )
    if isinstance(result, Appeal):
        return Status(201, _appeal(request, result.pk))
    return result


@router.post(
    "/evaluation/appeals/{appeal_id}/request-explanations",
    response={200: AppealOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Atasan pejabat penilai meminta penjelasan pejabat penilai dan pegawai",
    url_name="appeal_request_explanations",
)
def appeal_request_explanations(request, appeal_id: Id):
    return _appeal_step(request, appeal_id, services.request_explanations)


@router.post(
    "/evaluation/appeals/{appeal_id}/explanations",
    response={200: AppealOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Pejabat penilai atau pegawai memberi penjelasan atas keberatan",
    url_name="appeal_explain",
)
def appeal_explain(request, appeal_id: Id, payload: ExplanationIn):
    return _appeal_step(request, appeal_id, services.give_explanation, text=payload.text)


@router.post(
    "/evaluation/appeals/{appeal_id}/decision",
    response={200: AppealOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Atasan pejabat penilai memutus keberatan (final; ditulis kembali ke hasil penilaian)",
    url_name="appeal_decide",
)
def appeal_decide(request, appeal_id: Id, payload: DecisionIn):
    return _appeal_step(
        request,
        appeal_id,
        services.decide_appeal,
        decision=payload.decision,
        note=payload.note,
        work_rating=payload.work_rating,
        behaviour_rating=payload.behaviour_rating,
    )


class DeterminationIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    explanations: dict[
        Annotated[SafeStr, Field(max_length=100)], Annotated[SafeStr, Field(max_length=2000)]
    ] = Field(default_factory=dict, description="Pertimbangan per penyimpangan (kunci: key)")


class DeterminationOut(Schema):
    id: int
    agency_id: int
    year: int
    signer_name: str
    signer_position: str
    signed_at: dt.datetime
    content_hash: str
    distribution: dict


@router.post(
    "/evaluation/agencies/{agency_id}/determination",
    response={201: DeterminationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Kepala perangkat daerah menandatangani penetapan predikat kinerja",
    description="Setiap penyimpangan pola distribusi (lihat `violations` pada distribusi) perlu "
    "pertimbangan tertulis dengan kuncinya; 409 bila sudah ditandatangani, capaian organisasi "
    "belum ditetapkan, ada pegawai belum dinilai, atau keberatan belum diputus.",
    url_name="determination_sign",
)
def determination_sign(request, agency_id: Id, payload: DeterminationIn):
    agency = OrgUnit.objects.visible_to(request.user).filter(pk=agency_id).first()
    if agency is None or not agency.is_agency:
        raise Http404
    result = _guard(
        lambda: sign_predicate_determination(
            actor=request.user, agency=agency, year=payload.year, explanations=payload.explanations
        )
    )
    return Status(201, result) if isinstance(result, PredicateDetermination) else result
