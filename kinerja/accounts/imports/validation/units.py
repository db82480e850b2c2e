"""Checks of the units sheet (Unit): codes unique in the file, the parent registered or on an
earlier row, the importing user's scope, and which registered units change or move.
"""

from __future__ import annotations

from kinerja.organisations.models import AGENCY_KINDS

from .. import cells
from ..spec import UNITS
from ._common import _Row, _text, _ValidatorBase
from .plan import UnitOp, UnitRef


class _UnitChecks(_ValidatorBase):
    """`units_sheet`: one `UnitOp` per accepted row; new units become known by code."""

    def units_sheet(self) -> None:
        sheet = self.parsed.sheet("units")
        if sheet is None:
            return
        seen: dict[str, int] = {}
        for raw in sheet.rows:
            self.tick()
            r = _Row(UNITS, sheet.title, raw, self.errors)
            code = r.get("code", _text(64), required=True)
            name = r.get("name", _text(200), required=True)
            kind = r.get(
                "kind",
                lambda v: (
                    cells.choice(v, cells.UNIT_KINDS, "lihat lembar Petunjuk")
                    if v not in (None, "")
                    else ""
                ),
                required=True,
            )
            parent_code = r.get("parent_code", _text(64)) or None
            short_name = r.get("short_name", _text(60))
            if code and code in seen:
                r.error("code", f"Kode unit ini sudah dipakai di baris {seen[code]}.")
                continue
            if code:
                seen[code] = raw.number
            if r.failed:
                continue
            existing = self.db_units.get(code)
            parent: UnitRef | None = None
            if parent_code:
                if parent_code == code:
                    r.error("parent_code", "Unit tidak boleh menjadi induk dirinya sendiri.")
                    continue
                parent = self.units.get(parent_code)
                if parent is None:
                    r.error(
                        "parent_code",
                        f"Kode unit induk “{parent_code}” tidak ditemukan (harus sudah terdaftar atau ada di baris sebelumnya).",
                    )
                    continue
            op = UnitOp(raw.number, code, name, kind, short_name or None, parent_code)
            if existing is None:
                if parent is None and not self.scope.everywhere:
                    r.error(
                        "parent_code",
                        "Unit teratas hanya dapat dibuat oleh admin BKPSDM. Isi kode unit induk.",
                    )
                    continue
                if parent is not None and not parent.in_scope:
                    r.error("parent_code", "Unit induk berada di luar perangkat daerah Anda.")
                    continue
                self.units[code] = UnitRef(
                    code, None, None, parent.in_scope if parent else True, kind
                )
            else:
                uid, _, path, old_kind, old_name, old_short, old_parent = existing
                if not self.scope.covers(path):
                    r.error("code", "Unit ini berada di luar perangkat daerah Anda.")
                    continue
                if (old_kind in AGENCY_KINDS) != (kind in AGENCY_KINDS):
                    r.error(
                        "kind",
                        "Perubahan jenis antara perangkat daerah dan unit di bawahnya tidak dapat dilakukan lewat impor.",
                    )
                    continue
                op.existing_id = uid
                if parent is not None and parent.id != old_parent:
                    if parent.id is None:
                        r.error(
                            "parent_code",
                            "Unit yang sudah terdaftar hanya dapat dipindahkan ke unit induk yang sudah terdaftar.",
                        )
                        continue
                    if parent.path and parent.path.startswith(path):
                        r.error(
                            "parent_code", "Unit tidak dapat dipindahkan ke bawah dirinya sendiri."
                        )
                        continue
                    if not parent.in_scope:
                        r.error("parent_code", "Unit induk berada di luar perangkat daerah Anda.")
                        continue
                    op.move_to_id = parent.id
                op.changed = (
                    op.move_to_id is not None
                    or name != old_name
                    or kind != old_kind
                    or (short_name is not None and short_name != "" and short_name != old_short)
                )
                self.units[code].kind = kind
            self.plan.units.append(op)
