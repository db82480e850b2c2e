"""The router of the planning API, the SKP's output schemas, and the lookups every endpoint uses.

Endpoints name their `operation_id`: ninja would derive it from the module, and the ids stay
those of the single `kinerja.planning.api` module that clients were generated from.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from ninja import Path, Router, Schema

from .. import selectors
from ..models import Rhk, Skp

router = Router(tags=["Perencanaan Kinerja"])

Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="ID")]
MAX_ID = 2_147_483_647


class SkpOut(Schema):
    id: int
    year: int
    period_start: dt.date
    period_end: dt.date
    status: str
    approach: str
    form_type: str
    version: int
    employee_nip: str
    employee_name: str
    position_name: str
    unit_name: str
    assessor_nip: str
    assessor_name: str
    superior_nip: str
    superior_name: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None

    @staticmethod
    def resolve_employee_nip(obj) -> str:
        return obj["employee_nip"] if isinstance(obj, dict) else obj.employee.nip


class IndicatorOut(Schema):
    id: int
    aspect: str
    text: str
    target_min: Decimal | None
    target_max: Decimal | None
    target_unit: str
    target_text: str


class RhkOut(Schema):
    id: int
    group: str
    text: str
    parent_id: int | None
    agreement_target_id: int | None
    cascading: str
    perspective: str
    indicators: list[IndicatorOut]


class ExpectationOut(Schema):
    value_code: str
    text: str


class AttachmentOut(Schema):
    kind: str
    text: str


class SkpDetailOut(SkpOut):
    return_note: str
    revision_reason: str
    rhks: list[RhkOut]
    expectations: list[ExpectationOut]
    attachments: list[AttachmentOut]


def _skp(request, pk: int) -> Skp:
    try:
        return selectors.skp_detail(request.user, pk)
    except Skp.DoesNotExist as exc:
        raise Http404 from exc


def _rhk_out(rhk: Rhk, indicators) -> dict:
    """An RHK as `RhkOut`; the caller passes its indicators (prefetched, or read after an edit)."""
    return {
        "id": rhk.pk,
        "group": rhk.group,
        "text": rhk.text,
        "parent_id": rhk.parent_id,
        "agreement_target_id": rhk.agreement_target_id,
        "cascading": rhk.cascading,
        "perspective": rhk.perspective,
        "indicators": list(indicators),
    }


def _detail_out(skp: Skp) -> dict:
    data = SkpOut.from_orm(skp).dict()
    data.update(
        return_note=skp.return_note,
        revision_reason=skp.revision_reason,
        rhks=[_rhk_out(r, r.indicators.all()) for r in skp.rhks.all()],
        expectations=list(skp.expectations.all()),
        attachments=list(skp.attachments.all()),
    )
    return data
