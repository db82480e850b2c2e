"""Goals of the regent's RPJMD (sasaran daerah) for a year: kept by BKPSDM only.

Create and edit share one content rule (`_clean_goal`); edits and deletes are locked on the goal's
`version`, and a goal a Perjanjian Kinerja target still supports cannot be deleted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core.concurrency import StaleObjectError, save_if_current
from kinerja.organisations.access import access_for

from ..models import OrgGoal


def can_manage_goals(actor: Any) -> bool:
    return access_for(actor).manages_all


def _clean_goal(
    *,
    year: int,
    text: str,
    code: str,
    indicator: str,
    target_value: Decimal | None,
    target_unit: str,
    exclude_pk: int | None = None,
) -> dict[str, Any]:
    """Check a goal (create and edit alike); return the normalised field values."""
    text, code = (text or "").strip(), (code or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Tujuan/sasaran wajib diisi."
    if code:
        clash = OrgGoal.objects.filter(year=year, code=code)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["code"] = f"Kode sasaran {code} sudah dipakai untuk tahun {year}."
    if target_value is not None and not (target_unit or "").strip():
        errors["target_unit"] = "Isi satuan untuk target."
    if errors:
        raise ValidationError(errors)
    return {
        "code": code,
        "text": text,
        "indicator": (indicator or "").strip(),
        "target_value": target_value,
        "target_unit": (target_unit or "").strip(),
    }


def _goal_data(goal: OrgGoal) -> dict[str, Any]:
    return {
        "code": goal.code,
        "text": goal.text,
        "indicator": goal.indicator,
        "target": f"{goal.target_value} {goal.target_unit}"
        if goal.target_value is not None
        else "",
    }


@transaction.atomic
def create_goal(
    *,
    actor: Any,
    year: int,
    text: str,
    code: str = "",
    indicator: str = "",
    target_value: Decimal | None = None,
    target_unit: str = "",
) -> OrgGoal:
    """Add a goal of the regent's RPJMD for a year (BKPSDM only)."""
    if actor is not None and not can_manage_goals(actor):
        raise PermissionDenied("Hanya admin BKPSDM yang dapat mengisi sasaran daerah.")
    fields = _clean_goal(
        year=year,
        text=text,
        code=code,
        indicator=indicator,
        target_value=target_value,
        target_unit=target_unit,
    )
    goal = OrgGoal.objects.create(
        year=year, order=OrgGoal.objects.filter(year=year).count() + 1, **fields
    )
    record(
        actor=actor,
        action="planning.goal_created",
        obj=goal,
        after={"year": year, "code": goal.code, "text": goal.text},
    )
    return goal


@transaction.atomic
def update_goal(
    *,
    actor: Any,
    goal: OrgGoal,
    expected_version: int,
    text: str,
    code: str = "",
    indicator: str = "",
    target_value: Decimal | None = None,
    target_unit: str = "",
) -> OrgGoal:
    """Change a goal; StaleObjectError when someone saved it since the form was opened."""
    if not can_manage_goals(actor):
        raise PermissionDenied("Hanya admin BKPSDM yang dapat mengubah sasaran daerah.")
    goal = OrgGoal.objects.select_for_update().get(pk=goal.pk)
    before = _goal_data(goal)
    fields = _clean_goal(
        year=goal.year,
        text=text,
        code=code,
        indicator=indicator,
        target_value=target_value,
        target_unit=target_unit,
        exclude_pk=goal.pk,
    )
    for name, value in fields.items():
        setattr(goal, name, value)
    save_if_current(goal, expected_version=expected_version, fields=[*fields, "updated_at"])
    record(
        actor=actor,
        action="planning.goal_updated",
        obj=goal,
        before=before,
        after=_goal_data(goal),
    )
    return goal


@transaction.atomic
def delete_goal(*, actor: Any, goal: OrgGoal, expected_version: int) -> None:
    """Remove a goal no Perjanjian Kinerja target supports any more."""
    if not can_manage_goals(actor):
        raise PermissionDenied("Hanya admin BKPSDM yang dapat menghapus sasaran daerah.")
    goal = OrgGoal.objects.select_for_update().get(pk=goal.pk)
    if goal.version != expected_version:
        raise StaleObjectError(goal)
    linked = goal.agreement_targets.count()
    if linked:
        raise ValidationError(
            f"Sasaran daerah ini masih didukung {linked} target Perjanjian Kinerja; "
            "lepaskan kaitannya terlebih dahulu."
        )
    record(actor=actor, action="planning.goal_deleted", obj=goal, before=_goal_data(goal))
    goal.delete()
