"""API: SKPs with their content, workflow actions, and the cascade of an RHK; scoped like pages."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses

from . import selectors, services
from .domain.workflow import TransitionError
from .models import Rhk, Skp

router = Router(tags=["Perencanaan Kinerja"])

Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="ID")]


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


class SkpFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Tahun SKP")
    employee: SafeStr | None = Field(None, max_length=18, description="NIP pegawai")


class NoteIn(Schema):
    notes: SafeStr = Field(..., max_length=5000, description="Catatan/alasan (wajib)")


class RhkRef(Schema):
    id: int
    text: str
    skp_id: int
    employee_name: str
    cascading: str


class CascadeOut(Schema):
    rhk: RhkRef
    parent: RhkRef | None
    children: list[RhkRef]


def _skp(request, pk: int) -> Skp:
    try:
        return selectors.skp_detail(request.user, pk)
    except Skp.DoesNotExist as exc:
        raise Http404 from exc


def _detail_out(skp: Skp) -> dict:
    data = SkpOut.from_orm(skp).dict()
    data.update(
        return_note=skp.return_note,
        revision_reason=skp.revision_reason,
        rhks=[
            {
                "id": r.pk,
                "group": r.group,
                "text": r.text,
                "parent_id": r.parent_id,
                "agreement_target_id": r.agreement_target_id,
                "cascading": r.cascading,
                "perspective": r.perspective,
                "indicators": list(r.indicators.all()),
            }
            for r in skp.rhks.all()
        ],
        expectations=list(skp.expectations.all()),
        attachments=list(skp.attachments.all()),
    )
    return data


@router.get(
    "/skps",
    response={200: list[SkpOut], **error_responses(401, 422)},
    summary="Daftar SKP yang boleh dilihat (berhalaman)",
)
@paginate(BoundedLimitOffsetPagination)
def skps(request, filters: Query[SkpFilter]):
    qs = Skp.objects.visible_to(request.user).select_related("employee")
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.employee:
        qs = qs.filter(employee__nip=filters.employee)
    return qs.order_by("-year", "employee_name", "id")


@router.get(
    "/skps/{skp_id}",
    response={200: SkpDetailOut, **error_responses(401, 404, 422)},
    summary="Detail SKP: RHK, indikator, ekspektasi perilaku, lampiran",
)
def skp_detail(request, skp_id: Id):
    return Status(200, _detail_out(_skp(request, skp_id)))


def _act(request, skp_id: int, run) -> Status:
    skp = _skp(request, skp_id)
    try:
        run(skp)
    except TransitionError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, _detail_out(_skp(request, skp_id)))


ACTION_RESPONSES = {200: SkpDetailOut, **error_responses(401, 403, 404, 409, 422)}


@router.post(
    "/skps/{skp_id}/submit",
    response=ACTION_RESPONSES,
    summary="Ajukan SKP kepada pejabat penilai",
    description="409 bila status tidak mengizinkan atau RHK utama belum terkait RHK atasan "
    "yang disetujui.",
)
def submit(request, skp_id: Id):
    return _act(request, skp_id, lambda skp: services.submit_skp(actor=request.user, skp=skp))


@router.post(
    "/skps/{skp_id}/approve",
    response=ACTION_RESPONSES,
    summary="Setujui SKP (pejabat penilai atau Plt/Plh-nya)",
)
def approve(request, skp_id: Id):
    return _act(request, skp_id, lambda skp: services.approve_skp(actor=request.user, skp=skp))


@router.post(
    "/skps/{skp_id}/return",
    response=ACTION_RESPONSES,
    summary="Kembalikan SKP dengan catatan",
)
def return_(request, skp_id: Id, payload: NoteIn):
    return _act(
        request,
        skp_id,
        lambda skp: services.return_skp(actor=request.user, skp=skp, note=payload.notes),
    )


@router.post(
    "/skps/{skp_id}/request-revision",
    response=ACTION_RESPONSES,
    summary="Minta revisi SKP yang telah disetujui (dengan alasan)",
)
def request_revision(request, skp_id: Id, payload: NoteIn):
    return _act(
        request,
        skp_id,
        lambda skp: services.request_revision(actor=request.user, skp=skp, reason=payload.notes),
    )


def _ref(rhk: Rhk) -> dict:
    return {
        "id": rhk.pk,
        "text": rhk.text,
        "skp_id": rhk.skp_id,
        "employee_name": rhk.skp.employee_name,
        "cascading": rhk.cascading,
    }


@router.get(
    "/rhks/{rhk_id}/cascade",
    response={200: CascadeOut, **error_responses(401, 404, 422)},
    summary="Cascading satu RHK: RHK atasan dan RHK bawahan yang terlihat",
)
def cascade(request, rhk_id: Id):
    visible = Skp.objects.visible_to(request.user)
    rhk = Rhk.objects.filter(skp__in=visible, pk=rhk_id).select_related("skp").first()
    if rhk is None:
        raise Http404
    # The RHK this one intervenes in is part of its row on the SKP form, so whoever sees the RHK
    # sees its parent; children are listed only from SKPs the user may see.
    parent = Rhk.objects.select_related("skp").get(pk=rhk.parent_id) if rhk.parent_id else None
    children = Rhk.objects.filter(skp__in=visible, parent=rhk).select_related("skp")
    return Status(
        200,
        {
            "rhk": _ref(rhk),
            "parent": _ref(parent) if parent else None,
            "children": [_ref(c) for c in children.order_by("skp__employee_name", "id")],
        },
    )
