"""API for an agency's year: the predicate distribution against the pattern, and the head's
signing of the penetapan predikat kinerja."""

import datetime as dt
from typing import Annotated

from django.http import Http404
from ninja import Field, Query, Schema, Status

from kinerja.core.api_schemas import SafeStr, error_responses
from kinerja.organisations.models import OrgUnit

from ..models import PredicateDetermination
from ..selectors.calibration import agency_calibration, can_view_calibration
from ..services.determination import sign_predicate_determination, violation_key
from ._common import Id, guard, router


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


@router.get(
    "/evaluation/agencies/{agency_id}/distribution",
    response={200: DistributionOut, **error_responses(401, 403, 404, 422)},
    summary="Distribusi predikat tahunan perangkat daerah dan pelanggaran pola",
    operation_id="kinerja_evaluation_api_distribution",
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


@router.post(
    "/evaluation/agencies/{agency_id}/determination",
    response={201: DeterminationOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Kepala perangkat daerah menandatangani penetapan predikat kinerja",
    description="Setiap penyimpangan pola distribusi (lihat `violations` pada distribusi) perlu "
    "pertimbangan tertulis dengan kuncinya; 409 bila sudah ditandatangani, capaian organisasi "
    "belum ditetapkan, ada pegawai belum dinilai, atau keberatan belum diputus.",
    url_name="determination_sign",
    operation_id="kinerja_evaluation_api_determination_sign",
)
def determination_sign(request, agency_id: Id, payload: DeterminationIn):
    agency = OrgUnit.objects.visible_to(request.user).filter(pk=agency_id).first()
    if agency is None or not agency.is_agency:
        raise Http404
    result = guard(
        lambda: sign_predicate_determination(
            actor=request.user, agency=agency, year=payload.year, explanations=payload.explanations
        )
    )
    return Status(201, result) if isinstance(result, PredicateDetermination) else result
