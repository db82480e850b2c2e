"""The field mapping of the files for SIASN and e-Kinerja BKN (docs/integration-siasn.md).

Each export is a list of `Column`s in file order: the column name in our file, the source
field in Kinerja, the SIASN web-service field it feeds and its type. The same list writes the
CSV/JSON and reads it back (`parse_row`), so a test can round-trip every file through it.

Codes for ratings and predicates follow the SIASN reference tables `perilakuDanKinerja` and
`kuadranNilai` as used by public SIASN client code (1 = Di Atas, 2 = Sesuai, 3 = Di Bawah
Ekspektasi; kuadran 1 Sangat Baik … 5 Sangat Kurang). Not confirmed against a BKN
publication: verify against `/referensi` of the SIASN web service before the first transfer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any


class ColumnType(StrEnum):
    TEXT = "text"
    INT = "int"
    DECIMAL = "decimal"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    name: str  # the column in our CSV/JSON file
    source: str  # where Kinerja reads it
    siasn: str  # the SIASN / e-Kinerja web-service field it feeds ("" = none, ours only)
    type: ColumnType = ColumnType.TEXT
    note: str = ""

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]


TYPE_LABELS = {
    ColumnType.TEXT: "teks",
    ColumnType.INT: "bilangan bulat",
    ColumnType.DECIMAL: "desimal (titik)",
    ColumnType.DATE: "tanggal TTTT-BB-HH",
}

# Rating hasil kerja / perilaku kerja → SIASN `perilakuDanKinerja` id.
RATING_CODES = {"above": 1, "meets": 2, "below": 3}
# Predikat kinerja pegawai → SIASN `kuadranNilai` id.
PREDICATE_CODES = {
    "very_good": 1,
    "good": 2,
    "needs_improvement": 3,
    "poor": 4,
    "very_poor": 5,
}
ASSESSOR_STATUS = "ASN"

_IDENTITY = (
    Column(
        "nip",
        "Employee.nip",
        "nipBaru",
        note="Kunci pegawai; SIASN mencari pnsDinilaiId/pnsOrangId dari NIP",
    ),
    Column("nama", "Employee.full_name", "nama"),
)
_ASSESSOR = (
    Column("penilai_nip", "Evaluation.assessor_nip", "penilaiNipNrp"),
    Column("penilai_nama", "Evaluation.assessor_name", "penilaiNama"),
    Column("penilai_jabatan", "Evaluation.assessor_position", "penilaiJabatan"),
    Column("penilai_unor", "Skp.assessor_unit", "penilaiUnorNama"),
    Column(
        "penilai_golongan",
        "Skp.assessor_rank",
        "penilaiGolongan",
        note="Teks pangkat/golongan; SIASN meminta id golongan",
    ),
    Column("status_penilai", f"konstanta “{ASSESSOR_STATUS}”", "statusPenilai"),
)
_RATINGS = (
    Column("rating_hasil_kerja", "Evaluation.work_rating (label)", ""),
    Column(
        "kode_hasil_kerja", "Evaluation.work_rating → kode", "hasilKinerjaNilai", ColumnType.INT
    ),
    Column("rating_perilaku_kerja", "Evaluation.behaviour_rating (label)", ""),
    Column(
        "kode_perilaku_kerja",
        "Evaluation.behaviour_rating → kode",
        "perilakuKerjaNilai",
        ColumnType.INT,
    ),
    Column("predikat", "Evaluation.predicate (label)", ""),
    Column("kode_predikat", "Evaluation.predicate → kode", "kuadranKinerjaNilai", ColumnType.INT),
)

SKP_ANNUAL = (
    *_IDENTITY,
    Column("tahun", "Period.year (periode tahunan)", "tahun", ColumnType.INT),
    Column("periode_mulai", "Skp.period_start", "", ColumnType.DATE),
    Column("periode_selesai", "Skp.period_end", "", ColumnType.DATE),
    Column("jabatan", "Skp.position_name", ""),
    Column("unit_kerja", "Skp.unit_name", ""),
    Column("instansi", "Skp.agency_name", ""),
    *_RATINGS,
    *_ASSESSOR,
    Column("tanggal_penilaian", "Evaluation.evaluated_at (tanggal, WIB)", "", ColumnType.DATE),
    Column("final", "Evaluation.is_final (1 = keberatan diputus)", "", ColumnType.INT),
)

PERIODIC = (
    *_IDENTITY,
    Column("tahun", "Period.year", "tahun", ColumnType.INT),
    Column(
        "periode",
        "Period.label",
        "periodikId",
        note="SIASN meminta id periodik; label dikirim apa adanya",
    ),
    Column("bulan_mulai", "Period.start (bulan)", "bulanMulaiPenilaian", ColumnType.INT),
    Column("tahun_mulai", "Period.start (tahun)", "tahunMulaiPenilaian", ColumnType.INT),
    Column("bulan_selesai", "Period.end (bulan)", "bulanSelesaiPenilaian", ColumnType.INT),
    Column("tahun_selesai", "Period.end (tahun)", "tahunSelesaiPenilaian", ColumnType.INT),
    Column("jabatan", "Skp.position_name", ""),
    Column("instansi", "Skp.agency_name", ""),
    *_RATINGS,
    *(
        Column("penilai_jabatan", c.source, "penilaiJabatanNama")
        if c.name == "penilai_jabatan"
        else c
        for c in _ASSESSOR
    ),
    Column("tanggal_penilaian", "Evaluation.evaluated_at (tanggal, WIB)", "", ColumnType.DATE),
)

TRAINING = (
    *_IDENTITY,
    Column(
        "jenis",
        "diklat (pelatihan struktural) atau kursus (bentuk lain)",
        "",
        note="Menentukan layanan SIASN: riwayat diklat atau riwayat kursus",
    ),
    Column("bentuk", "Activity.form / ExternalActivityReport.form (label)", "jenisKursus"),
    Column("nama_kegiatan", "TrainingEvent.title / ExternalActivityReport.title", "namaKursus"),
    Column(
        "penyelenggara",
        "Activity.provider atau unit penyelenggara / ExternalActivityReport.organiser",
        "institusiPenyelenggara",
    ),
    Column(
        "tanggal_mulai",
        "TrainingEvent.start_date / ExternalActivityReport.start_date",
        "tanggalKursus",
        ColumnType.DATE,
        "Riwayat diklat: tanggal",
    ),
    Column(
        "tanggal_selesai",
        "TrainingEvent.end_date / ExternalActivityReport.end_date",
        "tanggalSelesaiKursus",
        ColumnType.DATE,
        "Riwayat diklat: tanggalSelesai",
    ),
    Column("tahun", "JpEntry.year", "tahunKursus", ColumnType.INT, "Riwayat diklat: tahun"),
    Column(
        "jumlah_jp",
        "JpEntry.jp",
        "jumlahJam",
        ColumnType.DECIMAL,
        "JP yang diakui (1 JP = 45 menit bawaan)",
    ),
    Column(
        "sumber",
        "registration-<id> atau report-<id>",
        "",
        note="Kunci sumber di Kinerja, untuk rekonsiliasi",
    ),
)

FILES: dict[str, tuple[Column, ...]] = {
    "skp_annual": SKP_ANNUAL,
    "periodic": PERIODIC,
    "training": TRAINING,
}


def headers(kind: str) -> list[str]:
    return [c.name for c in FILES[kind]]


def to_text(value: Any) -> str:
    """How one value is written in the CSV: stable, whatever the database returned."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
        )
    return str(value)


def parse_value(column: Column, raw: Any) -> Any:
    """Read one value of our file back to its typed value (for the round-trip)."""
    if raw is None or raw == "":
        return None
    if column.type is ColumnType.INT:
        return int(raw)
    if column.type is ColumnType.DECIMAL:
        return Decimal(str(raw))
    if column.type is ColumnType.DATE:
        return dt.date.fromisoformat(str(raw))
    return str(raw)


def parse_row(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """A row of our file (CSV strings or JSON values) back to typed values, by the mapping."""
    return {c.name: parse_value(c, raw.get(c.name)) for c in FILES[kind]}


def to_siasn(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """The SIASN field names and values of one typed row (columns without a SIASN field drop)."""
    return {c.siasn: row[c.name] for c in FILES[kind] if c.siasn}
