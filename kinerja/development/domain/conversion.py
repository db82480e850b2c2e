"""Converting a development activity into JP (jam pelajaran).

The defaults below are an agency's table (BPS letter B-031/2019, which follows LAN; the seminar
and workshop values match LAN's own table), not national law. BKPSDM edits them; they ship as
editable defaults. 1 JP = 45 minutes (`MINUTES_PER_JP`) is the common convention, not a national
text, and is also a default.

Rounding: JP from actual minutes are rounded *down* to 2 decimals (ROUND_DOWN), so nobody is
credited with minutes not spent (100 minutes = 2.22 JP). The +20 % uplift for international
trainings is applied to that figure and rounded down the same way; daily caps are applied last.
What the "+20 %" of the source means for activities other than trainings is not stated, so it is
applied only where the rule sets `international_uplift_pct`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from types import MappingProxyType

from .activities import ActivityForm

MINUTES_PER_JP = 45
_TWO_PLACES = Decimal("0.01")


class ConversionBasis(StrEnum):
    PER_SEMESTER = "per_semester"
    ACTUAL_HOURS = "actual_hours"
    PER_DAY = "per_day"
    PER_SESSION = "per_session"
    PER_ACTIVITY = "per_activity"

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    ConversionBasis.PER_SEMESTER: "per semester",
    ConversionBasis.ACTUAL_HOURS: "sesuai jam pelajaran riil",
    ConversionBasis.PER_DAY: "per hari",
    ConversionBasis.PER_SESSION: "per sesi",
    ConversionBasis.PER_ACTIVITY: "per kegiatan",
}


@dataclass(frozen=True)
class ConversionRule:
    """How one activity form converts into JP; an editable default, not law.

    `jp_national`/`jp_international` are JP per unit of `basis` (None for actual hours).
    `cap_per_day` (and `cap_per_day_international`) caps actual-hours JP per day of activity.
    `cap_per_month` is the number of sessions counted per month (per-session basis only).
    `international_uplift_pct` adds a percentage to actual-hours JP for international trainings.
    """

    form: ActivityForm
    basis: ConversionBasis
    jp_national: Decimal | None = None
    jp_international: Decimal | None = None
    cap_per_day: Decimal | None = None
    cap_per_month: int | None = None
    note: str = ""
    cap_per_day_international: Decimal | None = None
    international_uplift_pct: int = 0

    def __post_init__(self) -> None:
        fixed = self.basis is not ConversionBasis.ACTUAL_HOURS
        if fixed and self.jp_national is None:
            raise ValueError(f"Aturan {self.form.label}: JP nasional wajib diisi.")
        if not fixed and (self.jp_national is not None or self.jp_international is not None):
            raise ValueError(f"Aturan {self.form.label}: JP riil tidak memakai nilai JP tetap.")
        if self.cap_per_month is not None and self.basis is not ConversionBasis.PER_SESSION:
            raise ValueError(f"Aturan {self.form.label}: batas per bulan hanya untuk sesi.")
        if fixed and (self.cap_per_day is not None or self.cap_per_day_international is not None):
            raise ValueError(f"Aturan {self.form.label}: batas per hari hanya untuk JP riil.")
        if self.international_uplift_pct < 0:
            raise ValueError(
                f"Aturan {self.form.label}: tambahan internasional tidak boleh negatif."
            )


def _rules(basis: ConversionBasis, *forms: ActivityForm, **values) -> list[ConversionRule]:
    """One rule per form: the reference table gives these forms the same conversion."""
    return [ConversionRule(form, basis, **values) for form in forms]


_A = ActivityForm
_B = ConversionBasis
_D = Decimal
_ACTUAL_TRAINING = "JP sesuai jam pelajaran riil; kegiatan internasional +20%."
_NOT_IN_TABLE = "Tidak ada dalam tabel acuan: dihitung sesuai jam pelajaran riil."

# Read-only: BKPSDM's edited copies live in the database; these are the starting values.
# The order is the order the rules page lists them in.
DEFAULT_RULES: Mapping[ActivityForm, ConversionRule] = MappingProxyType(
    {
        rule.form: rule
        for rule in (
            *_rules(
                _B.PER_SEMESTER,
                _A.TUGAS_BELAJAR,
                _A.IZIN_BELAJAR,
                jp_national=_D(20),
                jp_international=_D(20),
                note="20 JP per semester.",
            ),
            *_rules(
                _B.ACTUAL_HOURS,
                _A.PELATIHAN_STRUKTURAL,
                _A.PELATIHAN_MANAJERIAL,
                _A.PELATIHAN_TEKNIS,
                _A.PELATIHAN_FUNGSIONAL,
                _A.PELATIHAN_SOSIAL_KULTURAL,
                _A.KURSUS,
                _A.BIMTEK,
                _A.PENATARAN,
                _A.KLASIKAL_LAINNYA,
                international_uplift_pct=20,
                note=_ACTUAL_TRAINING,
            ),
            *_rules(
                _B.PER_DAY,
                _A.SEMINAR,
                _A.SOSIALISASI,
                jp_national=_D(4),
                jp_international=_D(6),
                note="4 JP per hari (internasional 6 JP).",
            ),
            ConversionRule(
                _A.WORKSHOP,
                _B.PER_DAY,
                jp_national=_D(5),
                jp_international=_D(7),
                note="5 JP per hari (internasional 7 JP).",
            ),
            # International coaching/mentoring: 4 JP a day, taken here as 4 JP per session-day; the
            # monthly cap of two sessions is applied to both (UNCONFIRMED for international).
            *_rules(
                _B.PER_SESSION,
                _A.COACHING,
                _A.MENTORING,
                jp_national=_D(2),
                jp_international=_D(4),
                cap_per_month=2,
                note="2 JP per sesi, paling banyak 2 sesi per bulan.",
            ),
            ConversionRule(
                _A.E_LEARNING,
                _B.ACTUAL_HOURS,
                cap_per_day=_D(3),
                cap_per_day_international=_D(4),
                note="JP riil, paling banyak 3 JP per hari (internasional 4 JP).",
            ),
            ConversionRule(_A.PELATIHAN_JARAK_JAUH, _B.ACTUAL_HOURS, note=_NOT_IN_TABLE),
            *_rules(
                _B.PER_ACTIVITY,
                _A.DETASERING,
                _A.PERTUKARAN,
                _A.MAGANG,
                jp_national=_D(20),
                jp_international=_D(24),
                note="20 JP per kegiatan (internasional 24 JP).",
            ),
            ConversionRule(
                _A.BENCHMARKING,
                _B.PER_ACTIVITY,
                jp_national=_D(10),
                jp_international=_D(20),
                note="10 JP per kegiatan (internasional 20 JP).",
            ),
            *_rules(
                _B.ACTUAL_HOURS,
                _A.BELAJAR_MANDIRI,
                _A.KOMUNITAS_BELAJAR,
                cap_per_day=_D(2),
                note="JP riil, paling banyak 2 JP per hari.",
            ),
            *_rules(
                _B.ACTUAL_HOURS,
                _A.OUTBOUND,
                _A.BIMBINGAN_DI_TEMPAT_KERJA,
                _A.NONKLASIKAL_LAINNYA,
                note=_NOT_IN_TABLE,
            ),
        )
    }
)


@dataclass(frozen=True)
class JpResult:
    """JP credited for an activity and, in Indonesian, how the figure came about."""

    jp: Decimal
    lines: list[str] = field(default_factory=list)


def _fmt(value: Decimal) -> str:
    """Indonesian number: 2.50 → "2,5", 15.00 → "15"."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _down(value: Decimal) -> Decimal:
    return value.quantize(_TWO_PLACES, rounding=ROUND_DOWN)


