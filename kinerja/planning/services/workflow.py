"""The approval workflow: submit, withdraw, return, approve, revision; a version row per step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError

from .. import permissions
from ..domain.forms import FormType
from ..domain.rules import submission_problems
from ..domain.workflow import ActorRole, SkpAction, SkpStatus, TransitionError, transition
from ..models import Skp, SkpVersion
from ..selectors import rhk_rows
from ._common import _agency_id, _touch, skp_snapshot


def _apply(
    *,
    actor: Any,
    skp: Skp,
    action: SkpAction,
    role: ActorRole | None,
    reason: str = "",
    expected_version: int | None = None,
) -> Skp:
    """Run one transition: domain check, save with the version lock, version row, audit."""
    if role is None:
        raise PermissionDenied("Anda tidak berwenang melakukan tindakan ini pada SKP ini.")
    old = SkpStatus(skp.status)
    new = transition(old, action, actor_role=role, reason=reason)
    now = clock.now()
    fields = ["status"]
    skp.status = new.value
    if action == SkpAction.SUBMIT:
        skp.submitted_at, skp.return_note = now, skp.return_note
        fields += ["submitted_at"]
    elif action == SkpAction.RETURN:
        skp.return_note = reason.strip()
        fields += ["return_note"]
    elif action == SkpAction.APPROVE:
        skp.approved_at, skp.approved_by, skp.return_note = now, actor, ""
        fields += ["approved_at", "approved_by_id", "return_note"]
    elif action == SkpAction.REQUEST_REVISION:
        skp.revision_reason = reason.strip()
        fields += ["revision_reason"]
    elif action == SkpAction.APPROVE_REVISION:
        skp.approved_at, skp.approved_by = None, None
        fields += ["approved_at", "approved_by_id"]
    _touch(skp, expected_version, fields)
    last = SkpVersion.objects.filter(skp=skp).order_by("-number").values_list("number", flat=True)
    SkpVersion.objects.create(
        skp=skp,
        number=(last.first() or 0) + 1,
        action=action.value,
        status=new.value,
        snapshot=skp_snapshot(skp),
        reason=reason.strip(),
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action=f"planning.skp_{action.value}",
        obj=skp,
        agency_id=_agency_id(skp),
        before={"status": old.value},
        after={"status": new.value, "version": skp.version},
        reason=reason.strip(),
    )
    _notify_transition(skp, action, reason.strip())
    return skp


# Who hears of a transition: (kind, "assessor" | "owner", title).
_TRANSITION_NOTICES = {
    SkpAction.SUBMIT: ("skp_submitted", "assessor", "SKP {name} diajukan untuk persetujuan"),
    SkpAction.REQUEST_REVISION: (
        "skp_submitted",
        "assessor",
        "{name} meminta revisi SKP yang telah disetujui",
    ),
    SkpAction.RETURN: ("skp_returned", "owner", "SKP {year} Anda dikembalikan untuk diperbaiki"),
    SkpAction.APPROVE: ("skp_approved", "owner", "SKP {year} Anda telah disetujui"),
    SkpAction.APPROVE_REVISION: (
        "skp_returned",
        "owner",
        "Permintaan revisi SKP {year} disetujui; SKP dapat diubah kembali",
    ),
    SkpAction.REJECT_REVISION: (
        "skp_approved",
        "owner",
        "Permintaan revisi SKP {year} ditolak; SKP yang disetujui tetap berlaku",
    ),
}


def _notify_transition(skp: Skp, action: SkpAction, reason: str) -> None:
    """Tell the assessor (submission, revision request) or the owner (decisions) in the app and
    by e-mail; `notify` queues the e-mail when the transaction commits."""
    notice = _TRANSITION_NOTICES.get(action)
    if notice is None:
        return
    kind, who, title = notice
    employee_id = skp.assessor_id if who == "assessor" else skp.employee_id
    if employee_id is None:
        return
    from django.urls import reverse

    from kinerja.accounts.models import User
    from kinerja.communication.services import notify

    body = f"SKP tahun {skp.year} {skp.employee_name} ({skp.position_name})."
    if reason:
        body += f" Catatan: {reason}"
    notify(
        recipients=User.objects.filter(employee_id=employee_id, is_active=True),
        kind=kind,
        title=title.format(name=skp.employee_name, year=skp.year),
        body=body,
        url=reverse("planning:skp_detail", args=[skp.pk]),
        dedupe_key=f"skp:{skp.pk}:v{skp.version}:{action.value}",
    )


def _locked(skp: Skp) -> Skp:
    return (
        Skp.objects.select_for_update(of=("self",))
        .select_related("employee", "unit")
        .get(pk=skp.pk)
    )


@transaction.atomic
def submit_skp(*, actor: Any, skp: Skp, expected_version: int | None = None) -> Skp:
    """Submit to the assessor; refused while the link rule or indicator rule has problems."""
    skp = _locked(skp)
    role = ActorRole.OWNER if permissions.is_owner(actor, skp) else None
    if role is not None and SkpStatus(skp.status) in {SkpStatus.DRAFT, SkpStatus.RETURNED}:
        rows = rhk_rows(
            Skp.objects.prefetch_related("rhks__indicators", "rhks__parent__skp").get(pk=skp.pk)
        )
        problems = submission_problems(rows, form_type=FormType(skp.form_type))
        if problems:
            raise TransitionError("SKP belum dapat diajukan: " + " ".join(problems))
    return _apply(
        actor=actor, skp=skp, action=SkpAction.SUBMIT, role=role, expected_version=expected_version
    )


@transaction.atomic
def withdraw_skp(*, actor: Any, skp: Skp) -> Skp:
    skp = _locked(skp)
    role = ActorRole.OWNER if permissions.is_owner(actor, skp) else None
    return _apply(actor=actor, skp=skp, action=SkpAction.WITHDRAW, role=role)


def _assessor_role(actor: Any, skp: Skp) -> ActorRole | None:
    return ActorRole.ASSESSOR if permissions.is_assessor_of(actor, skp) else None


@transaction.atomic
def return_skp(*, actor: Any, skp: Skp, note: str) -> Skp:
    """The assessor sends the SKP back with a note saying what to fix."""
    skp = _locked(skp)
    return _apply(
        actor=actor, skp=skp, action=SkpAction.RETURN, role=_assessor_role(actor, skp), reason=note
    )


@transaction.atomic
def approve_skp(*, actor: Any, skp: Skp, expected_version: int | None = None) -> Skp:
    """The assessor of record (or the Plt/Plh acting in that post) sets the SKP."""
    skp = _locked(skp)
    return _apply(
        actor=actor,
        skp=skp,
        action=SkpAction.APPROVE,
        role=_assessor_role(actor, skp),
        expected_version=expected_version,
    )


@transaction.atomic
def request_revision(*, actor: Any, skp: Skp, reason: str) -> Skp:
    """The owner asks to change an approved SKP, saying why."""
    skp = _locked(skp)
    role = ActorRole.OWNER if permissions.is_owner(actor, skp) else None
    return _apply(actor=actor, skp=skp, action=SkpAction.REQUEST_REVISION, role=role, reason=reason)


@transaction.atomic
def approve_revision(*, actor: Any, skp: Skp, note: str = "") -> Skp:
    """The assessor agrees: the SKP opens again as a draft to be resubmitted."""
    skp = _locked(skp)
    return _apply(
        actor=actor,
        skp=skp,
        action=SkpAction.APPROVE_REVISION,
        role=_assessor_role(actor, skp),
        reason=note,
    )


@transaction.atomic
def reject_revision(*, actor: Any, skp: Skp, note: str) -> Skp:
    """The assessor refuses: the approved SKP stays as it was."""
    skp = _locked(skp)
    return _apply(
        actor=actor,
        skp=skp,
        action=SkpAction.REJECT_REVISION,
        role=_assessor_role(actor, skp),
        reason=note,
    )


def approve_many(*, actor: Any, skps: Sequence[Skp]) -> int:
    """Bulk approval from the review queue: each SKP in its own transaction; returns how many.

    An SKP that changed meanwhile (withdrawn, or approved in another tab) is skipped, not fatal.
    """
    done = 0
    for skp in skps:
        try:
            approve_skp(actor=actor, skp=skp)
        except (TransitionError, StaleObjectError):
            continue
        done += 1
    return done
