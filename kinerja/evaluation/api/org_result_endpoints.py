"""API for organisational results (capaian kinerja organisasi): listing them and setting one."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses
from kinerja.organisations.models import OrgUnit

from .. import services
from ..models import OrgResult, Period
from ._common import router


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
    operation_id="kinerja_evaluation_api_org_results",
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
    operation_id="kinerja_evaluation_api_org_result_set",
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
