"""SKP use cases. Each checks permission, applies the domain rule, saves, and audits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError, save_if_current
from kinerja.organisations.models import Assignment, Employee
from kinerja.organisations.selectors import assessor_line

from . import permissions
from .domain.forms import (
    Approach,
    Aspect,
    AttachmentKind,
    CascadingMode,
    FormType,
    Perspective,
    RhkGroup,
    form_type_for,
)
from .domain.rules import submission_problems
from .domain.snapshot import skp_content
from .domain.workflow import ActorRole, SkpAction, SkpStatus, TransitionError, transition
from .models import (
    AgreementTarget,
    BehaviourExpectation,
    Indicator,
    Rhk,
    Skp,
    SkpAttachment,
    SkpVersion,
)
from .selectors import rhk_rows

__all__ = ["StaleObjectError", "TransitionError"]


def _employee_id(actor: Any) -> int | None:
    return getattr(actor, "employee_id", None)


def _agency_id(skp: Skp) -> int | None:
    unit = skp.unit
    return (unit.agency_id or unit.pk) if unit is not None else None


def _assessor_post(employee: Employee, assessor: Employee, on_date: dt.date) -> int | None:
    """The head position (on the employee's chain) through which `assessor` assesses."""
    if employee.unit is None:
        return None
    chain = employee.unit.ancestor_ids()
    held = {
        a.position.unit_id: a.position_id
        for a in Assignment.objects.on(on_date)
        .filter(employee=assessor, position__is_head=True, position__unit_id__in=chain)
        .select_related("position")
    }
    for unit_id in reversed(chain):
        if unit_id in held:
            return held[unit_id]
    return None


def skp_snapshot(skp: Skp) -> dict[str, Any]:
    """The whole content of an SKP as plain data (for versions and the document hash)."""
    rhks = (
        Rhk.objects.filter(skp=skp).prefetch_related("indicators").order_by("-group", "order", "id")
    )
    return skp_content(
        skp,
        rhks=[(r, r.indicators.all()) for r in rhks],
        expectations={e.value_code: e.text for e in BehaviourExpectation.objects.filter(skp=skp)},
        attachments=SkpAttachment.objects.filter(skp=skp).values_list("kind", "text"),
    )


def _touch(skp: Skp, expected_version: int | None, extra_fields: Sequence[str] = ()) -> None:
    """Bump the SKP's version if it is still the one the editor saw; else StaleObjectError."""
    skp.updated_at = clock.now()
    save_if_current(
        skp,
        expected_version=skp.version if expected_version is None else expected_version,
        fields=["updated_at", *extra_fields],
    )


def _editable(actor: Any, skp_id: int) -> Skp:
    """Reload (and lock) the SKP so the status check never trusts a stale cached object."""
    skp = Skp.objects.select_for_update(of=("self",)).select_related("unit").get(pk=skp_id)
    _require_editable(actor, skp)
    return skp


def _require_editable(actor: Any, skp: Skp) -> None:
    if not permissions.is_owner(actor, skp):
        raise PermissionDenied("Hanya pemilik SKP yang dapat mengubah isinya.")
    if not permissions.can_edit_skp(actor, skp):
        raise TransitionError(
            f"SKP berstatus '{skp.get_status_display()}' tidak dapat diubah; "
            "ajukan permintaan revisi bila SKP sudah disetujui."
        )


# --- creation -----------------------------------------------------------------------------


@transaction.atomic
def create_skp(
    *,
    actor: Any,
    employee: Employee,
    year: int,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    approach: str = Approach.QUANTITATIVE,
) -> Skp:
    """Open an SKP for the employee's current position, copying the position, unit and assessor
    line as they are today. An open SKP of the same year is closed first (position change)."""
    if actor is not None and not permissions.can_create_skp_for(actor, employee):
        raise PermissionDenied("Anda tidak berwenang membuat SKP untuk pegawai ini.")
    period_start = period_start or dt.date(year, 1, 1)
    period_end = period_end or dt.date(year, 12, 31)
    if period_start.year != year or period_end.year != year or period_end < period_start:
        raise ValidationError({"period_start": "Periode SKP harus berada di dalam tahun SKP."})
    employee = Employee.objects.select_related("unit", "unit__agency", "position").get(
        pk=employee.pk
    )
    previous = Skp.objects.select_for_update().open().filter(employee=employee, year=year).first()
    if previous is not None:
        if previous.period_start >= period_start:
            raise ValidationError(
                {
                    "period_start": "Sudah ada SKP terbuka untuk tahun ini yang dimulai pada atau "
                    "setelah tanggal tersebut."
                }
            )
        previous.is_closed = True
        previous.period_end = period_start - dt.timedelta(days=1)
        _touch(previous, None, ["is_closed", "period_end"])
        record(
            actor=actor,
            action="planning.skp_closed",
            obj=previous,
            agency_id=_agency_id(previous),
            reason="Pegawai berpindah jabatan; SKP baru dibuka.",
        )
    line = assessor_line(employee, min(clock.today(), period_end))
    assessor, superior = line.assessor, line.superior
    position, unit = employee.position, employee.unit
    skp = Skp.objects.create(
        employee=employee,
        year=year,
        period_start=period_start,
        period_end=period_end,
        approach=Approach(approach).value,
        form_type=form_type_for(position.kind if position else None).value,
        position=position,
        position_name=position.name if position else "",
        position_kind=position.kind if position else "",
        unit=unit,
        unit_name=unit.name if unit else "",
        agency_name=(unit.agency.name if unit and unit.agency else (unit.name if unit else "")),
        employee_name=employee.full_name,
        employee_rank=employee.rank,
        assessor=assessor,
        assessor_post_id=_assessor_post(employee, assessor, line.on_date) if assessor else None,
        assessor_name=assessor.full_name if assessor else "",
        assessor_nip=assessor.nip if assessor else "",
        assessor_rank=assessor.rank if assessor else "",
        assessor_position=(
            (
                (
                    "Plt. "
                    if line.assessor_acting == "plt"
                    else "Plh. "
                    if line.assessor_acting == "plh"
                    else ""
                )
                + (assessor.position.name if assessor.position else "")
            )
            if assessor
            else ""
        ),
        assessor_unit=assessor.unit.name if assessor and assessor.unit else "",
        superior=superior,
        superior_name=superior.full_name if superior else "",
        superior_nip=superior.nip if superior else "",
        superior_position=superior.position.name if superior and superior.position else "",
    )
    record(
        actor=actor,
        action="planning.skp_created",
        obj=skp,
        agency_id=_agency_id(skp),
        after={"year": year, "assessor_id": skp.assessor_id, "form_type": skp.form_type},
    )
    return skp


# --- content edits (owner, draft/returned, optimistic lock on the SKP version) -------------


def _delete_content(
    actor: Any, obj: Any, *, skp_id: int, expected_version: int, action: str, before: dict
) -> None:
    """Delete one row of the SKP's content: editable check, version bump, audit, delete."""
    skp = _editable(actor, skp_id)
    _touch(skp, expected_version)
    record(actor=actor, action=action, obj=obj, agency_id=_agency_id(skp), before=before)
    obj.delete()


def _choice(enum: type, value: str, field: str, message: str) -> str:
    try:
        return enum(value).value
    except ValueError as exc:
        raise ValidationError({field: message}) from exc


PARENT_CHOICE_MESSAGE = (
    "RHK yang diintervensi harus dari SKP pejabat penilai tahun yang sama yang masih berlaku."
)
AGREEMENT_CHOICE_MESSAGE = (
    "Indikator Perjanjian Kinerja harus milik perangkat daerah Anda untuk tahun yang sama."
)


def _check_rhk_links(
    skp: Skp, parent: Rhk | None, agreement_target: AgreementTarget | None
) -> None:
    """Links every caller must respect (the SKP page offers only these choices).

    The superior RHK may still be in the assessor's draft: an employee drafts before the
    assessor's SKP is approved, and only submission needs the approved superior RHK.
    """
    from .selectors import agreement_target_options

    if parent is not None:
        if skp.form_type == FormType.JPT:
            raise ValidationError({"parent": "RHK JPT dikaitkan dengan Perjanjian Kinerja."})
        parent_skp = parent.skp
        if (
            skp.assessor_id is None
            or parent_skp.employee_id != skp.assessor_id
            or parent_skp.year != skp.year
            or parent_skp.is_closed
        ):
            raise ValidationError({"parent": PARENT_CHOICE_MESSAGE})
    if agreement_target is not None:
        if skp.form_type != FormType.JPT:
            raise ValidationError(
                {
                    "agreement_target": "Hanya RHK JPT yang dikaitkan langsung dengan "
                    "Perjanjian Kinerja."
                }
            )
        if not agreement_target_options(skp).filter(pk=agreement_target.pk).exists():
            raise ValidationError({"agreement_target": AGREEMENT_CHOICE_MESSAGE})


def _clean_rhk(
    skp: Skp,
    *,
    group: str,
    text: str,
    parent: Rhk | None,
    agreement_target: AgreementTarget | None,
    cascading: str,
    perspective: str,
) -> dict[str, Any]:
    """Check an RHK's content and links; return the normalised field values.

    The one rule for every caller (the SKP page, the API): add and update alike.
    """
    if not (text or "").strip():
        raise ValidationError({"text": "Rencana hasil kerja wajib diisi."})
    group = _choice(RhkGroup, group, "group", "Kelompok RHK harus 'utama' atau 'tambahan'.")
    _check_rhk_links(skp, parent, agreement_target)
    if skp.form_type == FormType.JPT:
        cascading = ""  # the JPT form has no cascading column
        perspective = (
            _choice(Perspective, perspective, "perspective", "Perspektif tidak dikenal.")
            if perspective
            else ""
        )
    else:
        perspective = ""  # the perspective is a column of the JPT form only
        cascading = (
            _choice(
                CascadingMode,
                cascading,
                "cascading",
                "Jenis cascading harus 'direct' (langsung) atau 'indirect' (tidak langsung).",
            )
            if cascading
            else ""
        )
        if cascading and parent is None:
            raise ValidationError(
                {"cascading": "Jenis cascading hanya diisi bila RHK atasan dipilih."}
            )
    return {
        "group": group,
        "text": text.strip(),
        "parent": parent,
        "agreement_target": agreement_target,
        "cascading": cascading,
        "perspective": perspective,
    }


@transaction.atomic
def add_rhk(
    *,
    actor: Any,
    skp: Skp,
    expected_version: int,
    group: str,
    text: str,
    parent: Rhk | None = None,
    agreement_target: AgreementTarget | None = None,
    cascading: str = "",
    perspective: str = "",
) -> Rhk:
    """Add an RHK to the owner's editable SKP."""
    skp = _editable(actor, skp.pk)
    fields = _clean_rhk(
        skp,
        group=group,
        text=text,
        parent=parent,
        agreement_target=agreement_target,
        cascading=cascading,
        perspective=perspective,
    )
    _touch(skp, expected_version)
    rhk = Rhk.objects.create(skp=skp, order=Rhk.objects.filter(skp=skp).count() + 1, **fields)
    record(
        actor=actor,
        action="planning.rhk_added",
        obj=rhk,
        agency_id=_agency_id(skp),
        after={"skp_id": skp.pk, "text": rhk.text, "parent_id": rhk.parent_id},
    )
    return rhk


@transaction.atomic
def update_rhk(
    *,
    actor: Any,
    rhk: Rhk,
    expected_version: int,
    group: str,
    text: str,
    parent: Rhk | None = None,
    agreement_target: AgreementTarget | None = None,
    cascading: str = "",
    perspective: str = "",
) -> Rhk:
    """Change an RHK; refused with StaleObjectError if the SKP changed since the form opened."""
    skp = _editable(actor, rhk.skp_id)
    fields = _clean_rhk(
        skp,
        group=group,
        text=text,
        parent=parent,
        agreement_target=agreement_target,
        cascading=cascading,
        perspective=perspective,
    )
    _touch(skp, expected_version)
    before = {"text": rhk.text, "parent_id": rhk.parent_id, "group": rhk.group}
    for name, value in fields.items():
        setattr(rhk, name, value)
    rhk.save()
    record(
        actor=actor,
        action="planning.rhk_updated",
        obj=rhk,
        agency_id=_agency_id(skp),
        before=before,
        after={"text": rhk.text, "parent_id": rhk.parent_id, "group": rhk.group},
    )
    return rhk


@transaction.atomic
def delete_rhk(*, actor: Any, rhk: Rhk, expected_version: int) -> None:
    """Remove an RHK with its indicators from the owner's editable SKP."""
    _delete_content(
        actor,
        rhk,
        skp_id=rhk.skp_id,
        expected_version=expected_version,
        action="planning.rhk_deleted",
        before={"skp_id": rhk.skp_id, "text": rhk.text},
    )


def _clean_indicator(
    skp: Skp,
    *,
    text: str,
    aspect: str,
    target_min: Decimal | None,
    target_max: Decimal | None,
    target_unit: str,
    target_text: str,
) -> dict[str, Any]:
    """Check an indicator and its target; return the normalised field values.

    A target is a number (optionally a range up to `target_max`) with its unit, or a qualitative
    text. The one rule for every caller (the SKP page, the API): add and update alike.
    """
    errors: dict[str, str] = {}
    text = (text or "").strip()
    target_unit = (target_unit or "").strip()
    target_text = (target_text or "").strip()
    if not text:
        errors["text"] = "Indikator wajib diisi."
    if skp.form_type == FormType.JPT:
        aspect = ""  # the JPT form has no aspect column
    elif aspect:
        try:
            aspect = Aspect(aspect).value
        except ValueError:
            errors["aspect"] = "Aspek harus kuantitas, kualitas, waktu atau biaya."
    if target_min is None and not target_text:
        errors["target_min"] = "Isi target berupa angka atau target kualitatif."
    if target_max is not None and target_min is None:
        errors["target_min"] = "Isi target minimal untuk target berupa rentang."
    elif target_min is not None and target_max is not None and target_max < target_min:
        errors["target_max"] = "Target maksimal tidak boleh di bawah target minimal."
    if target_min is not None and not target_unit:
        errors["target_unit"] = "Isi satuan untuk target berupa angka."
    if len(target_unit) > 60:
        errors["target_unit"] = "Satuan paling banyak 60 karakter."
    if errors:
        raise ValidationError(errors)
    return {
        "text": text,
        "aspect": aspect,
        "target_min": target_min,
        "target_max": target_max if target_max != target_min else None,
        "target_unit": target_unit,
        "target_text": target_text,
    }


@transaction.atomic
def add_indicator(
    *,
    actor: Any,
    rhk: Rhk,
    expected_version: int,
    text: str,
    aspect: str = "",
    target_min: Decimal | None = None,
    target_max: Decimal | None = None,
    target_unit: str = "",
    target_text: str = "",
) -> Indicator:
    """Add an indikator kinerja individu with its target to an RHK."""
    skp = _editable(actor, rhk.skp_id)
    fields = _clean_indicator(
        skp,
        text=text,
        aspect=aspect,
        target_min=target_min,
        target_max=target_max,
        target_unit=target_unit,
        target_text=target_text,
    )
    _touch(skp, expected_version)
    indicator = Indicator.objects.create(
        rhk=rhk, order=Indicator.objects.filter(rhk=rhk).count() + 1, **fields
    )
    record(
        actor=actor,
        action="planning.indicator_added",
        obj=indicator,
        agency_id=_agency_id(skp),
        after={"rhk_id": rhk.pk, "text": indicator.text},
    )
    return indicator


@transaction.atomic
def update_indicator(
    *,
    actor: Any,
    indicator: Indicator,
    expected_version: int,
    text: str,
    aspect: str = "",
    target_min: Decimal | None = None,
    target_max: Decimal | None = None,
    target_unit: str = "",
    target_text: str = "",
) -> Indicator:
    skp = _editable(actor, indicator.rhk.skp_id)
    fields = _clean_indicator(
        skp,
        text=text,
        aspect=aspect,
        target_min=target_min,
        target_max=target_max,
        target_unit=target_unit,
        target_text=target_text,
    )
    _touch(skp, expected_version)
    before = {"text": indicator.text, "target": indicator.target_display}
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.save()
    record(
        actor=actor,
        action="planning.indicator_updated",
        obj=indicator,
        agency_id=_agency_id(skp),
        before=before,
        after={"text": indicator.text, "target": indicator.target_display},
    )
    return indicator


@transaction.atomic
def delete_indicator(*, actor: Any, indicator: Indicator, expected_version: int) -> None:
    """Remove an indicator from an RHK of the owner's editable SKP."""
    _delete_content(
        actor,
        indicator,
        skp_id=indicator.rhk.skp_id,
        expected_version=expected_version,
        action="planning.indicator_deleted",
        before={"text": indicator.text},
    )


@transaction.atomic
def add_attachment(
    *, actor: Any, skp: Skp, expected_version: int, kind: str, text: str
) -> SkpAttachment:
    """Add a lampiran line (dukungan sumber daya, skema pertanggungjawaban, konsekuensi)."""
    skp = _editable(actor, skp.pk)
    if not text.strip():
        raise ValidationError({"text": "Uraian wajib diisi."})
    _touch(skp, expected_version)
    item = SkpAttachment.objects.create(
        skp=skp,
        kind=AttachmentKind(kind).value,
        text=text.strip(),
        order=SkpAttachment.objects.filter(skp=skp, kind=kind).count() + 1,
    )
    record(actor=actor, action="planning.attachment_added", obj=item, agency_id=_agency_id(skp))
    return item


@transaction.atomic
def delete_attachment(*, actor: Any, item: SkpAttachment, expected_version: int) -> None:
    """Remove a lampiran line from the owner's editable SKP."""
    _delete_content(
        actor,
        item,
        skp_id=item.skp_id,
        expected_version=expected_version,
        action="planning.attachment_deleted",
        before={"text": item.text},
    )


@transaction.atomic
def set_expectation(*, actor: Any, skp: Skp, value_code: str, text: str) -> None:
    """The assessor writes (or clears) the ekspektasi khusus pimpinan for one BerAKHLAK value."""
    if not permissions.can_set_expectations(actor, skp):
        raise PermissionDenied("Hanya pejabat penilai yang menulis ekspektasi khusus pimpinan.")
    text = text.strip()
    if text:
        BehaviourExpectation.objects.update_or_create(
            skp=skp, value_code=value_code, defaults={"text": text}
        )
    else:
        BehaviourExpectation.objects.filter(skp=skp, value_code=value_code).delete()
    _touch(skp, None)
    record(
        actor=actor,
        action="planning.expectation_set",
        obj=skp,
        agency_id=_agency_id(skp),
        after={"value": value_code, "text": text},
    )


# --- workflow -------------------------------------------------------------------------------


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


# --- matriks peran hasil ----------------------------------------------------------------------


@transaction.atomic
def distribute_rhk(
    *,
    actor: Any,
    rhk: Rhk,
    assignments: Sequence[tuple[Employee, str | None, str]],
) -> list[Rhk]:
    """Hand an RHK to subordinates: whole (direct, same text) or in parts (indirect, own text).

    Creates a draft SKP for a subordinate who has none for the year, and adds to it a Utama RHK
    linked to `rhk`. Only subordinates the actor assesses may receive work.
    """
    rhk = Rhk.objects.select_related("skp").get(pk=rhk.pk)
    if not permissions.can_distribute_rhk(actor, rhk):
        raise PermissionDenied("Hanya pemilik RHK yang dapat membaginya kepada bawahan.")
    created: list[Rhk] = []
    for employee, text, mode in assignments:
        mode = CascadingMode(mode)
        line = assessor_line(employee)
        if line.assessor is None or line.assessor.pk != rhk.skp.employee_id:
            raise ValidationError(
                {"assignments": f"{employee.full_name} bukan pegawai yang Anda nilai."}
            )
        own_text = (text or "").strip() or (rhk.text if mode == CascadingMode.DIRECT else "")
        if not own_text:
            raise ValidationError(
                {"assignments": f"Tuliskan bagian RHK untuk {employee.full_name} (tidak langsung)."}
            )
        target = (
            Skp.objects.select_for_update()
            .open()
            .filter(employee=employee, year=rhk.skp.year)
            .first()
        )
        if target is None:
            target = create_skp(actor=None, employee=employee, year=rhk.skp.year)
            record(
                actor=actor,
                action="planning.skp_created_by_distribution",
                obj=target,
                agency_id=_agency_id(target),
            )
        if SkpStatus(target.status) not in {SkpStatus.DRAFT, SkpStatus.RETURNED}:
            raise ValidationError(
                {
                    "assignments": f"SKP {employee.full_name} sedang "
                    f"'{target.get_status_display()}' dan tidak dapat ditambah RHK."
                }
            )
        _touch(target, None)
        child = Rhk.objects.create(
            skp=target,
            group=RhkGroup.UTAMA.value,
            text=own_text,
            parent=rhk,
            cascading=mode.value,
            order=Rhk.objects.filter(skp=target).count() + 1,
        )
        record(
            actor=actor,
            action="planning.rhk_distributed",
            obj=child,
            agency_id=_agency_id(target),
            after={"parent_id": rhk.pk, "employee_id": employee.pk, "mode": mode.value},
        )
        created.append(child)
        _notify_distribution(child, target, rhk, actor)
    return created


def _notify_distribution(child: Rhk, target: Skp, parent: Rhk, actor: Any) -> None:
    """Tell the subordinate that an RHK was placed in their SKP draft (in the app and e-mail)."""
    from django.urls import reverse

    from kinerja.accounts.models import User
    from kinerja.communication.services import notify

    mode = "utuh (langsung)" if child.cascading == CascadingMode.DIRECT else "sebagian"
    notify(
        recipients=User.objects.filter(employee_id=target.employee_id, is_active=True),
        kind="rhk_distributed",
        title=f"RHK baru dari {parent.skp.employee_name} pada SKP {target.year} Anda",
        body=f'{parent.skp.employee_name} membagikan RHK "{parent.text[:200]}" secara {mode}: '
        f'"{child.text[:200]}". Lengkapi indikator dan targetnya, lalu ajukan SKP.',
        url=reverse("planning:skp_detail", args=[target.pk]),
        dedupe_key=f"rhk:{child.pk}:distributed",
    )
