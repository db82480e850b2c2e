"""Reading a reference upload (CSV, XLSX or JSON) into raw rows keyed by the known columns.

File checks and limits are those of the foundation import (`kinerja.accounts.imports.reader`);
file-level problems raise `ImportFileError` with an Indonesian message.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from kinerja.accounts.imports.reader import (
    MAX_COLUMNS,
    MAX_ROWS_PER_SHEET,
    ImportFileError,
    RowError,
    _check_zip,
    detect_format,
)

from .columns import SPECS, TITLES


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
