"""The NIP (Nomor Induk Pegawai) of a PNS, and the NI PPPK, which shares its layout.

Layout (PP 11/2017 practice, BKN): 18 digits =
  birth date YYYYMMDD (1-8) + appointment year and month YYYYMM (9-14) + gender (15: 1 man, 2 woman)
  + sequence number (16-18).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class NipError(ValueError):
    """A NIP that cannot be valid; the message is shown to users as is."""


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: dt.date
    appointment_year: int
    appointment_month: int
    gender: Gender
    sequence: int


_DIGITS = re.compile(r"^\d{18}$")
MIN_AGE_AT_APPOINTMENT = 17
MAX_AGE_AT_APPOINTMENT = 60


def normalise(raw: str) -> str:
    """Drop the spaces and dots people type inside a NIP ("19850312 201001 1 003")."""
    return re.sub(r"[\s.\-]", "", raw or "")


def parse_nip(raw: str) -> Nip:
    """Parse and check a NIP, or raise NipError with an Indonesian message naming the fault."""
    value = normalise(raw)
    if not value:
        raise NipError("NIP wajib diisi.")
    if not value.isdigit():
        raise NipError("NIP hanya boleh berisi angka.")
    if not _DIGITS.match(value):
        raise NipError(f"NIP harus 18 digit angka (yang diisi {len(value)} digit).")
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError as exc:
        raise NipError(
            f"Digit 1–8 NIP ({value[0:8]}) bukan tanggal lahir yang sah (format TTTTBBHH)."
        ) from exc
    if birth.year < 1940:
        raise NipError(f"Tahun lahir pada NIP ({birth.year}) tidak masuk akal.")
    year, month = int(value[8:12]), int(value[12:14])
    if not 1 <= month <= 12:
        raise NipError(
            f"Digit 13–14 NIP ({value[12:14]}) bukan bulan pengangkatan yang sah (01–12)."
        )
    age = year - birth.year
    if age < MIN_AGE_AT_APPOINTMENT or age > MAX_AGE_AT_APPOINTMENT:
        raise NipError(
            f"Tahun pengangkatan pada NIP ({year}) tidak cocok dengan tahun lahir ({birth.year}): "
            f"usia saat diangkat harus {MIN_AGE_AT_APPOINTMENT}–{MAX_AGE_AT_APPOINTMENT} tahun."
        )
    gender_digit = value[14]
    if gender_digit not in {"1", "2"}:
        raise NipError(f"Digit ke-15 NIP ({gender_digit}) harus 1 (laki-laki) atau 2 (perempuan).")
    sequence = int(value[15:18])
    if sequence == 0:
        raise NipError("Nomor urut NIP (digit 16–18) tidak boleh 000.")
    return Nip(
        value=value,
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        gender=Gender.MALE if gender_digit == "1" else Gender.FEMALE,
        sequence=sequence,
    )


def format_nip(value: str) -> str:
    """Group a NIP the way it is printed: 19850312 201001 1 003."""
    v = normalise(value)
    if len(v) != 18:
        return value
    return f"{v[0:8]} {v[8:14]} {v[14]} {v[15:18]}"


def build_nip(
    birth_date: dt.date, appointed: tuple[int, int], gender: Gender, sequence: int
) -> str:
    """Compose a NIP from its parts (demo data and tests)."""
    digit = "1" if gender is Gender.MALE else "2"
    return f"{birth_date:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{digit}{sequence:03d}"
