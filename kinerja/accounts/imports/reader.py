"""Turn an uploaded .xlsx or .csv into raw rows, refusing files that are not what they claim.

Every refusal is an `ImportFileError` with an Indonesian message; nothing here raises anything
else for a bad file. Limits guard the server: file size (settings.MAX_UPLOAD_BYTES), the
uncompressed size and entry count of the workbook zip (zip bombs), rows per sheet and columns.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from .spec import (
    INSTRUCTIONS_TITLE,
    SheetSpec,
    normalise_header,
    sheet_for_headers,
    sheet_for_title,
)

MAX_ROWS_PER_SHEET = 20_000
MAX_COLUMNS = 40
MAX_CELL_CHARS = 1_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_COMPRESSION_RATIO = 200


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is shown to the user as is."""


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class RawRow:
    number: int  # as the user sees it in the spreadsheet (header is row 1)
    values: dict[str, Any]


@dataclass
class RawSheet:
    spec: SheetSpec
    title: str
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class ParsedFile:
    sheets: list[RawSheet] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)

    def sheet(self, kind: str) -> RawSheet | None:
        return next((s for s in self.sheets if s.spec.kind == kind), None)


def _limit_mb() -> str:
    return f"{settings.MAX_UPLOAD_BYTES / (1024 * 1024):.0f} MB"


def detect_format(data: bytes, name: str = "") -> str:
    """'xlsx' or 'csv' judged by content, not by the name; refuse anything else."""
    if not data or not data.strip():
        raise ImportFileError("Berkas kosong. Unggah templat yang sudah diisi.")
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise ImportFileError(f"Berkas terlalu besar (batas {_limit_mb()}).")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx lalu unggah lagi."
        )
    if data.startswith(b"%PDF"):
        raise ImportFileError("Berkas ini PDF, bukan Excel (.xlsx) atau CSV.")
    if b"\x00" in data[:4096]:
        raise ImportFileError("Berkas bukan Excel (.xlsx) atau CSV yang sah.")
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError("Berkas bernama .xlsx tetapi isinya bukan buku kerja Excel yang sah.")
    return "csv"


def read_file(data: bytes, name: str = "") -> ParsedFile:
    """Parse a whole upload into raw rows plus header errors."""
    fmt = detect_format(data, name)
    return _read_xlsx(data) if fmt == "xlsx" else _read_csv(data)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if len(value) > MAX_CELL_CHARS:
            value = value[:MAX_CELL_CHARS]
        return value or None
    return value


def _map_headers(
    spec: SheetSpec, title: str, header_row: list[Any], errors: list[RowError]
) -> dict[int, str] | None:
    by_header = {normalise_header(c.header): c for c in spec.columns}
    by_header.update({normalise_header(c.key): c for c in spec.columns})
    mapping: dict[int, str] = {}
    ok = True
    for index, raw in enumerate(header_row):
        if raw is None or str(raw).strip() == "":
            continue
        column = by_header.get(normalise_header(raw))
        if column is None:
            errors.append(
                RowError(
                    title,
                    1,
                    str(raw)[:60],
                    "Kolom tidak dikenal. Gunakan judul kolom dari templat.",
                )
            )
            ok = False
        elif column.key in mapping.values():
            errors.append(RowError(title, 1, column.header, "Kolom ini muncul lebih dari sekali."))
            ok = False
        else:
            mapping[index] = column.key
    for column in spec.columns:
        if column.required and column.key not in mapping.values():
            errors.append(
                RowError(title, 1, column.header, "Kolom wajib tidak ditemukan pada baris judul.")
            )
            ok = False
    return mapping if ok else None


