"""JP conversion: the rule in force per activity form, JP of one activity, the ledger line.

BKPSDM may override the shipped default rule for a form; a source is credited once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kinerja.audit.services import record, snapshot
from kinerja.organisations.models import Employee

from .. import permissions
from ..domain import (
    DEFAULT_RULES,
    MINUTES_PER_JP,
    ActivityForm,
    ConversionRule,
    JpResult,
    compute_jp,
)
from ..models import (
    ConversionRuleSetting,
    JpEntry,
)
from ._common import ConflictError, _deny


def rule_in_force(form: str) -> tuple[ConversionRule, int]:
    """BKPSDM's rule for a form if set, else the shipped default; with the minutes per JP."""
    setting = ConversionRuleSetting.objects.filter(form=form).first()
    if setting is not None:
        return setting.to_rule(), setting.minutes_per_jp
    return DEFAULT_RULES[ActivityForm(form)], MINUTES_PER_JP


def jp_for(
    *,
    form: str,
    start_date: dt.date,
    end_date: dt.date,
    minutes: int | None = None,
    days: int | None = None,
    sessions: int | None = None,
    semesters: int | None = None,
    international: bool = False,
) -> JpResult:
    """JP of one activity under the rule in force (raises ValidationError in Indonesian)."""
    rule, minutes_per_jp = rule_in_force(form)
    span = (end_date - start_date).days + 1
    sessions_by_month = {start_date.strftime("%Y-%m"): sessions} if sessions else None
    try:
        return compute_jp(
            rule,
            minutes=minutes,
            days=days or span,
            sessions_by_month=sessions_by_month,
            semesters=semesters,
            international=international,
            minutes_per_jp=minutes_per_jp,
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def _credit(
    *, employee: Employee, year: int, result: JpResult, title: str, **source: Any
) -> JpEntry:
    """Write one ledger line; a source already credited is refused (counted once)."""
    if JpEntry.objects.filter(**source).exists():
        raise ConflictError("JP untuk kegiatan ini sudah dicatat.")
    try:
        with transaction.atomic():
            return JpEntry.objects.create(
                employee=employee,
                year=year,
                jp=result.jp,
                title=title[:200],
                explanation="\n".join(result.lines),
                **source,
            )
    except IntegrityError as exc:
        raise ConflictError("JP untuk kegiatan ini sudah dicatat.") from exc


@transaction.atomic
def save_conversion_rule(
    *,
    actor: Any,
    form: str,
    basis: str,
    jp_national: Decimal | None = None,
    jp_international: Decimal | None = None,
    cap_per_day: Decimal | None = None,
    cap_per_day_international: Decimal | None = None,
    cap_per_month: int | None = None,
    international_uplift_pct: int = 0,
    minutes_per_jp: int = MINUTES_PER_JP,
    note: str = "",
) -> ConversionRuleSetting:
    """BKPSDM sets the conversion for one form; the domain checks the rule is coherent."""
    if not permissions.is_development_admin(actor):
        _deny("Hanya BKPSDM yang dapat mengubah aturan konversi JP.")
    setting = ConversionRuleSetting.objects.filter(form=form).first()
    before = snapshot(setting) if setting else None
    setting = setting or ConversionRuleSetting(form=form)
    setting.basis = basis
    setting.jp_national = jp_national
    setting.jp_international = jp_international
    setting.cap_per_day = cap_per_day
    setting.cap_per_day_international = cap_per_day_international
    setting.cap_per_month = cap_per_month
    setting.international_uplift_pct = international_uplift_pct
    setting.minutes_per_jp = minutes_per_jp
    setting.note = note
    setting.updated_by = actor
    try:
        setting.to_rule()
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if minutes_per_jp < 1:
        raise ValidationError("Satu JP paling sedikit 1 menit.")
    setting.save()
    record(
        actor=actor,
        action="development.rule.save",
        obj=setting,
        before=before,
        after=snapshot(setting),
    )
    return setting


@transaction.atomic
def reset_conversion_rule(*, actor: Any, form: str) -> None:
    """Drop BKPSDM's override: the shipped default applies again."""
    if not permissions.is_development_admin(actor):
        _deny("Hanya BKPSDM yang dapat mengubah aturan konversi JP.")
    setting = ConversionRuleSetting.objects.filter(form=form).first()
    if setting is None:
        return
    before = snapshot(setting)
    setting.delete()
    record(
        actor=actor,
        action="development.rule.reset",
        object_type="development.conversionrulesetting",
        object_id=form,
        object_repr=ActivityForm(form).label,
        before=before,
    )
