"""The layout of the import template: sheets, columns and their Indonesian explanations."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    help: str
    example: str = ""
    text: bool = False  # format the Excel column as text (NIP, codes)


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str
    columns: tuple[Column, ...]
    help: str

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


UNIT_KINDS_HELP = (
    "government, secretariat, dinas, badan, inspectorate, kecamatan, hospital, agency_other, "
    "bidang, bagian, seksi, subbagian, upt, puskesmas, school (atau nama Indonesianya, mis. Dinas)"
)
POSITION_KINDS_HELP = (
    "regent, jpt_utama, jpt_madya, jpt_pratama, administrator, pengawas, pelaksana, "
    "functional_expert (Fungsional Keahlian), functional_skilled (Fungsional Keterampilan)"
)

UNITS = SheetSpec(
    kind="units",
    title="Unit",
    help="Unit kerja. Unit induk dirujuk dengan kodenya; induk boleh berada di baris sebelumnya.",
    columns=(
        Column("code", "Kode Unit", True, "Kode unik unit (kode unor).", "1108.DINKES", True),
        Column("name", "Nama Unit", True, "Nama lengkap unit.", "Dinas Kesehatan"),
        Column("kind", "Jenis Unit", True, f"Salah satu: {UNIT_KINDS_HELP}.", "dinas"),
        Column(
            "parent_code",
            "Kode Unit Induk",
            False,
            "Kode unit induk. Kosong hanya untuk unit teratas (pemerintah kabupaten).",
            "1108",
            True,
        ),
        Column("short_name", "Singkatan", False, "Singkatan nama unit.", "Dinkes"),
    ),
)
POSITIONS = SheetSpec(
    kind="positions",
    title="Jabatan",
    help="Jabatan pada unit kerja. Unit dirujuk dengan kodenya (dari lembar Unit atau yang sudah terdaftar).",
    columns=(
        Column("code", "Kode Jabatan", True, "Kode unik jabatan.", "1108.DINKES.KADIS", True),
        Column("name", "Nama Jabatan", True, "Nama jabatan.", "Kepala Dinas Kesehatan"),
        Column(
            "unit_code", "Kode Unit", True, "Kode unit tempat jabatan berada.", "1108.DINKES", True
        ),
        Column("kind", "Jenis Jabatan", True, f"Salah satu: {POSITION_KINDS_HELP}.", "jpt_pratama"),
        Column(
            "level",
            "Jenjang",
            False,
            "Wajib untuk jabatan fungsional, kosong untuk lainnya: ahli_pertama, ahli_muda, "
            "ahli_madya, ahli_utama (keahlian); pemula, terampil, mahir, penyelia (keterampilan).",
            "",
        ),
        Column(
            "is_head",
            "Kepala Unit",
            False,
            "Ya bila jabatan ini kepala unitnya, selain itu Tidak.",
            "Ya",
        ),
        Column("class_grade", "Kelas Jabatan", False, "Angka kelas jabatan (1–17).", "14"),
    ),
)
EMPLOYEES = SheetSpec(
    kind="employees",
    title="Pegawai",
    help="Pegawai dan jabatannya. Pegawai yang NIP-nya sudah terdaftar diperbarui, tidak digandakan.",
    columns=(
        Column(
            "nip",
            "NIP",
            True,
            "18 digit NIP/NI PPPK, diisi sebagai teks (spasi boleh). Tanggal lahir dan jenis kelamin diambil dari NIP.",
            "198503122010011003",
            True,
        ),
        Column("name", "Nama", True, "Nama tanpa gelar.", "Cut Nyak Dhien"),
        Column("front_title", "Gelar Depan", False, "Gelar di depan nama.", "dr."),
        Column("back_title", "Gelar Belakang", False, "Gelar di belakang nama.", "M.Kes"),
        Column(
            "status", "Status Kepegawaian", True, "PNS, CPNS, PPPK atau PPPK Paruh Waktu.", "PNS"
        ),
        Column("rank", "Pangkat/Golongan", False, "Pangkat dan golongan ruang.", "Pembina, IV/a"),
        Column("email", "Surel", False, "Alamat surel.", "cut@example.go.id"),
        Column("phone", "Nomor HP", False, "Nomor telepon genggam.", "081234567890", True),
        Column(
            "position_code",
            "Kode Jabatan",
            False,
            "Kode jabatan definitif pegawai (dari lembar Jabatan atau yang sudah terdaftar).",
            "1108.DINKES.KADIS",
            True,
        ),
        Column(
            "start_date",
            "TMT Jabatan",
            False,
            "Tanggal mulai jabatan (HH-BB-TTTT atau TTTT-BB-HH). Wajib bila Kode Jabatan diisi.",
            "02-01-2024",
        ),
        Column(
            "unit_code",
            "Kode Unit",
            False,
            "Kode unit kerja bila pegawai belum punya jabatan. Bila Kode Jabatan diisi, unit mengikuti jabatan.",
            "",
            True,
        ),
    ),
)
OVERRIDES = SheetSpec(
    kind="overrides",
    title="Penilai",
    help="Penetapan pejabat penilai di luar garis struktur. Tidak boleh membuat siklus penilai.",
    columns=(
        Column("nip", "NIP Pegawai", True, "NIP pegawai yang dinilai.", "199001012015031001", True),
        Column(
            "assessor_nip",
            "NIP Pejabat Penilai",
            True,
            "NIP pejabat penilainya.",
            "198503122010011003",
            True,
        ),
        Column(
            "superior_nip",
            "NIP Atasan Pejabat Penilai",
            False,
            "NIP atasan pejabat penilai (kosong: mengikuti garis struktur).",
            "",
            True,
        ),
        Column("start_date", "Berlaku Mulai", True, "Tanggal mulai berlaku.", "01-01-2025"),
        Column("end_date", "Berlaku Sampai", False, "Tanggal akhir (kosong: sampai diubah).", ""),
        Column(
            "reason",
            "Alasan",
            True,
            "Dasar penetapan, mis. nomor surat.",
            "SK Bupati No. 800/12/2025",
        ),
    ),
)

SHEETS: tuple[SheetSpec, ...] = (UNITS, POSITIONS, EMPLOYEES, OVERRIDES)
BY_KIND = {s.kind: s for s in SHEETS}
INSTRUCTIONS_TITLE = "Petunjuk"


def normalise_header(value: object) -> str:
    """'Kode  unit_induk ' -> 'kode unit induk' so headers match however they were typed."""
    text = str(value or "").strip().lower().replace("_", " ")
    return re.sub(r"\s+", " ", text)


def sheet_for_title(title: str) -> SheetSpec | None:
    wanted = normalise_header(title)
    for spec in SHEETS:
        if normalise_header(spec.title) == wanted or wanted == spec.kind:
            return spec
    return None


def sheet_for_headers(headers: list[str]) -> SheetSpec | None:
    """The sheet whose required headers all appear (CSV files carry no sheet name)."""
    found = {normalise_header(h) for h in headers}
    best: SheetSpec | None = None
    best_score = 0
    for spec in SHEETS:
        wanted = {normalise_header(c.header) for c in spec.columns}
        required = {normalise_header(c.header) for c in spec.columns if c.required}
        if not required <= found:
            continue
        score = len(wanted & found)
        if score > best_score:
            best, best_score = spec, score
    return best
