"""Workflow actions on an SKP: submit, approve, return, request a revision."""

from ninja import Field, Schema, Status

from kinerja.core.api_schemas import SafeStr, error_responses

from .. import services
from ..domain.workflow import TransitionError
from ._common import Id, SkpDetailOut, _detail_out, _skp, router


class NoteIn(Schema):
    notes: SafeStr = Field(..., max_length=5000, description="Catatan/alasan (wajib)")


class OptionalNoteIn(Schema):
    notes: SafeStr = Field("", max_length=5000, description="Catatan (boleh kosong)")


def _act(request, skp_id: int, service, **arguments) -> Status:
    """Run one workflow service on a visible SKP; 409 with the reason when the step is refused,
    else the SKP as it is now."""
    skp = _skp(request, skp_id)
    try:
        service(actor=request.user, skp=skp, **arguments)
    except TransitionError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, _detail_out(_skp(request, skp_id)))


ACTION_RESPONSES = {200: SkpDetailOut, **error_responses(401, 403, 404, 409, 422)}


@router.post(
    "/skps/{skp_id}/submit",
    operation_id="kinerja_planning_api_submit",
    response=ACTION_RESPONSES,
    summary="Ajukan SKP kepada pejabat penilai",
    description="409 bila status tidak mengizinkan atau RHK utama belum terkait RHK atasan "
    "yang disetujui.",
)
def submit(request, skp_id: Id):
    return _act(request, skp_id, services.submit_skp)


@router.post(
    "/skps/{skp_id}/approve",
    operation_id="kinerja_planning_api_approve",
    response=ACTION_RESPONSES,
    summary="Setujui SKP (pejabat penilai atau Plt/Plh-nya)",
)
def approve(request, skp_id: Id):
    return _act(request, skp_id, services.approve_skp)


@router.post(
    "/skps/{skp_id}/return",
    operation_id="kinerja_planning_api_return_",
    response=ACTION_RESPONSES,
    summary="Kembalikan SKP dengan catatan",
)
def return_(request, skp_id: Id, payload: NoteIn):
    return _act(request, skp_id, services.return_skp, note=payload.notes)


@router.post(
    "/skps/{skp_id}/request-revision",
    operation_id="kinerja_planning_api_request_revision",
    response=ACTION_RESPONSES,
    summary="Minta revisi SKP yang telah disetujui (dengan alasan)",
)
def request_revision(request, skp_id: Id, payload: NoteIn):
    return _act(request, skp_id, services.request_revision, reason=payload.notes)
