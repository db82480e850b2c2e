"""The Excel import of Perjanjian Kinerja targets, and its template.

Every row is validated first (per-row Indonesian errors); then all rows are saved in one
transaction, or none.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from ..domain.orgplan import TARGET_COLUMNS, TARGET_HEADERS, TargetRow, validate_target_row
from ..models import OrgGoal
from .agreements import _add_target


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
