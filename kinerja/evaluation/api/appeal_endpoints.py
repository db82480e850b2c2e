"""API for appeals (keberatan): listing and reading them, filing one, and the explanation and
decision steps."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from ninja import Field, File, Form, Query, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses

from .. import services
from ..models import Appeal, AppealStatus, Evaluation
from ._common import Id, Text, guard, router


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
    result = guard(lambda: service(actor=request.user, appeal=appeal, **arguments))
    return Status(200, _appeal(request, appeal.pk)) if isinstance(result, Appeal) else result


@router.get(
    "/evaluation/appeals",
    response={200: list[AppealOut], **error_responses(401, 422)},
    summary="Keberatan yang boleh dilihat: milik sendiri, yang dinilai atau diputus (berhalaman)",
    url_name="appeals",
    operation_id="kinerja_evaluation_api_appeals",
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
    operation_id="kinerja_evaluation_api_appeal_detail",
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
    operation_id="kinerja_evaluation_api_appeal_file",
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
    result = guard(
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
    operation_id="kinerja_evaluation_api_appeal_request_explanations",
)
def appeal_request_explanations(request, appeal_id: Id):
    return _appeal_step(request, appeal_id, services.request_explanations)


@router.post(
    "/evaluation/appeals/{appeal_id}/explanations",
    response={200: AppealOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Pejabat penilai atau pegawai memberi penjelasan atas keberatan",
    url_name="appeal_explain",
    operation_id="kinerja_evaluation_api_appeal_explain",
)
def appeal_explain(request, appeal_id: Id, payload: ExplanationIn):
    return _appeal_step(request, appeal_id, services.give_explanation, text=payload.text)


@router.post(
    "/evaluation/appeals/{appeal_id}/decision",
    response={200: AppealOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Atasan pejabat penilai memutus keberatan (final; ditulis kembali ke hasil penilaian)",
    url_name="appeal_decide",
    operation_id="kinerja_evaluation_api_appeal_decide",
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
