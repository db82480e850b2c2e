"""Pure rules for organisational plans, the SKP deadline and the monitoring status.

- Perjanjian Kinerja rows (PermenPANRB 53/2014, format PK): sasaran, IKU, satuan, target with
  optional baseline and quarterly targets; every row is validated on its own and the errors name
  the row so a whole file can be corrected at once.
- The SKP deadline: SKP is set at the start of the year (PermenPANRB 6/2022 Pasal 8); the regency
  uses the end of January unless configured otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

TARGET_COLUMNS = (
    "kode_unit",
    "sasaran",
    "indikator",
    "kondisi_awal",
    "target",
    "satuan",
    "tw1",
    "tw2",
    "tw3",
    "tw4",
    "kode_sasaran_daerah",
)

TARGET_HEADERS = (
    "Kode Unit",
    "Sasaran Strategis",
    "Indikator Kinerja Utama",
    "Kondisi Awal",
    "Target",
    "Satuan",
    "Target TW I",
    "Target TW II",
    "Target TW III",
    "Target TW IV",
    "Kode Sasaran Daerah",
)


@dataclass(frozen=True)
class TargetRow:
    unit_code: str
    objective: str
    indicator: str
    baseline: Decimal | None
    target_value: Decimal
    target_unit: str
    quarters: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
    goal_code: str


def parse_number(value: object) -> Decimal | None:
    """A cell as a number: accepts 85, 85.5, "85,5" (Indonesian decimal comma); None if empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("bukan angka")
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError("bukan angka") from exc


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def validate_target_row(cells: dict[str, object]) -> tuple[TargetRow | None, list[str]]:
    """Check one Perjanjian Kinerja row; returns the clean row or the Indonesian errors."""
    errors: list[str] = []
    unit_code, objective, indicator = (
        _text(cells.get("kode_unit")),
        _text(cells.get("sasaran")),
        _text(cells.get("indikator")),
    )
    unit = _text(cells.get("satuan"))
    if not unit_code:
        errors.append("Kode unit wajib diisi.")
    if not objective:
        errors.append("Sasaran strategis wajib diisi.")
    if not indicator:
        errors.append("Indikator kinerja utama wajib diisi.")
    if not unit:
        errors.append("Satuan wajib diisi.")
    numbers: dict[str, Decimal | None] = {}
    labels = {
        "kondisi_awal": "Kondisi awal",
        "target": "Target",
        "tw1": "Target TW I",
        "tw2": "Target TW II",
        "tw3": "Target TW III",
        "tw4": "Target TW IV",
    }
    for key, label in labels.items():
        try:
            numbers[key] = parse_number(cells.get(key))
        except ValueError:
            errors.append(f"{label} harus berupa angka (mis. 85 atau 85,5).")
            numbers[key] = None
    if numbers["target"] is None and not any("Target harus" in e for e in errors):
        errors.append("Target wajib diisi.")
    if errors:
        return None, errors
    target = numbers["target"]
    assert target is not None
    return (
        TargetRow(
            unit_code=unit_code,
            objective=objective,
            indicator=indicator,
            baseline=numbers["kondisi_awal"],
            target_value=target,
            target_unit=unit,
            quarters=(numbers["tw1"], numbers["tw2"], numbers["tw3"], numbers["tw4"]),
            goal_code=_text(cells.get("kode_sasaran_daerah")),
        ),
        [],
    )


# --- deadline and monitoring -------------------------------------------------------------------

DEFAULT_DEADLINE = (1, 31)


def skp_deadline(year: int, month_day: tuple[int, int] = DEFAULT_DEADLINE) -> dt.date:
    """The last day to have the year's SKP approved (default 31 January)."""
    month, day = month_day
    return dt.date(year, month, day)


class MonitoringStatus(StrEnum):
    NONE = "none"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


MONITORING_LABELS = {
    MonitoringStatus.NONE: "Belum ada SKP",
    MonitoringStatus.DRAFT: "Draf",
    MonitoringStatus.SUBMITTED: "Diajukan",
    MonitoringStatus.RETURNED: "Dikembalikan",
    MonitoringStatus.APPROVED: "Disetujui",
}


def monitoring_status(skp_status: str | None) -> MonitoringStatus:
    """Map an SKP status to the five monitoring columns (a revision in progress counts as
    approved: the approved plan stays in force until the assessor decides)."""
    if skp_status is None:
        return MonitoringStatus.NONE
    if skp_status == "revision_requested":
        return MonitoringStatus.APPROVED
    return MonitoringStatus(skp_status)


def is_late(status: MonitoringStatus, *, today: dt.date, deadline: dt.date) -> bool:
    """Late: the deadline has passed and the SKP is not approved."""
    return today > deadline and status != MonitoringStatus.APPROVED


def reminder_window(run_date: dt.date, deadline: dt.date) -> bool:
    """Weekly reminders run from 1 January of the SKP year until the deadline."""
    return dt.date(deadline.year, 1, 1) <= run_date <= deadline
