"""API: periods, realisation, evidence upload, submission, ratings, distribution; scoped like pages."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import File, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile

from kinerja.core.api_schemas import SafeStr, error_responses
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import OrgUnit
from kinerja.planning.models import Indicator, Skp

from . import services
from .errors import StateError
from .models import Period
from .selectors.calibration import agency_calibration, can_view_calibration

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


class DistributionOut(Schema):
    agency_id: int
    year: int
    org_predicate: str | None
    counts: dict[str, int]
    violations: list[str]


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
    skp, period = _skp_period(request, skp_id, period_id)
    return _guard(
        lambda: Status(
            200,
            services.add_evidence_file(actor=request.user, skp=skp, period=period, upload=file),
        )
    )


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/submit",
    response={200: SubmissionOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Ajukan realisasi periode",
)
def submit(request, skp_id: Id, period_id: Id):
    skp, period = _skp_period(request, skp_id, period_id)
    return _guard(
        lambda: Status(200, services.submit_period(actor=request.user, skp=skp, period=period))
    )


@router.post(
    "/evaluation/skps/{skp_id}/periods/{period_id}/rating",
    response={200: EvaluationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Rating hasil kerja dan perilaku oleh pejabat penilai; predikat dihitung",
)
def rating(request, skp_id: Id, period_id: Id, payload: RatingIn):
    skp, period = _skp_period(request, skp_id, period_id)
    return _guard(
        lambda: Status(
            200,
            services.rate(
                actor=request.user,
                skp=skp,
                period=period,
                work_rating=payload.work_rating,
                behaviour_rating=payload.behaviour_rating,
                deviation_reason=payload.deviation_reason,
                expected_version=payload.version,
            ),
        )
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
        },
    )
