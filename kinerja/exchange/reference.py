"""SIASN-shaped reference files (unor, jabatan, atasan langsung): read, validate, compare.

Pipeline, like the foundation import (`kinerja.accounts.imports`, whose file checks and cell
readers are reused): `read_reference` turns CSV/XLSX/JSON into raw rows, `validate` checks
every row and reports in Indonesian, `differences` compares the valid rows with the current
data field by field. Nothing here writes; `services.apply_import` applies what the admin accepts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from kinerja.accounts.imports import cells
from kinerja.accounts.imports.reader import (
    MAX_COLUMNS,
    MAX_ROWS_PER_SHEET,
    ImportFileError,
    RowError,
    _check_zip,
    detect_format,
)
from kinerja.organisations.domain.nip import NipError, parse_nip
from kinerja.organisations.domain.positions import FunctionalLevel, PositionKind, level_is_valid
from kinerja.organisations.models import KIND_LABELS, Employee, OrgUnit, Position, UnitKind
from kinerja.organisations.selectors import current_assessor_map


@dataclass(frozen=True)
class Field:
    key: str
    header: str  # how the report names the column
    aliases: tuple[str, ...]
    required: bool = False


SPECS: dict[str, tuple[Field, ...]] = {
    "unor": (
        Field("code", "id", ("id", "unorid", "idunor", "kodeunor", "kode"), True),
        Field("name", "nama_unor", ("namaunor", "nama", "unornama"), True),
        Field(
            "parent_code",
            "diatasan_id",
            ("diatasanid", "diatasan", "induk", "kodeinduk", "idatasan", "parentid"),
        ),
        Field("kind", "jenis", ("jenis", "jenisunit", "jenisunor")),
    ),
    "jabatan": (
        Field("code", "id", ("id", "jabatanid", "idjabatan", "kodejabatan", "kode"), True),
        Field("name", "nama_jabatan", ("namajabatan", "nama", "jabatannama"), True),
        Field("unit_code", "unor_id", ("unorid", "idunor", "kodeunor", "unor"), True),
        Field("kind", "jenis_jabatan", ("jenisjabatan", "jenisjabatanid", "jenis"), True),
        Field("eselon", "eselon", ("eselon", "eselonid", "eselonnama")),
        Field("level", "jenjang", ("jenjang", "jenjangjabatan")),
        Field("is_head", "kepala", ("kepala", "kepalaunit")),
    ),
    "superior": (
        Field("nip", "nip", ("nip", "nipbaru", "nippegawai", "pnsnip"), True),
        Field("name", "nama", ("nama", "namapegawai")),
        Field(
            "superior_nip",
            "nip_atasan",
            ("nipatasan", "atasannip", "nipatasanlangsung", "atasanlangsungnip", "nippenilai"),
            True,
        ),
        Field("superior_name", "nama_atasan", ("namaatasan", "atasannama", "namaatasanlangsung")),
    ),
}
TITLES = {"unor": "Unor", "jabatan": "Jabatan", "superior": "Atasan"}

# Unit kinds guessed from the SIASN unor name when the file has no `jenis` column.
_NAME_KINDS = (
    (r"^(pemerintah|pemkab)\b", UnitKind.GOVERNMENT),
    (r"^sekretariat\b", UnitKind.SECRETARIAT),
    (r"^dinas\b", UnitKind.DINAS),
    (r"^(badan|bkpsdm|bkd|bappeda|bpbd|bpkd|bpkk|bkpp)\b", UnitKind.BADAN),
    (r"^inspektorat\b", UnitKind.INSPECTORATE),
    (r"^kecamatan\b", UnitKind.KECAMATAN),
    (r"^(rsud|rumah sakit)\b", UnitKind.HOSPITAL),
    (r"^bidang\b", UnitKind.BIDANG),
    (r"^(sub ?bagian|subbag)\b", UnitKind.SUBBAGIAN),
    (r"^bagian\b", UnitKind.BAGIAN),
    (r"^seksi\b", UnitKind.SEKSI),
    (r"^(uptd? )?puskesmas\b", UnitKind.PUSKESMAS),
    (r"^uptd?\b", UnitKind.UPT),
    (r"^(sd|smp|sma|smk|tk|sekolah)\b", UnitKind.SCHOOL),
)
# SIASN eselon (name or id) → position kind.
_ESELON_KINDS = (
    (r"^(i\.|1[12]$|i$)", PositionKind.JPT_MADYA),
    (r"^(ii\b|ii\.|2[12]$)", PositionKind.JPT_PRATAMA),
    (r"^(iii\b|iii\.|3[12]$)", PositionKind.ADMINISTRATOR),
    (r"^(iv\b|iv\.|4[12]$)", PositionKind.PENGAWAS),
)


def _key(header: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


@dataclass
class RawRow:
    number: int
    values: dict[str, Any]


@dataclass
class Parsed:
    rows: list[RawRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _map_headers(kind: str, header: list[Any], errors: list[RowError]) -> dict[int, str] | None:
    """Known columns by their SIASN name or alias; other columns of a SIASN dump are ignored."""
    spec = SPECS[kind]
    by_alias = {alias: f for f in spec for alias in (*f.aliases, _key(f.header), f.key)}
    mapping: dict[int, str] = {}
    for index, raw in enumerate(header[:MAX_COLUMNS]):
        found = by_alias.get(_key(raw))
        if found is None:
            continue
        if found.key in mapping.values():
            errors.append(
                RowError(TITLES[kind], 1, str(raw)[:60], "Kolom ini muncul lebih dari sekali.")
            )
            return None
        mapping[index] = found.key
    missing = [f for f in spec if f.required and f.key not in mapping.values()]
    for f in missing:
        errors.append(
            RowError(TITLES[kind], 1, f.header, "Kolom wajib tidak ditemukan pada baris judul.")
        )
    return None if missing else mapping


def _collect(kind: str, table: list[list[Any]], first_number: int) -> Parsed:
    parsed = Parsed()
    header_at = next((i for i, r in enumerate(table) if any(v not in (None, "") for v in r)), None)
    if header_at is None:
        raise ImportFileError("Berkas kosong: tidak ada baris judul dan data.")
    mapping = _map_headers(kind, table[header_at], parsed.errors)
    if mapping is None:
        return parsed
    for offset, row in enumerate(table[header_at + 1 :], start=header_at + 1):
        values = {}
        for i, key in mapping.items():
            value = row[i] if i < len(row) else None
            if isinstance(value, str):
                value = value.strip()[:1000] or None
            values[key] = value
        if all(v is None for v in values.values()):
            continue
        parsed.rows.append(RawRow(offset + first_number, values))
    if len(parsed.rows) > MAX_ROWS_PER_SHEET:
        raise ImportFileError(f"Berkas berisi lebih dari {MAX_ROWS_PER_SHEET} baris data.")
    return parsed


def _json_table(data: bytes) -> list[list[Any]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportFileError("Berkas JSON tidak sah.") from exc
    if isinstance(document, dict):  # a SIASN response wraps the list in "data"
        document = document.get("data", document.get("results"))
    if not isinstance(document, list) or not all(isinstance(r, dict) for r in document):
        raise ImportFileError(
            "Berkas JSON harus berupa daftar objek (atau objek dengan daftar pada kunci “data”)."
        )
    keys: list[str] = []
    for item in document:
        for k in item:
            if k not in keys:
                keys.append(k)
    table: list[list[Any]] = [keys]
    for item in document:
        row = []
        for k in keys:
            value = item.get(k)
            if isinstance(value, dict | list):
                raise ImportFileError(f"Nilai kunci “{k}” harus berupa teks atau angka.")
            row.append(value)
        table.append(row)
    return table


def read_reference(kind: str, data: bytes, name: str = "") -> Parsed:
    """Parse an upload of one kind; file-level problems raise ImportFileError (Indonesian)."""
    fmt = detect_format(data, name)
    if fmt == "csv" and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        return _collect(kind, _json_table(data), 1)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        _check_zip(data)
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            table = [list(r) for r in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)]
            workbook.close()
        except Exception as exc:  # openpyxl raises many types for broken workbooks
            raise ImportFileError("Berkas Excel rusak atau tidak dapat dibaca.") from exc
        return _collect(kind, table, 1)
    import csv

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("Berkas CSV harus berkodekan UTF-8.") from exc
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max([",", ";", "\t", "|"], key=first.count)
    try:
        table = [
            r
            for _, r in zip(
                range(MAX_ROWS_PER_SHEET + 10),
                csv.reader(io.StringIO(text), delimiter=delimiter),
                strict=False,
            )
        ]
    except csv.Error as exc:
        raise ImportFileError(f"Berkas CSV tidak dapat dibaca: {exc}.") from exc
    return _collect(kind, table, 1)


# --- validation ---------------------------------------------------------------------------------


@dataclass
class Checked:
    rows: list[dict[str, Any]]
    errors: list[RowError]


def _text(row: RawRow, key: str, *, max_length: int) -> str:
    value = row.values.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cells.text(value, max_length=max_length)


def _unit_kind(raw: str, name: str) -> str:
    if raw:
        return cells.choice(raw, cells.UNIT_KINDS, "jenis unit seperti dinas, bidang, seksi, upt")
    lowered = name.lower()
    for pattern, kind in _NAME_KINDS:
        if re.search(pattern, lowered):
            return kind.value
    raise cells.CellError(
        "Jenis unit tidak dapat ditentukan dari namanya; isi kolom “jenis” (mis. dinas, bidang, seksi)."
    )


def _position_kind(raw: str, eselon: str, level: str) -> str:
    code = raw.strip().lower()
    if code in {"1", "struktural"}:
        for pattern, kind in _ESELON_KINDS:
            if re.search(pattern, eselon.strip().lower()):
                return kind.value
        raise cells.CellError(
            "Jabatan struktural (jenis 1) memerlukan eselon yang sah, mis. III.a."
        )
    if code in {"2", "fungsional", "fungsional tertentu"}:
        skilled = {
            v.value
            for v in (
                FunctionalLevel.PEMULA,
                FunctionalLevel.TERAMPIL,
                FunctionalLevel.MAHIR,
                FunctionalLevel.PENYELIA,
            )
        }
        return (
            PositionKind.FUNCTIONAL_SKILLED.value
            if level in skilled
            else PositionKind.FUNCTIONAL_EXPERT.value
        )
    if code in {"4", "pelaksana", "fungsional umum"}:
        return PositionKind.PELAKSANA.value
    return cells.choice(
        raw,
        cells.POSITION_KINDS,
        "1 (struktural, dengan eselon), 2 (fungsional), 4 (pelaksana), atau jenis Kinerja",
    )


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


def _nip(value: Any) -> str:
    if value is None or value == "":
        raise cells.CellError("NIP wajib diisi.")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    raw = cells.nip_text(value)
    try:
        return parse_nip(raw).value
    except NipError as exc:
        raise cells.CellError(str(exc)) from exc


# --- differences --------------------------------------------------------------------------------


def _change(
    cid: int,
    action: str,
    key: str,
    label: str,
    row: int | None,
    fields,
    *,
    applicable=True,
    note="",
    superior=False,
    payload=None,
) -> dict[str, Any]:
    return {
        "id": cid,
        "action": action,
        "key": key,
        "label": label,
        "row": row,
        "fields": [{"label": f, "before": b, "after": a} for f, b, a in fields],
        "applicable": applicable,
        "superior": superior,
        "note": note,
        "payload": payload or {},
    }


def _add(changes: list[dict[str, Any]], *args: Any, **options: Any) -> None:
    """Append a change numbered after those already listed (see `_change` for the arguments)."""
    changes.append(_change(len(changes) + 1, *args, **options))


def _add_missing(
    changes: list[dict[str, Any]], known: dict[str, Any], rows: list[dict[str, Any]], *, note: str
) -> None:
    """Active records (by code) the file no longer lists: shown, never deactivated automatically."""
    in_file = {r["code"] for r in rows}
    for code, record in sorted(known.items()):
        if record.is_active and code not in in_file:
            _add(changes, "missing", code, record.name, None, [], applicable=False, note=note)


def differences(kind: str, rows: list[dict[str, Any]], *, today: dt.date) -> list[dict[str, Any]]:
    """New, changed and missing records, field by field (a constant number of queries)."""
    changes: list[dict[str, Any]] = []
    if kind == "unor":
        units = {
            u.code: u for u in OrgUnit.objects.exclude(code__isnull=True).select_related("parent")
        }
        kind_labels = dict(UnitKind.choices)
        for r in rows:
            unit = units.get(r["code"])
            if unit is None:
                fields = [
                    ("Nama", "", r["name"]),
                    ("Jenis", "", str(kind_labels[r["kind"]])),
                    ("Unor induk", "", r["parent_code"]),
                ]
                _add(changes, "new", r["code"], r["name"], r["row"], fields, payload=r)
                continue
            fields = []
            if unit.name != r["name"]:
                fields.append(("Nama", unit.name, r["name"]))
            current_parent = unit.parent.code if unit.parent and unit.parent.code else ""
            if r["parent_code"] and current_parent != r["parent_code"]:
                fields.append(("Unor induk", current_parent or "—", r["parent_code"]))
            if fields:
                _add(changes, "changed", r["code"], unit.name, r["row"], fields, payload=r)
        _add_missing(
            changes,
            units,
            rows,
            note="Tidak ada di berkas SIASN. Tidak dinonaktifkan otomatis; periksa di Struktur Organisasi.",
        )
    elif kind == "jabatan":
        positions = {
            p.code: p for p in Position.objects.exclude(code__isnull=True).select_related("unit")
        }
        for r in rows:
            position = positions.get(r["code"])
            kind_label = str(KIND_LABELS[PositionKind(r["kind"])])
            if position is None:
                fields = [
                    ("Nama", "", r["name"]),
                    ("Unor", "", r["unit_code"]),
                    ("Jenis", "", kind_label),
                    ("Kepala unit", "", "Ya" if r["is_head"] else "Tidak"),
                ]
                _add(changes, "new", r["code"], r["name"], r["row"], fields, payload=r)
                continue
            fields = []
            if position.name != r["name"]:
                fields.append(("Nama", position.name, r["name"]))
            structural = []
            if (position.unit.code or "") != r["unit_code"]:
                structural.append(("Unor", position.unit.code or "—", r["unit_code"]))
            if position.kind != r["kind"]:
                structural.append(
                    ("Jenis", str(KIND_LABELS.get(position.kind, position.kind)), kind_label)
                )
            if structural:
                _add(
                    changes,
                    "changed",
                    r["code"],
                    position.name,
                    r["row"],
                    fields + structural,
                    applicable=False,
                    note="Perpindahan unor atau perubahan jenis jabatan memengaruhi garis penilai: ubah melalui Struktur Organisasi.",
                )
            elif fields:
                _add(changes, "changed", r["code"], position.name, r["row"], fields, payload=r)
        _add_missing(
            changes,
            positions,
            rows,
            note="Tidak ada di berkas SIASN. Tidak dinonaktifkan otomatis.",
        )
    else:
        employees = {
            e.nip: e
            for e in Employee.objects.filter(
                nip__in={n for r in rows for n in (r["nip"], r["superior_nip"])}
            )
        }
        subject_ids = [employees[r["nip"]].pk for r in rows]
        current = current_assessor_map(subject_ids, today)
        assessor_ids = {a for a in current.values() if a}
        by_id = {e.pk: e for e in employees.values()}
        missing_ids = assessor_ids - set(by_id)
        if missing_ids:
            by_id.update({e.pk: e for e in Employee.objects.filter(pk__in=missing_ids)})
        for r in rows:
            employee, superior = employees[r["nip"]], employees[r["superior_nip"]]
            assessor_id = current.get(employee.pk)
            if assessor_id == superior.pk:
                continue
            before = by_id.get(assessor_id) if assessor_id else None
            fields = [
                (
                    "Pejabat penilai (atasan langsung)",
                    f"{before.full_name} ({before.nip})" if before else "— (tidak ada)",
                    f"{superior.full_name} ({superior.nip})",
                )
            ]
            _add(
                changes,
                "superior",
                employee.nip,
                employee.full_name,
                r["row"],
                fields,
                superior=True,
                note="Atasan menurut SIASN berbeda dari garis penilai di Kinerja. Data atasan SIASN sering keliru: terima hanya bila sudah dipastikan.",
                payload=r,
            )
    return changes


def fingerprint(changes: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(changes, sort_keys=True, default=str).encode()).hexdigest()
