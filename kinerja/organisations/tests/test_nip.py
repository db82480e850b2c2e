"""NIP rules as a table: what is accepted, what is refused, and the message users read."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.organisations.domain.nip import (
    Gender,
    NipError,
    build_nip,
    format_nip,
    normalise,
    parse_nip,
)

VALID = "198503122010011003"


@pytest.mark.parametrize(
    ("raw", "birth", "appointed", "gender", "sequence"),
    [
        (VALID, dt.date(1985, 3, 12), (2010, 1), Gender.MALE, 3),
        ("19850312 201001 1 003", dt.date(1985, 3, 12), (2010, 1), Gender.MALE, 3),
        ("19850312.201001.1.003", dt.date(1985, 3, 12), (2010, 1), Gender.MALE, 3),
        (" 19850312-201001-1-003 ", dt.date(1985, 3, 12), (2010, 1), Gender.MALE, 3),
        ("199002282015032999", dt.date(1990, 2, 28), (2015, 3), Gender.FEMALE, 999),
        ("200002292022121001", dt.date(2000, 2, 29), (2022, 12), Gender.MALE, 1),  # leap day
        ("198001012005012001", dt.date(1980, 1, 1), (2005, 1), Gender.FEMALE, 1),
    ],
)
def test_valid_nip_is_parsed_into_its_parts(raw, birth, appointed, gender, sequence):
    nip = parse_nip(raw)
    assert nip.value == normalise(raw)
    assert nip.birth_date == birth
    assert (nip.appointment_year, nip.appointment_month) == appointed
    assert nip.gender is gender
    assert nip.sequence == sequence


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "NIP wajib diisi."),
        ("   ", "NIP wajib diisi."),
        ("19850312201001100", "NIP harus 18 digit angka (yang diisi 17 digit)."),
        ("1985031220100110033", "NIP harus 18 digit angka (yang diisi 19 digit)."),
        ("19850312201001100A", "NIP hanya boleh berisi angka."),
        ("NIP198503122010011", "NIP hanya boleh berisi angka."),
        (
            "198502302010011003",
            "Digit 1–8 NIP (19850230) bukan tanggal lahir yang sah (format TTTTBBHH).",
        ),
        (
            "198513012010011003",
            "Digit 1–8 NIP (19851301) bukan tanggal lahir yang sah (format TTTTBBHH).",
        ),
        (
            "199902292020011003",
            "Digit 1–8 NIP (19990229) bukan tanggal lahir yang sah (format TTTTBBHH).",
        ),
        ("193012121960011003", "Tahun lahir pada NIP (1930) tidak masuk akal."),
        (
            "198503122010131003",
            "Digit 13–14 NIP (13) bukan bulan pengangkatan yang sah (01–12).",
        ),
        (
            "198503122010001003",
            "Digit 13–14 NIP (00) bukan bulan pengangkatan yang sah (01–12).",
        ),
        (
            "198503122001011003",
            "Tahun pengangkatan pada NIP (2001) tidak cocok dengan tahun lahir (1985): "
            "usia saat diangkat harus 17–60 tahun.",
        ),
        (
            "195003122011011003",
            "Tahun pengangkatan pada NIP (2011) tidak cocok dengan tahun lahir (1950): "
            "usia saat diangkat harus 17–60 tahun.",
        ),
        ("198503122010013003", "Digit ke-15 NIP (3) harus 1 (laki-laki) atau 2 (perempuan)."),
        ("198503122010010003", "Digit ke-15 NIP (0) harus 1 (laki-laki) atau 2 (perempuan)."),
        ("198503122010011000", "Nomor urut NIP (digit 16–18) tidak boleh 000."),
    ],
)
def test_invalid_nip_is_refused_with_an_indonesian_message(raw, message):
    with pytest.raises(NipError) as excinfo:
        parse_nip(raw)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("19850312 201001 1 003", VALID),
        ("19850312.201001.1.003", VALID),
        ("19850312-201001-1-003", VALID),
        ("\t19850312 201001 1 003\n", VALID),
        ("", ""),
        (None, ""),
    ],
)
def test_spaces_dots_and_dashes_are_dropped(raw, normalised):
    assert normalise(raw) == normalised


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        (VALID, "19850312 201001 1 003"),
        ("19850312.201001.1.003", "19850312 201001 1 003"),
        ("12345", "12345"),  # not a NIP: shown as typed
    ],
)
def test_nip_is_printed_in_its_four_groups(raw, printed):
    assert format_nip(raw) == printed


@pytest.mark.parametrize(
    ("birth", "appointed", "gender", "sequence", "nip"),
    [
        (dt.date(1985, 3, 12), (2010, 1), Gender.MALE, 3, VALID),
        (dt.date(1990, 12, 1), (2019, 7), Gender.FEMALE, 42, "199012012019072042"),
    ],
)
def test_built_nip_round_trips_through_the_parser(birth, appointed, gender, sequence, nip):
    built = build_nip(birth, appointed, gender, sequence)
    assert built == nip
    parsed = parse_nip(built)
    assert (parsed.birth_date, parsed.gender, parsed.sequence) == (birth, gender, sequence)
