"""Keberatan (PP 30/2019 art. 59): filed by the employee, decided by the atasan pejabat penilai."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse

from kinerja.audit.services import record
from kinerja.communication.services import notify
from kinerja.core import clock
from kinerja.core.concurrency import save_if_current
from kinerja.core.uploads import EVIDENCE_TYPES, check_upload
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.models import Skp

from ..domain import APPEAL_DAYS, Rating, appeal_closed_message, can_file_appeal, predicate_for
from ..errors import StateError
from ..models import (
    Appeal,
    AppealDecision,
    AppealStatus,
    Evaluation,
    EvaluationSchedule,
    Evidence,
    EvidenceKind,
)
from ._common import actor_name, agency_id, require_owner


def appeal_days_for(year: int) -> int:
    days = EvaluationSchedule.objects.filter(year=year).values_list("appeal_days", flat=True)
    return days.first() or APPEAL_DAYS


def is_superior_of(user: Any, skp: Skp) -> bool:
    """The atasan pejabat penilai named in the SKP's snapshot."""
    employee_id = getattr(user, "employee_id", None)
    return bool(employee_id) and employee_id == skp.superior_id


def _tell(appeal: Appeal, employee_ids, *, kind: str, title: str, body: str) -> None:
    notify(
        recipients=get_user_model().objects.filter(
            employee_id__in=[e for e in employee_ids if e], is_active=True
        ),
        kind=kind,
        title=title,
        body=body,
        url=reverse("evaluation:appeal", args=[appeal.pk]),
    )


def _locked(appeal: Appeal) -> Appeal:
    return (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("evaluation__skp__unit", "evaluation__period")
        .get(pk=appeal.pk)
    )


def _require_superior(actor: Any, appeal: Appeal) -> None:
    if not is_superior_of(actor, appeal.evaluation.skp):
        raise PermissionDenied("Keberatan hanya diputus oleh atasan pejabat penilai.")


@transaction.atomic
def file_appeal(
    *,
    actor: Any,
    evaluation: Evaluation,
    reasons: str,
    files: Sequence[UploadedFile] = (),
) -> Appeal:
    """The employee objects in writing within the window (default 14 days after receipt)."""
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("skp__unit", "period")
        .get(pk=evaluation.pk)
    )
    skp = evaluation.skp
    require_owner(actor, skp)
    if evaluation.is_final:
        raise StateError("Hasil penilaian ini sudah final; keberatan tidak dapat diajukan lagi.")
    if evaluation.appeals.exclude(status=AppealStatus.DECIDED).exists():
        raise StateError("Keberatan atas hasil penilaian ini sedang diproses.")
    days = appeal_days_for(evaluation.period.year)
    received = evaluation.received_on
    if not can_file_appeal(received, clock.today(), days):
        raise StateError(appeal_closed_message(received, days))
    if not reasons.strip():
        raise ValidationError({"reasons": "Tuliskan alasan keberatan."})
    checked = [check_upload(f, allowed=EVIDENCE_TYPES) for f in files]
    appeal = Appeal.objects.create(
        evaluation=evaluation, filed_by=actor, filed_at=clock.now(), reasons=reasons.strip()
    )
    for item in checked:
        evidence = Evidence(
            skp=skp,
            period=evaluation.period,
            appeal=appeal,
            kind=EvidenceKind.FILE,
            original_name=(item.file.name or "")[:255],
            safe_name=item.safe_name,
            mime_type=item.mime_type,
            size=item.size,
            sha256=item.sha256,
            uploaded_by=actor,
        )
        evidence.file.save(f"keberatan.{item.extension}", item.file, save=False)
        evidence.save()
    record(
        actor=actor,
        action="evaluation.appeal_filed",
        obj=appeal,
        agency_id=agency_id(skp),
        after={"evaluation_id": evaluation.pk, "files": len(checked)},
        reason=reasons.strip(),
    )
    _tell(
        appeal,
        [skp.superior_id],
        kind="appeal_filed",
        title="Keberatan atas hasil penilaian kinerja",
        body=f"{skp.employee_name} mengajukan keberatan atas hasil penilaian {evaluation.period}.",
    )
    return appeal


@transaction.atomic
def request_explanations(*, actor: Any, appeal: Appeal) -> Appeal:
    """The atasan asks the assessor and the employee for their explanations."""
    appeal = _locked(appeal)
    _require_superior(actor, appeal)
    if appeal.status != AppealStatus.FILED:
        raise StateError("Penjelasan sudah diminta atau keberatan sudah diputus.")
    appeal.status = AppealStatus.EXPLANATIONS_REQUESTED
    appeal.save(update_fields=["status"])
    record(
        actor=actor,
        action="evaluation.appeal_explanations_requested",
        obj=appeal,
        agency_id=agency_id(appeal.evaluation.skp),
    )
    skp = appeal.evaluation.skp
    _tell(
        appeal,
        [skp.employee_id, skp.assessor_id],
        kind="appeal_filed",
        title="Penjelasan atas keberatan diminta",
        body=f"Atasan pejabat penilai meminta penjelasan atas keberatan {skp.employee_name}.",
    )
    return appeal


