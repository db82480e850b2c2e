"""The SKP state machine: every (status, action, role) combination, allowed or refused."""

import itertools

import pytest

from kinerja.planning.domain.workflow import (
    ActorRole,
    SkpAction,
    SkpStatus,
    TransitionError,
    allowed_actions,
    is_editable,
    transition,
)

S, A, OWN, ASR = SkpStatus, SkpAction, ActorRole.OWNER, ActorRole.ASSESSOR

ALLOWED = {
    (S.DRAFT, A.SUBMIT, OWN): S.SUBMITTED,
    (S.RETURNED, A.SUBMIT, OWN): S.SUBMITTED,
    (S.SUBMITTED, A.WITHDRAW, OWN): S.DRAFT,
    (S.SUBMITTED, A.RETURN, ASR): S.RETURNED,
    (S.SUBMITTED, A.APPROVE, ASR): S.APPROVED,
    (S.APPROVED, A.REQUEST_REVISION, OWN): S.REVISION_REQUESTED,
    (S.REVISION_REQUESTED, A.APPROVE_REVISION, ASR): S.DRAFT,
    (S.REVISION_REQUESTED, A.REJECT_REVISION, ASR): S.APPROVED,
}

ALL = list(itertools.product(SkpStatus, SkpAction, ActorRole))


@pytest.mark.parametrize(("status", "action", "role"), ALL)
def test_every_transition_is_either_in_the_table_or_refused(status, action, role):
    if (status, action, role) in ALLOWED:
        assert (
            transition(status, action, actor_role=role, reason="alasan")
            == ALLOWED[(status, action, role)]
        )
    else:
        with pytest.raises(TransitionError):
            transition(status, action, actor_role=role, reason="alasan")


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.SUBMITTED, A.RETURN),
        (S.APPROVED, A.REQUEST_REVISION),
        (S.REVISION_REQUESTED, A.REJECT_REVISION),
    ],
)
def test_return_and_revision_steps_need_a_written_reason(status, action):
    actor = next(k[2] for k in ALLOWED if k[:2] == (status, action))
    with pytest.raises(TransitionError, match="alasan"):
        transition(status, action, actor_role=actor, reason="  ")


def test_refusal_messages_are_indonesian_and_name_the_status():
    with pytest.raises(TransitionError) as exc:
        transition(S.APPROVED, A.SUBMIT, actor_role=OWN)
    assert "Disetujui" in str(exc.value)
    with pytest.raises(TransitionError) as exc:
        transition(S.SUBMITTED, A.APPROVE, actor_role=OWN)
    assert "pejabat penilai" in str(exc.value)


def test_an_approved_skp_is_not_editable_and_only_opens_through_an_approved_revision():
    assert not is_editable(S.APPROVED)
    assert allowed_actions(S.APPROVED, actor_role=OWN) == [A.REQUEST_REVISION]
    assert allowed_actions(S.APPROVED, actor_role=ASR) == []
    reopened = transition(
        transition(S.APPROVED, A.REQUEST_REVISION, actor_role=OWN, reason="mutasi tugas"),
        A.APPROVE_REVISION,
        actor_role=ASR,
    )
    assert is_editable(reopened)


@pytest.mark.parametrize("status", list(SkpStatus))
def test_only_draft_and_returned_are_editable(status):
    assert is_editable(status) is (status in {S.DRAFT, S.RETURNED})
