"""Continuous feedback and performance dialogues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.communication.services import notify
from kinerja.core import clock
from kinerja.organisations.models import Employee
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.domain.behaviour import BERAKHLAK
from kinerja.planning.models import Rhk, Skp

from ..models import ActionStatus, Dialogue, DialogueAction, Feedback, Period
from ._common import actor_name, agency_id, require_assessor

VALUE_CODES = {v.code for v in BERAKHLAK}


@transaction.atomic
def give_feedback(
    *,
    actor: Any,
    skp: Skp,
    text: str,
    rhk: Rhk | None = None,
    value_code: str = "",
    period: Period | None = None,
) -> Feedback:
    """The assessor's umpan balik on an RHK or a BerAKHLAK value, at any time."""
    require_assessor(actor, skp)
    if not text.strip():
        raise ValidationError({"text": "Umpan balik tidak boleh kosong."})
    if rhk is not None and rhk.skp_id != skp.pk:
        raise ValidationError({"rhk": "RHK tidak termasuk SKP ini."})
    if value_code and value_code not in VALUE_CODES:
        raise ValidationError({"value_code": "Nilai BerAKHLAK tidak dikenal."})
    if rhk is None and not value_code:
        raise ValidationError({"rhk": "Pilih RHK atau nilai BerAKHLAK yang diberi umpan balik."})
    feedback = Feedback.objects.create(
        skp=skp,
        rhk=rhk,
        value_code=value_code,
        period=period,
        author=actor,
        author_name=actor_name(actor),
        text=text.strip(),
    )
    record(
        actor=actor,
        action="evaluation.feedback_given",
        obj=feedback,
        agency_id=agency_id(skp),
        after={"rhk_id": rhk.pk if rhk else None, "value": value_code},
    )
    _notify_employee(skp, feedback)
    return feedback


def _notify_employee(skp: Skp, feedback: Feedback) -> None:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    about = feedback.rhk.text if feedback.rhk else feedback.get_value_code_display()
    notify(
        recipients=get_user_model().objects.filter(employee_id=skp.employee_id),
        kind="feedback_received",
        title="Umpan balik dari pejabat penilai",
        body=f"{feedback.author_name} memberi umpan balik tentang {about[:120]}.",
        url=reverse("evaluation:feedback_history", args=[skp.pk]),
    )


@dataclass(frozen=True)
class NewAction:
    text: str
    owner: Employee
    due_date: dt.date | None = None


@transaction.atomic
def record_dialogue(
    *,
    actor: Any,
    skp: Skp,
    date: dt.date,
    notes: str,
    actions: Sequence[NewAction] = (),
) -> Dialogue:
    """Write down a dialog kinerja; the open actions of the previous one are carried into it."""
    if not (
        planning_permissions.is_owner(actor, skp) or planning_permissions.is_assessor_of(actor, skp)
    ):
        raise PermissionDenied("Hanya pegawai dan pejabat penilainya yang mencatat dialog kinerja.")
    if not notes.strip():
        raise ValidationError({"notes": "Catatan dialog wajib diisi."})
    if date > clock.today():
        raise ValidationError({"date": "Tanggal dialog tidak boleh setelah hari ini."})
    if date.year != skp.year:
        raise ValidationError({"date": f"Tanggal dialog harus dalam tahun SKP ({skp.year})."})
    allowed_owners = {skp.employee_id, skp.assessor_id}
    for item in actions:
        if not item.text.strip():
            raise ValidationError({"actions": "Uraian tindak lanjut tidak boleh kosong."})
        if item.owner.pk not in allowed_owners:
            raise ValidationError(
                {"actions": "Penanggung jawab harus pegawai atau pejabat penilainya."}
            )
        if item.due_date is not None and item.due_date < date:
            raise ValidationError(
                {"actions": "Tenggat tindak lanjut tidak boleh sebelum tanggal dialog."}
            )
    previous = Dialogue.objects.filter(skp=skp).order_by("-date", "-id").first()
    dialogue = Dialogue.objects.create(skp=skp, date=date, notes=notes.strip(), created_by=actor)
    carried = []
    if previous is not None:
        open_actions = list(
            DialogueAction.objects.select_for_update().filter(
                dialogue=previous, status=ActionStatus.OPEN
            )
        )
        for old in open_actions:
            carried.append(
                DialogueAction(
                    dialogue=dialogue,
                    text=old.text,
                    owner_id=old.owner_id,
                    due_date=old.due_date,
                    carried_from=old,
                )
            )
        DialogueAction.objects.filter(pk__in=[a.pk for a in open_actions]).update(
            status=ActionStatus.CARRIED
        )
    DialogueAction.objects.bulk_create(
        carried
        + [
            DialogueAction(
                dialogue=dialogue, text=a.text.strip(), owner=a.owner, due_date=a.due_date
            )
            for a in actions
        ]
    )
    record(
        actor=actor,
        action="evaluation.dialogue_recorded",
        obj=dialogue,
        agency_id=agency_id(skp),
        after={"date": date, "actions": len(actions), "carried": len(carried)},
    )
    return dialogue


@transaction.atomic
def complete_action(*, actor: Any, action: DialogueAction) -> DialogueAction:
    """Mark an agreed action done (the employee or the assessor)."""
    action = (
        DialogueAction.objects.select_for_update(of=("self",))
        .select_related("dialogue__skp__unit", "dialogue__skp__employee")
        .get(pk=action.pk)
    )
    skp = action.dialogue.skp
    if not (
        planning_permissions.is_owner(actor, skp) or planning_permissions.is_assessor_of(actor, skp)
    ):
        raise PermissionDenied(
            "Hanya pegawai dan pejabat penilainya yang dapat mengubah tindak lanjut."
        )
    if action.status != ActionStatus.OPEN:
        raise ValidationError({"status": "Tindak lanjut ini tidak lagi terbuka."})
    action.status = ActionStatus.DONE
    action.closed_at, action.closed_by = clock.now(), actor
    action.save(update_fields=["status", "closed_at", "closed_by"])
    record(
        actor=actor,
        action="evaluation.dialogue_action_done",
        obj=action,
        agency_id=agency_id(skp),
    )
    return action
