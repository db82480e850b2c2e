"""The mapping writes values one way and reads them back to the same value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.exchange.domain.mapping import Column, ColumnType, parse_value, to_siasn, to_text


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        (ColumnType.TEXT, "Rahmat, S.Kom", "Rahmat, S.Kom"),
        (ColumnType.INT, 3, "3"),
        (ColumnType.DECIMAL, Decimal("24.50"), "24.50"),
        (ColumnType.DECIMAL, Decimal("80"), "80"),
        (ColumnType.DATE, dt.date(2026, 3, 2), "2026-03-02"),
        (ColumnType.TEXT, None, ""),
    ],
)
def test_values_round_trip_through_text(kind, value, text):
    column = Column("x", "sumber", "", kind)
    assert to_text(value) == text
    assert parse_value(column, text) == value


def test_booleans_are_written_as_one_and_zero():
    assert (to_text(True), to_text(False)) == ("1", "0")


def test_to_siasn_keeps_only_columns_with_a_siasn_field():
    row = {
        "nip": "198503122010011007",
        "nama": "Rahmat",
        "jenis": "kursus",
        "bentuk": "Kursus",
        "nama_kegiatan": "Kursus Gawat Darurat",
        "penyelenggara": "RSUD",
        "tanggal_mulai": dt.date(2026, 5, 4),
        "tanggal_selesai": dt.date(2026, 5, 6),
        "tahun": 2026,
        "jumlah_jp": Decimal("24.5"),
        "sumber": "report-1",
    }
    siasn = to_siasn("training", row)
    assert siasn["namaKursus"] == "Kursus Gawat Darurat" and siasn["jumlahJam"] == Decimal("24.5")
    assert "sumber" not in siasn and "jenis" not in siasn
