"""API for one SKP's period: the periods of a year, realisation, evidence upload and listing,
submission and the assessor's rating."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import File, Query, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses
from kinerja.planning.models import Indicator, Skp

from .. import services
from ..models import Evidence, Period
from ._common import Id, guard, router


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


class SubmissionOut(Schema):
    status: str


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


def _skp_period(request, skp_id: int, period_id: int) -> tuple[Skp, Period]:
    skp = Skp.objects.visible_to(request.user).filter(pk=skp_id).select_related("unit").first()
    period = Period.objects.filter(pk=period_id).first()
    if skp is None or period is None or period.year != skp.year:
        raise Http404
    return skp, period


def _period_step(request, skp_id: int, period_id: int, service, **arguments):
    """Run one period service on a visible SKP and its period; 200 with what it returns."""
    skp, period = _skp_period(request, skp_id, period_id)
    return guard(
        lambda: Status(200, service(actor=request.user, skp=skp, period=period, **arguments))
    )


@router.get(
    "/evaluation/periods",
    response={200: list[PeriodOut], **error_responses(401, 422)},
    summary="Periode penilaian per tahun",
    operation_id="kinerja_evaluation_api_periods",
)
def periods(request, year: Annotated[int, Query(ge=2000, le=2100)]):
    return list(
        Period.objects.visible_to(request.user).filter(year=year).order_by("kind", "number")
    )


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/realisations",
    response={200: RealisationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Isi atau ubah realisasi satu indikator (versi wajib saat mengubah)",
    operation_id="kinerja_evaluation_api_realisation",
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
    return guard(
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
    operation_id="kinerja_evaluation_api_evidence",
)
def evidence(request, skp_id: Id, period_id: Id, file: File[UploadedFile]):
    return _period_step(request, skp_id, period_id, services.add_evidence_file, upload=file)


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/submit",
    response={200: SubmissionOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Ajukan realisasi periode",
    operation_id="kinerja_evaluation_api_submit",
)
def submit(request, skp_id: Id, period_id: Id):
    return _period_step(request, skp_id, period_id, services.submit_period)


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/rating",
    response={200: EvaluationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Rating hasil kerja dan perilaku oleh pejabat penilai; predikat dihitung",
    operation_id="kinerja_evaluation_api_rating",
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
    "/evaluation/skps/{skp_id}/periods/{period_id}/evidence",
    response={200: list[EvidenceItemOut], **error_responses(401, 404, 422)},
    summary="Bukti dukung satu SKP pada satu periode (berhalaman)",
    url_name="evidence_list",
    operation_id="kinerja_evaluation_api_evidence_list",
)
@paginate(BoundedLimitOffsetPagination)
def evidence_list(request, skp_id: Id, period_id: Id):
    skp, period = _skp_period(request, skp_id, period_id)
    return Evidence.objects.filter(skp=skp, period=period, appeal__isnull=True).order_by(
        "created_at", "id"
    )
