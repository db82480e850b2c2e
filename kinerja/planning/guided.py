"""Guided writing: example RHKs per position, and copying last year's SKP into a draft."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record

from .models import Indicator, Rhk, RhkExample, Skp
from .services._common import _agency_id, _editable, _touch


def examples_for(skp: Skp) -> list[RhkExample]:
    """Examples whose pattern matches the SKP's position name or kind (one query)."""
    return [
        example
        for example in RhkExample.objects.order_by("pattern", "order", "id")
        if example.matches(skp.position_name, skp.position_kind)
    ]


def previous_skp(skp: Skp) -> Skp | None:
    """The employee's latest SKP of an earlier year (the last part of that year)."""
    return (
        Skp.objects.filter(employee_id=skp.employee_id, year__lt=skp.year)
        .order_by("-year", "-period_start")
        .first()
    )


@transaction.atomic
def copy_from_previous_year(*, actor: Any, skp: Skp, expected_version: int) -> list[Rhk]:
    """Copy last year's RHKs and their indicators into this editable SKP.

    Links to last year's superior RHKs are not copied: they point into last year's cascade, so
    each copied Utama RHK has to be linked again to this year's superior RHK.
    """
    skp = _editable(actor, skp.pk)
    source = previous_skp(skp)
    if source is None:
        raise ValidationError("Tidak ada SKP tahun sebelumnya untuk disalin.")
    source_rhks = list(
        Rhk.objects.filter(skp=source).prefetch_related("indicators").order_by("-group", "order")
    )
    if not source_rhks:
        raise ValidationError("SKP tahun sebelumnya tidak berisi RHK.")
    _touch(skp, expected_version)
    start = Rhk.objects.filter(skp=skp).count()
    copies: list[Rhk] = []
    indicators: list[Indicator] = []
    for offset, old in enumerate(source_rhks, start=1):
        new = Rhk.objects.create(
            skp=skp,
            group=old.group,
            text=old.text,
            perspective=old.perspective if skp.is_jpt else "",
            order=start + offset,
        )
        copies.append(new)
        indicators += [
            Indicator(
                rhk=new,
                aspect=i.aspect,
                text=i.text,
                target_min=i.target_min,
                target_max=i.target_max,
                target_unit=i.target_unit,
                target_text=i.target_text,
                order=i.order,
            )
            for i in old.indicators.all()
        ]
    Indicator.objects.bulk_create(indicators)
    record(
        actor=actor,
        action="planning.skp_copied_from_previous",
        obj=skp,
        agency_id=_agency_id(skp),
        after={"source_skp_id": source.pk, "rhks": len(copies), "indicators": len(indicators)},
    )
    return copies
