"""The SKP approval workflow as a pure state machine (PermenPANRB 6/2022 Pasal 14).

The employee drafts and submits; the pejabat penilai kinerja returns it with notes or approves
(*menetapkan*) it. An approved SKP is never edited in place: the employee asks for a revision with a
reason, and only when the assessor agrees does it open again for editing (as a draft that has to be
submitted and approved anew). Every transition is listed in `TRANSITIONS`; anything else is refused.
"""

from __future__ import annotations

from enum import StrEnum


class SkpStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    REVISION_REQUESTED = "revision_requested"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    SkpStatus.DRAFT: "Draf",
    SkpStatus.SUBMITTED: "Diajukan",
    SkpStatus.RETURNED: "Dikembalikan",
    SkpStatus.APPROVED: "Disetujui",
    SkpStatus.REVISION_REQUESTED: "Revisi diminta",
}


class SkpAction(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    RETURN = "return"
    APPROVE = "approve"
    REQUEST_REVISION = "request_revision"
    APPROVE_REVISION = "approve_revision"
    REJECT_REVISION = "reject_revision"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    SkpAction.SUBMIT: "Ajukan",
    SkpAction.WITHDRAW: "Tarik kembali",
    SkpAction.RETURN: "Kembalikan",
    SkpAction.APPROVE: "Setujui",
    SkpAction.REQUEST_REVISION: "Minta revisi",
    SkpAction.APPROVE_REVISION: "Setujui permintaan revisi",
    SkpAction.REJECT_REVISION: "Tolak permintaan revisi",
}


class ActorRole(StrEnum):
    OWNER = "owner"  # the pegawai yang dinilai
    ASSESSOR = "assessor"  # the pejabat penilai kinerja of record, or the Plt/Plh acting for them


ROLE_LABELS = {ActorRole.OWNER: "pegawai pemilik SKP", ActorRole.ASSESSOR: "pejabat penilai"}

# (status, action) -> (role allowed to act, new status)
TRANSITIONS: dict[tuple[SkpStatus, SkpAction], tuple[ActorRole, SkpStatus]] = {
    (SkpStatus.DRAFT, SkpAction.SUBMIT): (ActorRole.OWNER, SkpStatus.SUBMITTED),
    (SkpStatus.RETURNED, SkpAction.SUBMIT): (ActorRole.OWNER, SkpStatus.SUBMITTED),
    (SkpStatus.SUBMITTED, SkpAction.WITHDRAW): (ActorRole.OWNER, SkpStatus.DRAFT),
    (SkpStatus.SUBMITTED, SkpAction.RETURN): (ActorRole.ASSESSOR, SkpStatus.RETURNED),
    (SkpStatus.SUBMITTED, SkpAction.APPROVE): (ActorRole.ASSESSOR, SkpStatus.APPROVED),
    (SkpStatus.APPROVED, SkpAction.REQUEST_REVISION): (
        ActorRole.OWNER,
        SkpStatus.REVISION_REQUESTED,
    ),
    (SkpStatus.REVISION_REQUESTED, SkpAction.APPROVE_REVISION): (
        ActorRole.ASSESSOR,
        SkpStatus.DRAFT,
    ),
    (SkpStatus.REVISION_REQUESTED, SkpAction.REJECT_REVISION): (
        ActorRole.ASSESSOR,
        SkpStatus.APPROVED,
    ),
}

# Actions whose audit entry must carry a written reason or note.
REASON_REQUIRED = frozenset(
    {SkpAction.RETURN, SkpAction.REQUEST_REVISION, SkpAction.REJECT_REVISION}
)

# Only these states may have their RHK, indicators and lampiran changed by the owner.
EDITABLE = frozenset({SkpStatus.DRAFT, SkpStatus.RETURNED})


class TransitionError(Exception):
    """A workflow step that the table does not allow, with the reason in Indonesian."""


def allowed_actions(status: SkpStatus, *, actor_role: ActorRole) -> list[SkpAction]:
    """Actions this role may take on an SKP in this status, in table order."""
    return [
        action
        for (from_status, action), (role, _) in TRANSITIONS.items()
        if from_status == status and role == actor_role
    ]


def transition(
    status: SkpStatus, action: SkpAction, *, actor_role: ActorRole, reason: str = ""
) -> SkpStatus:
    """The status after `action`, or `TransitionError` saying why it is refused."""
    status, action, actor_role = SkpStatus(status), SkpAction(action), ActorRole(actor_role)
    entry = TRANSITIONS.get((status, action))
    if entry is None:
        raise TransitionError(
            f"Tindakan '{action.label}' tidak dapat dilakukan pada SKP berstatus '{status.label}'."
        )
    role, new_status = entry
    if role != actor_role:
        raise TransitionError(
            f"Tindakan '{action.label}' hanya dapat dilakukan oleh {ROLE_LABELS[role]}."
        )
    if action in REASON_REQUIRED and not reason.strip():
        raise TransitionError(f"Tindakan '{action.label}' wajib disertai alasan atau catatan.")
    return new_status


def is_editable(status: SkpStatus) -> bool:
    return SkpStatus(status) in EDITABLE