def _collect(spec: SheetSpec, title: str, rows: Any, errors: list[RowError]) -> RawSheet | None:
    """Read the header then the data rows of one sheet, skipping blank rows."""
    iterator = iter(rows)
    header: list[Any] | None = None
    for row in iterator:
        if any(v not in (None, "") for v in row):
            header = list(row)[:MAX_COLUMNS]
            break
    if header is None:
        return RawSheet(spec, title)
    mapping = _map_headers(spec, title, header, errors)
    if mapping is None:
        return None
    sheet = RawSheet(spec, title)
    for number, row in enumerate(iterator, start=2):
        values = {key: _cell(row[i]) if i < len(row) else None for i, key in mapping.items()}
        if all(v is None for v in values.values()):
            continue
        if len(sheet.rows) >= MAX_ROWS_PER_SHEET:
            raise ImportFileError(
                f"Lembar {title} berisi lebih dari {MAX_ROWS_PER_SHEET:,} baris data. "
                "Bagi menjadi beberapa berkas.".replace(",", ".")
            )
        sheet.rows.append(RawRow(number, values))
    return sheet


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFileError("Berkas Excel rusak atau bukan .xlsx yang sah.") from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ImportFileError("Berkas Excel memuat terlalu banyak bagian; tidak dapat diproses.")
    total = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED_BYTES or (
        total / compressed > MAX_COMPRESSION_RATIO and total > 10 * 1024 * 1024
    ):
        raise ImportFileError(
            "Isi berkas Excel terlalu besar setelah diekstrak; tidak dapat diproses."
        )
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise ImportFileError("Berkas ini arsip ZIP, bukan buku kerja Excel (.xlsx).")


def _read_xlsx(data: bytes) -> ParsedFile:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise ImportFileError("Berkas Excel rusak atau tidak dapat dibaca.") from exc
    parsed = ParsedFile()
    try:
        for worksheet in workbook.worksheets:
            title = worksheet.title
            if title.strip().lower() == INSTRUCTIONS_TITLE.lower():
                continue
            spec = sheet_for_title(title)
            if spec is None:
                parsed.errors.append(
                    RowError(
                        title,
                        0,
                        "",
                        "Lembar tidak dikenal. Gunakan lembar Unit, Jabatan, Pegawai atau Penilai.",
                    )
                )
                continue
            if parsed.sheet(spec.kind) is not None:
                parsed.errors.append(
                    RowError(title, 0, "", "Lembar untuk jenis data ini muncul dua kali.")
                )
                continue
            rows = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            sheet = _collect(spec, title, rows, parsed.errors)
            if sheet is not None:
                parsed.sheets.append(sheet)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError("Berkas Excel rusak atau tidak dapat dibaca.") from exc
    finally:
        workbook.close()
    if not parsed.sheets and not parsed.errors:
        raise ImportFileError(
            "Tidak ada lembar data (Unit, Jabatan, Pegawai, Penilai) di berkas ini."
        )
    return parsed


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("Berkas CSV harus berkodekan UTF-8.")


def _read_csv(data: bytes) -> ParsedFile:
    text = _decode(data)
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [
            row[:MAX_COLUMNS]
            for _, row in zip(range(MAX_ROWS_PER_SHEET + 10), reader, strict=False)
        ]
        if next(reader, None) is not None:
            raise ImportFileError(
                f"Berkas CSV berisi lebih dari {MAX_ROWS_PER_SHEET} baris data. Bagi menjadi beberapa berkas."
            )
    except csv.Error as exc:
        raise ImportFileError(f"Berkas CSV tidak dapat dibaca: {exc}.") from exc
    header = next((r for r in rows if any(c.strip() for c in r)), None)
    if header is None:
        raise ImportFileError("Berkas kosong. Unggah templat yang sudah diisi.")
    spec = sheet_for_headers(header)
    parsed = ParsedFile()
    if spec is None:
        parsed.errors.append(
            RowError(
                "CSV",
                1,
                "",
                "Judul kolom tidak cocok dengan templat mana pun (Unit, Jabatan, Pegawai, Penilai). "
                "Unduh templat CSV dan salin judul kolomnya.",
            )
        )
        return parsed
    sheet = _collect(spec, spec.title, rows, parsed.errors)
    if sheet is not None:
        parsed.sheets.append(sheet)
    return parsed
