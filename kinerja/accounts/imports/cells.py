"""Reading one cell as text, a choice, a yes/no, a number or a date, with Indonesian errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja.organisations.domain.positions import FunctionalLevel, PositionKind
from kinerja.organisations.models import (
    KIND_LABELS,
    LEVEL_LABELS,
    EmployeeStatus,
    UnitKind,
)

from .spec import normalise_header


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user."""


def _choices(pairs: list[tuple[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for value, label in pairs:
        table[normalise_header(value)] = value
        table[normalise_header(label)] = value
    return table


UNIT_KINDS = _choices([(v, str(label)) for v, label in UnitKind.choices])
POSITION_KINDS = _choices([(k.value, KIND_LABELS[k]) for k in PositionKind])
LEVELS = _choices([(v.value, LEVEL_LABELS[v]) for v in FunctionalLevel])
STATUSES = _choices([(v, str(label)) for v, label in EmployeeStatus.choices])
YES = {"ya", "y", "yes", "true", "1", "x", "benar"}
NO = {"tidak", "t", "no", "n", "false", "0", "bukan", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


def text(value: Any, *, max_length: int) -> str:
    """A cell as trimmed text; integral numbers lose their '.0' (codes typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellError("Isi sel harus berupa teks.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        raise CellError("Isi sel berupa tanggal, padahal yang diminta teks.")
    result = " ".join(str(value).split())
    if len(result) > max_length:
        raise CellError(f"Terlalu panjang: paling banyak {max_length} karakter.")
    return result


def nip_text(value: Any) -> str:
    """A NIP cell must be text: Excel rounds 18-digit numbers and silently changes the NIP."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CellError(
            "NIP tersimpan sebagai angka sehingga digitnya dibulatkan Excel. "
            "Format kolom NIP sebagai Teks lalu ketik ulang."
        )
    return value.strip()


def choice(value: Any, table: dict[str, str], allowed_help: str) -> str:
    key = normalise_header(text(value, max_length=100))
    if key not in table:
        raise CellError(
            f"Nilai “{text(value, max_length=100)}” tidak dikenal. Pilihan: {allowed_help}."
        )
    return table[key]


def yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = normalise_header(text(value, max_length=20))
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError("Isi dengan Ya atau Tidak.")


def whole_number(value: Any, *, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("Isi dengan angka bulat.")
    try:
        number = float(str(value).replace(",", "."))
    except ValueError as exc:
        raise CellError("Isi dengan angka bulat.") from exc
    if not number.is_integer() or not low <= number <= high:
        raise CellError(f"Isi dengan angka bulat {low}–{high}.")
    return int(number)


def date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        parsed = value.date()
    elif isinstance(value, dt.date):
        parsed = value
    else:
        raw = str(value).strip()
        for fmt in DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(raw, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise CellError(f"Tanggal “{raw[:30]}” tidak sah. Gunakan HH-BB-TTTT, mis. 02-01-2024.")
    if not 1940 <= parsed.year <= 2100:
        raise CellError(f"Tahun {parsed.year} tidak masuk akal.")
    return parsed
