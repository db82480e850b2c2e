"""Indicators with their targets, lampiran lines, and the assessor's behaviour expectations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record

from .. import permissions
from ..domain.forms import Aspect, AttachmentKind, FormType
from ..models import BehaviourExpectation, Indicator, Rhk, Skp, SkpAttachment
from ._common import _agency_id, _delete_content, _editable, _touch


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
