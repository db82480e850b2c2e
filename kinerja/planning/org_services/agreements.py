"""An agency's Perjanjian Kinerja: sasaran, IKU and targets per unit and year.

Kept by the agency's OPD admin or BKPSDM. A row entered in the app passes the Excel import's row
rule (`_checked_row`); `_add_target` saves one row and is shared with the import. Edits and
deletes are locked on the row's `version`; a row a JPT RHK is linked to cannot be deleted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core.concurrency import StaleObjectError, save_if_current
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from ..domain.orgplan import TargetRow, validate_target_row
from ..models import AgreementTarget, OrgGoal, PerformanceAgreement


def can_manage_agreement(actor: Any, unit: OrgUnit) -> bool:
    return access_for(actor).manages_unit_path(unit.path)


def _agency(unit: OrgUnit) -> OrgUnit:
    return unit.agency if unit.agency_id else unit


def _add_target(*, actor: Any, unit: OrgUnit, year: int, row: TargetRow, goal: OrgGoal | None):
    agreement, _ = PerformanceAgreement.objects.get_or_create(unit=unit, year=year)
    q1, q2, q3, q4 = row.quarters
    target = AgreementTarget.objects.create(
        agreement=agreement,
        goal=goal,
        objective=row.objective,
        indicator=row.indicator,
        baseline=row.baseline,
        target_value=row.target_value,
        target_unit=row.target_unit,
        target_q1=q1,
        target_q2=q2,
        target_q3=q3,
        target_q4=q4,
        order=AgreementTarget.objects.filter(agreement=agreement).count() + 1,
    )
    record(
        actor=actor,
        action="planning.agreement_target_added",
        obj=target,
        agency_id=_agency(unit).pk,
        after={
            "unit_id": unit.pk,
            "year": year,
            "objective": row.objective,
            "indicator": row.indicator,
            "baseline": str(row.baseline) if row.baseline is not None else None,
            "target": f"{row.target_value} {row.target_unit}",
        },
    )
    return target


def _checked_row(
    *,
    unit: OrgUnit,
    year: int,
    objective: str,
    indicator: str,
    target_value: Decimal | None,
    target_unit: str,
    baseline: Decimal | None,
    quarters: tuple,
    goal: OrgGoal | None,
) -> TargetRow:
    """The Excel import's row rule, applied to a row entered (or edited) in the app."""
    cells = {
        "kode_unit": unit.code or str(unit.pk),
        "sasaran": objective,
        "indikator": indicator,
        "kondisi_awal": baseline,
        "target": target_value,
        "satuan": target_unit,
        "tw1": quarters[0],
        "tw2": quarters[1],
        "tw3": quarters[2],
        "tw4": quarters[3],
    }
    row, errors = validate_target_row(cells)
    if row is None:
        raise ValidationError(errors)
    if goal is not None and goal.year != year:
        raise ValidationError({"goal": "Sasaran daerah harus dari tahun yang sama."})
    return row


@transaction.atomic
def add_agreement_target(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    objective: str,
    indicator: str,
    target_value: Decimal | None,
    target_unit: str,
    baseline: Decimal | None = None,
    quarters: tuple = (None, None, None, None),
    goal: OrgGoal | None = None,
) -> AgreementTarget:
    """Add a sasaran with its IKU and targets to the unit's Perjanjian Kinerja for the year."""
    if actor is not None and not can_manage_agreement(actor, unit):
        raise PermissionDenied("Anda tidak berwenang mengisi Perjanjian Kinerja unit ini.")
    row = _checked_row(
        unit=unit,
        year=year,
        objective=objective,
        indicator=indicator,
        target_value=target_value,
        target_unit=target_unit,
        baseline=baseline,
        quarters=quarters,
        goal=goal,
    )
    return _add_target(actor=actor, unit=unit, year=year, row=row, goal=goal)


def _target_data(target: AgreementTarget) -> dict[str, Any]:
    def num(value):
        return str(value) if value is not None else None

    return {
        "objective": target.objective,
        "indicator": target.indicator,
        "baseline": num(target.baseline),
        "target": f"{target.target_value} {target.target_unit}",
        "quarters": [
            num(q) for q in (target.target_q1, target.target_q2, target.target_q3, target.target_q4)
        ],
        "goal_id": target.goal_id,
    }


def _locked_target(actor: Any, target: AgreementTarget) -> AgreementTarget:
    """Reload and lock a Perjanjian Kinerja row; refused unless the actor manages its unit."""
    target = (
        AgreementTarget.objects.select_for_update(of=("self",))
        .select_related("agreement", "agreement__unit")
        .get(pk=target.pk)
    )
    if not can_manage_agreement(actor, target.agreement.unit):
        raise PermissionDenied("Anda tidak berwenang mengubah Perjanjian Kinerja unit ini.")
    return target


@transaction.atomic
def update_agreement_target(
    *,
    actor: Any,
    target: AgreementTarget,
    expected_version: int,
    objective: str,
    indicator: str,
    target_value: Decimal | None,
    target_unit: str,
    baseline: Decimal | None = None,
    quarters: tuple = (None, None, None, None),
    goal: OrgGoal | None = None,
) -> AgreementTarget:
    """Change a sasaran/IKU/target row of a Perjanjian Kinerja (same rules as adding one);
    StaleObjectError when someone saved it since the form was opened."""
    target = _locked_target(actor, target)
    unit, year = target.agreement.unit, target.agreement.year
    row = _checked_row(
        unit=unit,
        year=year,
        objective=objective,
        indicator=indicator,
        target_value=target_value,
        target_unit=target_unit,
        baseline=baseline,
        quarters=quarters,
        goal=goal,
    )
    before = _target_data(target)
    target.objective, target.indicator = row.objective, row.indicator
    target.baseline, target.goal = row.baseline, goal
    target.target_value, target.target_unit = row.target_value, row.target_unit
    target.target_q1, target.target_q2, target.target_q3, target.target_q4 = row.quarters
    fields = [
        "objective",
        "indicator",
        "baseline",
        "goal",
        "target_value",
        "target_unit",
        "target_q1",
        "target_q2",
        "target_q3",
        "target_q4",
        "updated_at",
    ]
    save_if_current(target, expected_version=expected_version, fields=fields)
    record(
        actor=actor,
        action="planning.agreement_target_updated",
        obj=target,
        agency_id=_agency(unit).pk,
        before=before,
        after=_target_data(target),
    )
    return target


@transaction.atomic
def delete_agreement_target(*, actor: Any, target: AgreementTarget, expected_version: int) -> None:
    """Remove a Perjanjian Kinerja row that no JPT RHK is linked to."""
    target = _locked_target(actor, target)
    unit = target.agreement.unit
    if target.version != expected_version:
        raise StaleObjectError(target)
    linked = target.rhks.count()
    if linked:
        raise ValidationError(
            f"Target ini dirujuk oleh {linked} RHK pada SKP; ubah RHK tersebut terlebih dahulu."
        )
    record(
        actor=actor,
        action="planning.agreement_target_deleted",
        obj=target,
        agency_id=_agency(unit).pk,
        before=_target_data(target),
    )
    target.delete()
