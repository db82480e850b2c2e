"""RHK content of a draft or returned SKP: add, change, delete, with the cascade links checked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record

from ..domain.forms import CascadingMode, FormType, Perspective, RhkGroup
from ..models import AgreementTarget, Rhk, Skp
from ._common import _agency_id, _delete_content, _editable, _touch


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
    from ..selectors import agreement_target_options

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