@transaction.atomic
def give_explanation(*, actor: Any, appeal: Appeal, text: str) -> Appeal:
    """The assessor or the employee answers the atasan's request."""
    appeal = _locked(appeal)
    skp = appeal.evaluation.skp
    if appeal.status != AppealStatus.EXPLANATIONS_REQUESTED:
        raise StateError(
            "Atasan pejabat penilai belum meminta penjelasan, atau keberatan sudah diputus."
        )
    if not text.strip():
        raise ValidationError({"text": "Penjelasan tidak boleh kosong."})
    if planning_permissions.is_owner(actor, skp):
        appeal.employee_explanation = text.strip()
        field = "employee_explanation"
    elif planning_permissions.is_assessor_of(actor, skp):
        appeal.assessor_explanation = text.strip()
        field = "assessor_explanation"
    else:
        raise PermissionDenied("Penjelasan diberikan oleh pejabat penilai atau pegawai.")
    appeal.save(update_fields=[field])
    record(actor=actor, action="evaluation.appeal_explained", obj=appeal, agency_id=agency_id(skp))
    return appeal


@transaction.atomic
def decide_appeal(
    *,
    actor: Any,
    appeal: Appeal,
    decision: str,
    note: str,
    work_rating: str = "",
    behaviour_rating: str = "",
) -> Appeal:
    """The atasan upholds or changes the result; the decision is final and written back."""
    appeal = _locked(appeal)
    _require_superior(actor, appeal)
    if appeal.status == AppealStatus.DECIDED:
        raise StateError("Keberatan sudah diputus; keputusan bersifat final.")
    if appeal.status != AppealStatus.EXPLANATIONS_REQUESTED:
        raise StateError("Mintalah penjelasan pejabat penilai dan pegawai sebelum memutus.")
    try:
        choice = AppealDecision(decision)
    except ValueError as exc:
        raise ValidationError({"decision": "Pilih keputusan: menguatkan atau mengubah."}) from exc
    if not note.strip():
        raise ValidationError({"note": "Tuliskan pertimbangan keputusan."})
    evaluation = Evaluation.objects.select_for_update().get(pk=appeal.evaluation_id)
    appeal.old_work_rating = evaluation.work_rating
    appeal.old_behaviour_rating = evaluation.behaviour_rating
    appeal.old_predicate = evaluation.predicate
    fields = ["is_final", "updated_at"]
    if choice is AppealDecision.CHANGE:
        errors = {}
        try:
            work = Rating(work_rating)
        except ValueError:
            errors["work_rating"] = "Pilih rating hasil kerja baru."
        try:
            behaviour = Rating(behaviour_rating)
        except ValueError:
            errors["behaviour_rating"] = "Pilih rating perilaku kerja baru."
        if errors:
            raise ValidationError(errors)
        predicate = predicate_for(work, behaviour)
        evaluation.work_rating, evaluation.behaviour_rating = work.value, behaviour.value
        evaluation.predicate = predicate.value
        appeal.new_work_rating, appeal.new_behaviour_rating = work.value, behaviour.value
        appeal.new_predicate = predicate.value
        fields += ["work_rating", "behaviour_rating", "predicate"]
    evaluation.is_final, evaluation.updated_at = True, clock.now()
    save_if_current(evaluation, expected_version=evaluation.version, fields=fields)
    appeal.status, appeal.decision, appeal.decision_note = (
        AppealStatus.DECIDED,
        choice.value,
        note.strip(),
    )
    appeal.decided_by, appeal.decided_by_name, appeal.decided_at = (
        actor,
        actor_name(actor),
        clock.now(),
    )
    appeal.save()
    record(
        actor=actor,
        action="evaluation.appeal_decided",
        obj=appeal,
        agency_id=agency_id(appeal.evaluation.skp),
        before={"predicate": appeal.old_predicate},
        after={"decision": choice.value, "predicate": evaluation.predicate},
        reason=note.strip(),
    )
    skp = appeal.evaluation.skp
    _tell(
        appeal,
        [skp.employee_id, skp.assessor_id],
        kind="appeal_decided",
        title="Keberatan telah diputus",
        body=f"Keputusan atas keberatan {skp.employee_name}: {choice.label}.",
    )
    return appeal
