"""The assessor decides a revision request (the flow of services.approve/reject_revision)."""

from .. import services
from ._common import Id, router
from .workflow import ACTION_RESPONSES, NoteIn, OptionalNoteIn, _act


@router.post(
    "/skps/{skp_id}/approve-revision",
    operation_id="kinerja_planning_api_skp_approve_revision",
    response=ACTION_RESPONSES,
    summary="Setujui permintaan revisi SKP (pejabat penilai atau Plt/Plh-nya)",
    description="SKP kembali menjadi draf yang dapat diubah pemiliknya lalu diajukan ulang. "
    "Isi permintaan: objek JSON, `notes` boleh dikosongkan (`{}`). "
    "403: bukan pejabat penilai SKP ini; 409: SKP tidak sedang meminta revisi.",
)
def skp_approve_revision(request, skp_id: Id, payload: OptionalNoteIn):
    return _act(request, skp_id, services.approve_revision, note=payload.notes)


@router.post(
    "/skps/{skp_id}/reject-revision",
    operation_id="kinerja_planning_api_skp_reject_revision",
    response=ACTION_RESPONSES,
    summary="Tolak permintaan revisi SKP dengan alasan",
    description="SKP yang telah disetujui tetap berlaku. 403: bukan pejabat penilai SKP ini; "
    "409: SKP tidak sedang meminta revisi, atau alasan kosong.",
)
def skp_reject_revision(request, skp_id: Id, payload: NoteIn):
    return _act(request, skp_id, services.reject_revision, note=payload.notes)
