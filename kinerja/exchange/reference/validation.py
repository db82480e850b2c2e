"""Checking every row of a parsed reference file against the file itself and the current data.

Every problem is reported per row in Indonesian; no row is skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinerja.accounts.imports import cells
from kinerja.accounts.imports.reader import RowError
from kinerja.organisations.domain.positions import FunctionalLevel, PositionKind, level_is_valid
from kinerja.organisations.models import Employee, OrgUnit, Position

from .columns import TITLES
from .reading import Parsed, RawRow
from .values import _nip, _position_kind, _text, _unit_kind


@dataclass
class Checked:
    rows: list[dict[str, Any]]
    errors: list[RowError]


def _duplicate(seen: dict[str, int], key: str, row: RawRow, title: str, column: str, errors):
    if key in seen:
        errors.append(
            RowError(
                title,
                row.number,
                column,
                f"Sama dengan baris {seen[key]}: setiap kunci hanya sekali.",
            )
        )
        return True
    seen[key] = row.number
    return False


def validate(kind: str, parsed: Parsed) -> Checked:
    """Check every row (no row is skipped silently) and return normalised rows."""
    errors = list(parsed.errors)
    title = TITLES[kind]
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    if kind == "unor":
        for row in parsed.rows:
            try:
                code = _text(row, "code", max_length=64)
                name = _text(row, "name", max_length=200)
                parent = _text(row, "parent_code", max_length=64)
                raw_kind = _text(row, "kind", max_length=40)
            except cells.CellError as exc:
                errors.append(RowError(title, row.number, "", str(exc)))
                continue
            try:
                unit_kind = _unit_kind(raw_kind, name)
            except cells.CellError as exc:
                if raw_kind:  # a kind that was given must be valid
                    errors.append(RowError(title, row.number, "jenis", str(exc)))
                    continue
                unit_kind = ""  # needed only for a new unit: checked below
            if not code or not name:
                errors.append(
                    RowError(title, row.number, "id/nama_unor", "Id dan nama unor wajib diisi.")
                )
                continue
            if parent == code:
                errors.append(
                    RowError(
                        title,
                        row.number,
                        "diatasan_id",
                        "Unor tidak boleh menjadi induk dirinya sendiri.",
                    )
                )
                continue
            if _duplicate(seen, code, row, title, "id", errors):
                continue
            rows.append(
                {
                    "row": row.number,
                    "code": code,
                    "name": name,
                    "parent_code": parent,
                    "kind": unit_kind,
                }
            )
        codes_in_file = {r["code"] for r in rows}
        known = set(OrgUnit.objects.exclude(code__isnull=True).values_list("code", flat=True))
        for r in rows:
            if not r["kind"] and r["code"] not in known:
                errors.append(
                    RowError(
                        title,
                        r["row"],
                        "jenis",
                        "Jenis unit tidak dapat ditentukan dari namanya; isi kolom “jenis” "
                        "(mis. dinas, bidang, seksi).",
                    )
                )
            if r["parent_code"] and r["parent_code"] not in codes_in_file | known:
                errors.append(
                    RowError(
                        title,
                        r["row"],
                        "diatasan_id",
                        f"Unor induk “{r['parent_code']}” tidak ada di berkas maupun di data.",
                    )
                )
    elif kind == "jabatan":
        unit_codes = set(OrgUnit.objects.exclude(code__isnull=True).values_list("code", flat=True))
        heads = {
            unit_code: code or f"#{pk}"
            for pk, unit_code, code in Position.objects.filter(
                is_head=True, is_active=True, unit__code__isnull=False
            ).values_list("pk", "unit__code", "code")
        }
        for row in parsed.rows:
            try:
                code = _text(row, "code", max_length=64)
                name = _text(row, "name", max_length=200)
                unit_code = _text(row, "unit_code", max_length=64)
                level_raw = _text(row, "level", max_length=40)
                level = (
                    cells.choice(level_raw, cells.LEVELS, "ahli_pertama … penyelia")
                    if level_raw
                    else ""
                )
                position_kind = _position_kind(
                    _text(row, "kind", max_length=40), _text(row, "eselon", max_length=20), level
                )
                head_raw = row.values.get("is_head")
                is_head = (
                    cells.yes_no(head_raw)
                    if head_raw not in (None, "")
                    else position_kind
                    in {
                        PositionKind.JPT_MADYA,
                        PositionKind.JPT_PRATAMA,
                        PositionKind.ADMINISTRATOR,
                        PositionKind.PENGAWAS,
                    }
                )
            except cells.CellError as exc:
                errors.append(RowError(title, row.number, "", str(exc)))
                continue
            if not code or not name or not unit_code:
                errors.append(
                    RowError(
                        title,
                        row.number,
                        "id/nama_jabatan/unor_id",
                        "Id, nama jabatan dan unor wajib diisi.",
                    )
                )
                continue
            kind_enum = PositionKind(position_kind)
            if not level_is_valid(kind_enum, FunctionalLevel(level) if level else None):
                errors.append(
                    RowError(
                        title,
                        row.number,
                        "jenjang",
                        "Jenjang tidak sesuai dengan jenis jabatan (wajib untuk fungsional).",
                    )
                )
                continue
            if unit_code not in unit_codes:
                errors.append(
                    RowError(
                        title,
                        row.number,
                        "unor_id",
                        f"Unor “{unit_code}” belum terdaftar: impor unor lebih dahulu.",
                    )
                )
                continue
            if _duplicate(seen, code, row, title, "id", errors):
                continue
            if is_head:
                holder = heads.get(unit_code)
                if holder is not None and holder != code:
                    errors.append(
                        RowError(
                            title,
                            row.number,
                            "kepala",
                            f"Unor “{unit_code}” sudah memiliki jabatan kepala ({holder}).",
                        )
                    )
                    continue
                heads[unit_code] = code
            rows.append(
                {
                    "row": row.number,
                    "code": code,
                    "name": name,
                    "unit_code": unit_code,
                    "kind": position_kind,
                    "level": level,
                    "is_head": is_head,
                }
            )
    else:
        parsed_nips: list[tuple[RawRow, str, str]] = []
        for row in parsed.rows:
            try:
                nip = _nip(row.values.get("nip"))
                superior = _nip(row.values.get("superior_nip"))
            except cells.CellError as exc:
                errors.append(RowError(title, row.number, "nip/nip_atasan", str(exc)))
                continue
            if nip == superior:
                errors.append(
                    RowError(
                        title,
                        row.number,
                        "nip_atasan",
                        "Pegawai tidak dapat menjadi atasan dirinya sendiri.",
                    )
                )
                continue
            if _duplicate(seen, nip, row, title, "nip", errors):
                continue
            parsed_nips.append((row, nip, superior))
        known = set(
            Employee.objects.filter(
                nip__in={n for _, a, b in parsed_nips for n in (a, b)}
            ).values_list("nip", flat=True)
        )
        for row, nip, superior in parsed_nips:
            if nip not in known:
                errors.append(
                    RowError(title, row.number, "nip", f"NIP {nip} tidak terdaftar di Kinerja.")
                )
                continue
            if superior not in known:
                errors.append(
                    RowError(
                        title,
                        row.number,
                        "nip_atasan",
                        f"NIP atasan {superior} tidak terdaftar di Kinerja.",
                    )
                )
                continue
            rows.append({"row": row.number, "nip": nip, "superior_nip": superior})
    errors.sort(key=lambda e: e.row)
    return Checked(rows, errors)
