"""API for continuous feedback (umpan balik) on an SKP: listing it and the assessor giving it."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses
from kinerja.planning.models import Rhk, Skp

from .. import services
from ..models import Feedback, Period
from ._common import Id, Text, router


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
    operation_id="kinerja_evaluation_api_feedback_list",
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
    operation_id="kinerja_evaluation_api_feedback_give",
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