def _require_positive(value: int | None, what: str, form: ActivityForm) -> int:
    if value is None:
        raise ValueError(f"{form.label}: {what} wajib diisi.")
    if value < 1:
        raise ValueError(f"{form.label}: {what} paling sedikit 1.")
    return value


def compute_jp(
    rule: ConversionRule,
    *,
    minutes: int | None = None,
    days: int | None = None,
    sessions_by_month: Mapping[str, int] | None = None,
    semesters: int | None = None,
    international: bool = False,
    minutes_per_jp: int = MINUTES_PER_JP,
) -> JpResult:
    """JP for one activity under `rule`, with the explanation lines the employee sees.

    Inputs by basis: per semester needs `semesters`; per day needs `days`; per session needs
    `sessions_by_month` (month key such as "2026-03" → sessions held); actual hours needs
    `minutes`, and also `days` when the rule caps JP per day; per activity needs nothing.
    Raises ValueError (Indonesian message) when a needed input is missing or out of range.
    """
    form = rule.form
    scope = "internasional" if international else "nasional"
    lines: list[str] = []

    def fixed_jp() -> Decimal:
        assert rule.jp_national is not None
        if international and rule.jp_international is not None:
            return rule.jp_international
        return rule.jp_national

    if rule.basis is ConversionBasis.PER_SEMESTER:
        count = _require_positive(semesters, "jumlah semester", form)
        per = fixed_jp()
        jp = _down(per * count)
        lines.append(
            f"{form.label} ({scope}): {_fmt(per)} JP per semester × {count} semester = {_fmt(jp)} JP."
        )
    elif rule.basis is ConversionBasis.PER_DAY:
        count = _require_positive(days, "jumlah hari", form)
        per = fixed_jp()
        jp = _down(per * count)
        lines.append(
            f"{form.label} ({scope}): {_fmt(per)} JP per hari × {count} hari = {_fmt(jp)} JP."
        )
    elif rule.basis is ConversionBasis.PER_ACTIVITY:
        jp = _down(fixed_jp())
        lines.append(f"{form.label} ({scope}): {_fmt(jp)} JP per kegiatan.")
    elif rule.basis is ConversionBasis.PER_SESSION:
        if not sessions_by_month:
            raise ValueError(f"{form.label}: jumlah sesi per bulan wajib diisi.")
        per = fixed_jp()
        counted_total = 0
        for month in sorted(sessions_by_month):
            held = int(sessions_by_month[month])
            if held < 0:
                raise ValueError(f"{form.label}: jumlah sesi tidak boleh negatif.")
            counted = held if rule.cap_per_month is None else min(held, rule.cap_per_month)
            counted_total += counted
            if counted < held:
                lines.append(
                    f"Bulan {month}: {held} sesi, dihitung {counted} sesi "
                    f"(paling banyak {rule.cap_per_month} sesi per bulan)."
                )
            else:
                lines.append(f"Bulan {month}: {held} sesi dihitung.")
        jp = _down(per * counted_total)
        lines.append(
            f"{form.label} ({scope}): {_fmt(per)} JP per sesi × {counted_total} sesi = {_fmt(jp)} JP."
        )
    else:
        if minutes is None:
            raise ValueError(f"{form.label}: jumlah menit wajib diisi.")
        if minutes < 0:
            raise ValueError(f"{form.label}: jumlah menit tidak boleh negatif.")
        if minutes_per_jp < 1:
            raise ValueError("Satu JP paling sedikit 1 menit.")
        jp = _down(Decimal(minutes) / minutes_per_jp)
        lines.append(
            f"{minutes} menit ÷ {minutes_per_jp} menit per JP = {_fmt(jp)} JP (dibulatkan ke bawah)."
        )
        if international and rule.international_uplift_pct:
            uplifted = _down(jp * (100 + rule.international_uplift_pct) / 100)
            lines.append(
                f"Kegiatan internasional: +{rule.international_uplift_pct}% menjadi {_fmt(uplifted)} JP."
            )
            jp = uplifted
        cap = rule.cap_per_day_international if international else None
        cap = cap if cap is not None else rule.cap_per_day
        if cap is not None:
            count = _require_positive(days, "jumlah hari", form)
            limit = cap * count
            if jp > limit:
                lines.append(
                    f"Dibatasi paling banyak {_fmt(cap)} JP per hari × {count} hari = {_fmt(limit)} JP."
                )
                jp = _down(limit)
            else:
                lines.append(
                    f"Di bawah batas {_fmt(cap)} JP per hari × {count} hari: tidak dipotong."
                )
    return JpResult(jp=jp, lines=lines)
