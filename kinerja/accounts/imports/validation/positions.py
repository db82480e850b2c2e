"""Checks of the positions sheet (Jabatan): codes unique in the file, kind and level that agree,
the unit registered or in the units sheet, the scope, and at most one head per unit.
"""

from __future__ import annotations

from collections import defaultdict

from kinerja.organisations.domain.positions import FunctionalLevel, PositionKind, level_is_valid

from .. import cells
from ..spec import POSITIONS
from ._common import _Row, _text, _ValidatorBase
from .plan import PositionOp


class _PositionChecks(_ValidatorBase):
    """`positions_sheet`: one `PositionOp` per accepted row; positions become known by code."""

    def positions_sheet(self) -> None:
        sheet = self.parsed.sheet("positions")
        if sheet is None:
            return
        seen: dict[str, int] = {}
        head_rows: dict[tuple, list[tuple[_Row, tuple]]] = defaultdict(list)
        for raw in sheet.rows:
            self.tick()
            r = _Row(POSITIONS, sheet.title, raw, self.errors)
            code = r.get("code", _text(64), required=True)
            name = r.get("name", _text(200), required=True)
            unit_code = r.get("unit_code", _text(64), required=True)
            kind = r.get(
                "kind",
                lambda v: (
                    cells.choice(v, cells.POSITION_KINDS, "lihat lembar Petunjuk")
                    if v not in (None, "")
                    else ""
                ),
                required=True,
            )
            level = r.get(
                "level",
                lambda v: (
                    cells.choice(v, cells.LEVELS, "lihat lembar Petunjuk")
                    if v not in (None, "")
                    else ""
                ),
            )
            is_head = r.get("is_head", cells.yes_no)
            class_grade = r.get("class_grade", lambda v: cells.whole_number(v, low=1, high=17))
            if code and code in seen:
                r.error("code", f"Kode jabatan ini sudah dipakai di baris {seen[code]}.")
                continue
            if code:
                seen[code] = raw.number
            if (
                kind
                and level is not None
                and not level_is_valid(
                    PositionKind(kind), FunctionalLevel(level) if level else None
                )
            ):
                r.error(
                    "level",
                    "Jenjang tidak sesuai dengan jenis jabatan (jabatan fungsional wajib berjenjang sesuai rumpunnya; jabatan lain tanpa jenjang).",
                )
            unit = self.units.get(unit_code) if unit_code else None
            if unit_code and unit is None:
                r.error(
                    "unit_code",
                    f"Kode unit “{unit_code}” tidak ditemukan (harus sudah terdaftar atau ada di lembar Unit).",
                )
            elif unit is not None and not unit.in_scope:
                r.error("unit_code", "Unit ini berada di luar perangkat daerah Anda.")
            existing = self.db_positions.get(code) if code else None
            if existing is not None and not self.scope.covers(self.positions[code]["path"]):
                r.error("code", "Jabatan ini berada di luar perangkat daerah Anda.")
            if r.failed or unit is None:
                continue
            op = PositionOp(
                raw.number, code, name, unit_code, kind, level or "", bool(is_head), class_grade
            )
            unit_key = ("id", unit.id) if unit.id else ("code", unit_code)
            pos_key: tuple = ("id", existing["id"]) if existing else ("code", code)
            if existing is not None:
                op.existing_id = existing["id"]
                old_key = ("id", existing["unit_id"])
                self.heads[old_key].discard(pos_key)
                op.changed = any(
                    [
                        existing["name"] != name,
                        existing["unit_id"] != unit.id,
                        existing["kind"] != kind,
                        existing["level"] != (level or ""),
                        existing["is_head"] != bool(is_head),
                        class_grade is not None and existing["class_grade"] != class_grade,
                        not existing["is_active"],
                    ]
                )
            if is_head:
                self.heads[unit_key].add(pos_key)
                head_rows[unit_key].append((r, pos_key))
            self.positions[code] = {
                "id": existing["id"] if existing else None,
                "unit_key": unit_key,
                "unit_id": unit.id,
                "unit_code": unit_code,
                "is_head": bool(is_head),
                "path": unit.path,
            }
            self.plan.positions.append(op)
        for unit_key, rows in head_rows.items():
            if len(self.heads[unit_key]) > 1:
                for r, _ in rows:
                    r.error("is_head", "Unit ini akan memiliki lebih dari satu jabatan kepala.")
