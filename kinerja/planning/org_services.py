"""Organisational plans: the regent's goals (RPJMD) and each agency's Perjanjian Kinerja.

Goals are kept by BKPSDM; an agency's Perjanjian Kinerja by its OPD admin or BKPSDM. The Excel
import validates every row first and then saves all rows in one transaction, or none.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core.concurrency import StaleObjectError, save_if_current
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from .domain.orgplan import TARGET_COLUMNS, TARGET_HEADERS, TargetRow, validate_target_row
from .models import AgreementTarget, OrgGoal, PerformanceAgreement


def can_manage_goals(actor: Any) -> bool:
    return access_for(actor).manages_all


def can_manage_agreement(actor: Any, unit: OrgUnit) -> bool:
    return access_for(actor).manages_unit_path(unit.path)


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


# --- Excel import ----------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def agreement_template() -> bytes:
    """The Excel template for the Perjanjian Kinerja import, with one example row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Perjanjian Kinerja"
    sheet.append(list(TARGET_HEADERS))
    sheet.append(
        [
            "1112.DINKES",
            "Meningkatnya kualitas pelayanan kesehatan",
            "Indeks kepuasan layanan kesehatan",
            78,
            85,
            "indeks",
            80,
            82,
            84,
            85,
            "S1",
        ]
    )
    for column, width in zip(
        "ABCDEFGHIJK", (16, 45, 45, 12, 10, 12, 10, 10, 10, 10, 18), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _read_rows(content: bytes) -> list[dict[str, object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError("Berkas bukan file Excel (.xlsx) yang dapat dibaca.") from exc
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(min_row=2, values_only=True):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            rows.append({})
            continue
        rows.append(dict(zip(TARGET_COLUMNS, values, strict=False)))
    book.close()
    return rows


def import_agreement_targets(*, actor: Any, content: bytes, year: int) -> ImportResult:
    """Validate every row (per-row Indonesian errors); save all rows atomically or none."""
    rows = _read_rows(content)
    result = ImportResult()
    units = {u.code: u for u in OrgUnit.objects.filter(code__isnull=False).exclude(code="")}
    goals = {g.code: g for g in OrgGoal.objects.filter(year=year).exclude(code="")}
    access = access_for(actor)
    clean: list[tuple[TargetRow, OrgUnit, OrgGoal | None]] = []
    for number, cells in enumerate(rows, start=2):
        if not cells:
            continue
        row, errors = validate_target_row(cells)
        unit = goal = None
        if row is not None:
            unit = units.get(row.unit_code)
            if unit is None:
                errors.append(f"Kode unit {row.unit_code} tidak dikenal.")
            elif not access.manages_unit_path(unit.path):
                errors.append(f"Anda tidak berwenang mengisi Perjanjian Kinerja {unit.name}.")
            if row.goal_code:
                goal = goals.get(row.goal_code)
                if goal is None:
                    errors.append(
                        f"Kode sasaran daerah {row.goal_code} tidak ada untuk tahun {year}."
                    )
        if errors:
            result.errors.extend(f"Baris {number}: {message}" for message in errors)
        else:
            assert row is not None and unit is not None
            clean.append((row, unit, goal))
    if not clean and not result.errors:
        result.errors.append("Berkas tidak berisi baris data.")
    if result.errors:
        return result
    with transaction.atomic():
        for row, unit, goal in clean:
            _add_target(actor=actor, unit=unit, year=year, row=row, goal=goal)
        record(
            actor=actor,
            action="planning.agreement_imported",
            obj=None,
            after={"year": year, "rows": len(clean)},
        )
    result.created = len(clean)
    return result
