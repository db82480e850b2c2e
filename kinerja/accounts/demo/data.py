"""Fixed lists behind the synthetic Aceh Barat Daya: perangkat daerah, jabatan, names, titles.

Everything here is invented for demonstration except the public shape of the regency (its
kecamatan, its kinds of perangkat daerah). No real person's data is used besides the regent's
name, which is public.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REGENCY_CODE = "1112"  # BPS code of Kabupaten Aceh Barat Daya
REGENCY_NAME = "Pemerintah Kabupaten Aceh Barat Daya"
REGENT_NAME = "Safaruddin"
# Shared by every demo login and printed in the README: demo data only, never a real secret.
DEMO_PASSWORD = "Demo-Abdya-2026"  # noqa: S105
DATA_DATE_YEAR = 2025  # appointments and assignments are dated up to mid-2025

KECAMATAN = [
    "Babahrot",
    "Blangpidie",
    "Jeumpa",
    "Kuala Batee",
    "Lembah Sabil",
    "Manggeng",
    "Setia",
    "Susoh",
    "Tangan-Tangan",
]

PUSKESMAS = [
    "Blangpidie",
    "Susoh",
    "Manggeng",
    "Tangan-Tangan",
    "Kuala Batee",
    "Babahrot",
    "Jeumpa",
    "Setia",
    "Lembah Sabil",
    "Alue Sungai Pinang",
    "Guhang",
    "Ie Mameh",
    "Lhang",
]


# A staff jabatan template: (name, position kind, functional level).
Job = tuple[str, str, str]

PELAKSANA: list[Job] = [
    ("Pengadministrasi Perkantoran", "pelaksana", ""),
    ("Penata Layanan Operasional", "pelaksana", ""),
    ("Pengelola Layanan Operasional", "pelaksana", ""),
    ("Operator Layanan Operasional", "pelaksana", ""),
]
TEACHERS: list[Job] = [
    ("Guru Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Guru Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Guru Ahli Muda", "functional_expert", "ahli_muda"),
    ("Guru Ahli Muda", "functional_expert", "ahli_muda"),
    ("Guru Ahli Madya", "functional_expert", "ahli_madya"),
]
PUSKESMAS_STAFF: list[Job] = [
    ("Perawat Terampil", "functional_skilled", "terampil"),
    ("Perawat Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Bidan Terampil", "functional_skilled", "terampil"),
    ("Bidan Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Dokter Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Apoteker Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Nutrisionis Terampil", "functional_skilled", "terampil"),
    ("Sanitarian Terampil", "functional_skilled", "terampil"),
    ("Pranata Laboratorium Kesehatan Terampil", "functional_skilled", "terampil"),
    ("Penyuluh Kesehatan Masyarakat Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Pengadministrasi Perkantoran", "pelaksana", ""),
]
HOSPITAL_STAFF: list[Job] = [
    ("Dokter Ahli Muda", "functional_expert", "ahli_muda"),
    ("Dokter Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Perawat Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Perawat Terampil", "functional_skilled", "terampil"),
    ("Perawat Mahir", "functional_skilled", "mahir"),
    ("Bidan Terampil", "functional_skilled", "terampil"),
    ("Apoteker Ahli Pertama", "functional_expert", "ahli_pertama"),
    ("Radiografer Terampil", "functional_skilled", "terampil"),
    ("Perekam Medis Terampil", "functional_skilled", "terampil"),
    ("Pengadministrasi Perkantoran", "pelaksana", ""),
]


@dataclass(frozen=True)
class Agency:
    """A perangkat daerah with its sub-units (bidang → seksi) and its own functional jabatan.

    A sub-unit's kind and its head's title follow from its name ("Bidang …", "Subbagian …").
    """

    code: str
    name: str
    kind: str
    head: str
    short: str = ""
    head_kind: str = "jpt_pratama"
    secretariat: bool = True
    subs: list[tuple[str, list[str]]] = field(default_factory=list)
    functional: list[Job] = field(default_factory=list)


SUBBAG = ["Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Program dan Pelaporan"]


def _fx(name: str, *levels: str) -> list[Job]:
    out: list[Job] = []
    for level in levels:
        label = level.replace("_", " ").title()
        kind = "functional_expert" if level.startswith("ahli") else "functional_skilled"
        out.append((f"{name} {label}", kind, level))
    return out


AGENCIES: list[Agency] = [
    Agency(
        "SETDA",
        "Sekretariat Daerah",
        "secretariat",
        "Sekretaris Daerah",
        short="Setda",
        secretariat=False,
        subs=[
            ("Bagian Tata Pemerintahan", ["Subbagian Otonomi Daerah", "Subbagian Kerja Sama"]),
            ("Bagian Hukum", ["Subbagian Peraturan Perundang-undangan"]),
            ("Bagian Organisasi", ["Subbagian Kelembagaan dan Analisis Jabatan"]),
            ("Bagian Umum", ["Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga"]),
            ("Bagian Perekonomian dan Sumber Daya Alam", []),
            ("Bagian Pengadaan Barang dan Jasa", []),
            ("Bagian Kesejahteraan Rakyat", []),
            ("Bagian Protokol dan Komunikasi Pimpinan", []),
        ],
        functional=_fx("Analis Kebijakan", "ahli_pertama", "ahli_muda"),
    ),
    Agency(
        "SEKWAN",
        "Sekretariat DPRK",
        "secretariat",
        "Sekretaris DPRK",
        short="Setwan",
        secretariat=False,
        subs=[
            ("Bagian Umum dan Keuangan", ["Subbagian Keuangan"]),
            ("Bagian Persidangan dan Perundang-undangan", []),
            ("Bagian Fasilitasi Penganggaran dan Pengawasan", []),
        ],
    ),
    Agency(
        "INSPEKTORAT",
        "Inspektorat",
        "inspectorate",
        "Inspektur",
        subs=[
            ("Inspektur Pembantu Wilayah I", []),
            ("Inspektur Pembantu Wilayah II", []),
            ("Inspektur Pembantu Wilayah III", []),
            ("Inspektur Pembantu Khusus", []),
        ],
        functional=[
            *_fx("Auditor", "ahli_pertama", "ahli_muda", "ahli_madya"),
            *_fx("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah", "ahli_pertama"),
        ],
    ),
    Agency(
        "BAPPERIDA",
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "badan",
        "Kepala Bapperida",
        short="Bapperida",
        subs=[
            ("Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan", ["Subbidang Evaluasi"]),
            ("Bidang Pemerintahan dan Pembangunan Manusia", ["Subbidang Pembangunan Manusia"]),
            (
                "Bidang Perekonomian, Sumber Daya Alam dan Infrastruktur",
                ["Subbidang Infrastruktur"],
            ),
            ("Bidang Riset dan Inovasi Daerah", []),
        ],
        functional=_fx("Perencana", "ahli_pertama", "ahli_muda"),
    ),
    Agency(
        "BPKD",
        "Badan Pengelolaan Keuangan Daerah",
        "badan",
        "Kepala BPKD",
        short="BPKD",
        subs=[
            ("Bidang Anggaran", ["Subbidang Penyusunan Anggaran"]),
            ("Bidang Perbendaharaan", ["Subbidang Belanja", "Subbidang Kas Daerah"]),
            ("Bidang Akuntansi", ["Subbidang Pelaporan Keuangan"]),
            ("Bidang Aset", ["Subbidang Penatausahaan Aset"]),
            ("Bidang Pendapatan", ["Subbidang Pajak Daerah"]),
        ],
        functional=_fx("Analis Keuangan Pusat dan Daerah", "ahli_pertama", "ahli_muda"),
    ),
    Agency(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "badan",
        "Kepala BKPSDM",
        short="BKPSDM",
        subs=[
            ("Bidang Penilaian Kinerja Aparatur dan Penghargaan", ["Subbidang Penilaian Kinerja"]),
            ("Bidang Mutasi dan Promosi", ["Subbidang Mutasi"]),
            ("Bidang Pengadaan, Pemberhentian dan Informasi", ["Subbidang Data dan Informasi"]),
            ("Bidang Pengembangan Kompetensi Aparatur", []),
        ],
        functional=[
            *_fx("Analis Sumber Daya Manusia Aparatur", "ahli_pertama", "ahli_muda"),
            *_fx("Pranata Sumber Daya Manusia Aparatur", "terampil"),
        ],
    ),
    Agency(
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        "badan",
        "Kepala Pelaksana BPBD",
        short="BPBD",
        subs=[
            ("Bidang Pencegahan dan Kesiapsiagaan", []),
            ("Bidang Kedaruratan dan Logistik", ["Seksi Logistik"]),
            ("Bidang Rehabilitasi dan Rekonstruksi", []),
        ],
        functional=_fx("Analis Bencana", "ahli_pertama"),
    ),
    Agency(
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        "badan",
        "Kepala Badan Kesatuan Bangsa dan Politik",
        short="Kesbangpol",
        subs=[
            ("Bidang Ideologi dan Wawasan Kebangsaan", []),
            ("Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan", []),
        ],
    ),
    Agency(
        "DINKES",
        "Dinas Kesehatan",
        "dinas",
        "Kepala Dinas Kesehatan",
        short="Dinkes",
        subs=[
            (
                "Bidang Pelayanan Kesehatan",
                [
                    "Seksi Pelayanan Kesehatan Primer",
                    "Seksi Pelayanan Kesehatan Rujukan",
                    "Seksi Fasilitas dan Mutu Pelayanan Kesehatan",
                ],
            ),
            (
                "Bidang Kesehatan Masyarakat",
                [
                    "Seksi Kesehatan Keluarga dan Gizi",
                    "Seksi Promosi Kesehatan",
                    "Seksi Kesehatan Lingkungan",
                ],
            ),
            (
                "Bidang Pencegahan dan Pengendalian Penyakit",
                [
                    "Seksi Surveilans dan Imunisasi",
                    "Seksi Pengendalian Penyakit Menular",
                    "Seksi Penyakit Tidak Menular dan Kesehatan Jiwa",
                ],
            ),
            (
                "Bidang Sumber Daya Kesehatan",
                ["Seksi Kefarmasian dan Alat Kesehatan", "Seksi Sumber Daya Manusia Kesehatan"],
            ),
        ],
        functional=[
            *_fx("Epidemiolog Kesehatan", "ahli_pertama"),
            *_fx("Administrator Kesehatan", "ahli_pertama", "ahli_muda"),
        ],
    ),
    Agency(
        "DISDIKBUD",
        "Dinas Pendidikan dan Kebudayaan",
        "dinas",
        "Kepala Dinas Pendidikan dan Kebudayaan",
        short="Disdikbud",
        subs=[
            ("Bidang Pembinaan Sekolah Dasar", ["Seksi Kurikulum dan Penilaian SD"]),
            ("Bidang Pembinaan Sekolah Menengah Pertama", ["Seksi Kurikulum dan Penilaian SMP"]),
            ("Bidang Guru dan Tenaga Kependidikan", ["Seksi Pendidik"]),
            ("Bidang Pendidikan Anak Usia Dini dan Nonformal", []),
            ("Bidang Kebudayaan", ["Seksi Cagar Budaya dan Permuseuman"]),
        ],
        functional=_fx("Pengawas Sekolah", "ahli_muda", "ahli_madya"),
    ),
    Agency(
        "DINSOS",
        "Dinas Sosial",
        "dinas",
        "Kepala Dinas Sosial",
        short="Dinsos",
        subs=[
            ("Bidang Rehabilitasi Sosial", ["Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"]),
            (
                "Bidang Perlindungan dan Jaminan Sosial",
                ["Seksi Perlindungan Sosial Korban Bencana"],
            ),
            (
                "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
                ["Seksi Data dan Informasi Kesejahteraan Sosial"],
            ),
        ],
        functional=[
            *_fx("Pekerja Sosial", "ahli_pertama", "terampil"),
            *_fx("Penyuluh Sosial", "ahli_pertama"),
        ],
    ),
    Agency(
        "DISKOMINSA",
        "Dinas Komunikasi, Informatika dan Persandian",
        "dinas",
        "Kepala Dinas Komunikasi, Informatika dan Persandian",
        short="Diskominsa",
        subs=[
            (
                "Bidang Aplikasi Informatika",
                ["Seksi Layanan Sistem Pemerintahan Berbasis Elektronik"],
            ),
            ("Bidang Informasi dan Komunikasi Publik", ["Seksi Pengelolaan Media"]),
            ("Bidang Persandian dan Keamanan Informasi", []),
            ("Bidang Statistik Sektoral", []),
        ],
        functional=[
            *_fx("Pranata Komputer", "ahli_pertama", "ahli_muda", "terampil"),
            *_fx("Pranata Hubungan Masyarakat", "ahli_pertama"),
            *_fx("Sandiman", "ahli_pertama"),
            *_fx("Statistisi", "ahli_pertama"),
        ],
    ),
    Agency(
        "PUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "dinas",
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        short="Dinas PUPR",
        subs=[
            (
                "Bidang Bina Marga",
                ["Seksi Pembangunan Jalan dan Jembatan", "Seksi Preservasi Jalan"],
            ),
            ("Bidang Sumber Daya Air", ["Seksi Irigasi"]),
            ("Bidang Cipta Karya", ["Seksi Air Minum dan Sanitasi"]),
            ("Bidang Penataan Ruang", []),
            ("Bidang Bina Konstruksi", []),
        ],
        functional=_fx("Teknik Jalan dan Jembatan", "ahli_pertama", "ahli_muda"),
    ),
    Agency(
        "DLH",
        "Dinas Lingkungan Hidup",
        "dinas",
        "Kepala Dinas Lingkungan Hidup",
        short="DLH",
        subs=[
            ("Bidang Tata Lingkungan", []),
            ("Bidang Pengelolaan Sampah dan Limbah B3", ["Seksi Pengurangan Sampah"]),
            ("Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan", []),
        ],
        functional=_fx("Pengendali Dampak Lingkungan", "ahli_pertama"),
    ),
    Agency(
        "DISPARPORA",
        "Dinas Pariwisata, Pemuda dan Olahraga",
        "dinas",
        "Kepala Dinas Pariwisata, Pemuda dan Olahraga",
        short="Disparpora",
        subs=[
            ("Bidang Pariwisata", ["Seksi Destinasi Wisata"]),
            ("Bidang Kepemudaan", []),
            ("Bidang Keolahragaan", []),
        ],
    ),
    Agency(
        "DISDAYAH",
        "Dinas Pendidikan Dayah",
        "dinas",
        "Kepala Dinas Pendidikan Dayah",
        short="Disdik Dayah",
        subs=[
            ("Bidang Pembinaan Dayah", ["Seksi Kurikulum Dayah"]),
            ("Bidang Sarana dan Prasarana Dayah", []),
            ("Bidang Ketenagaan Dayah", []),
        ],
    ),
    Agency(
        "DSI",
        "Dinas Syariat Islam",
        "dinas",
        "Kepala Dinas Syariat Islam",
        short="DSI",
        subs=[
            ("Bidang Bina Hukum Syariat Islam", []),
            ("Bidang Dakwah dan Syiar Islam", ["Seksi Syiar Islam"]),
            ("Bidang Sarana Keagamaan", []),
        ],
    ),
    Agency(
        "SATPOLPPWH",
        "Satuan Polisi Pamong Praja dan Wilayatul Hisbah",
        "agency_other",
        "Kepala Satuan Polisi Pamong Praja dan Wilayatul Hisbah",
        short="Satpol PP dan WH",
        subs=[
            ("Bidang Penegakan Peraturan Perundang-undangan Daerah", []),
            ("Bidang Penegakan Syariat Islam", []),
            ("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", []),
            ("Bidang Perlindungan Masyarakat", []),
        ],
        functional=_fx("Polisi Pamong Praja", "terampil", "mahir", "ahli_pertama"),
    ),
    Agency(
        "RSUDTP",
        "RSUD Teungku Peukan",
        "hospital",
        "Direktur RSUD Teungku Peukan",
        short="RSUD Teungku Peukan",
        subs=[
            ("Bidang Pelayanan Medik", ["Seksi Pelayanan Medik"]),
            ("Bidang Keperawatan", ["Seksi Asuhan Keperawatan"]),
            ("Bidang Penunjang Medik dan Nonmedik", []),
        ],
    ),
    Agency(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "dinas",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        short="Disdukcapil",
        subs=[
            ("Bidang Pelayanan Pendaftaran Penduduk", []),
            ("Bidang Pelayanan Pencatatan Sipil", []),
            ("Bidang Pengelolaan Informasi Administrasi Kependudukan", []),
        ],
        functional=_fx("Administrator Database Kependudukan", "ahli_pertama"),
    ),
    Agency(
        "DPMGP4",
        "Dinas Pemberdayaan Masyarakat, Gampong, Pemberdayaan Perempuan dan Perlindungan Anak",
        "dinas",
        "Kepala Dinas Pemberdayaan Masyarakat, Gampong, Pemberdayaan Perempuan dan Perlindungan Anak",
        short="DPMGP4",
        subs=[
            ("Bidang Pemerintahan Gampong", []),
            ("Bidang Pemberdayaan Perempuan dan Perlindungan Anak", []),
        ],
    ),
    Agency(
        "DISTANPAN",
        "Dinas Pertanian dan Pangan",
        "dinas",
        "Kepala Dinas Pertanian dan Pangan",
        short="Distanpan",
        subs=[
            ("Bidang Tanaman Pangan", []),
            ("Bidang Hortikultura dan Perkebunan", []),
            ("Bidang Penyuluhan", []),
            ("Bidang Ketahanan Pangan", []),
        ],
        functional=_fx("Penyuluh Pertanian", "ahli_pertama", "terampil"),
    ),
    Agency(
        "DISNAKKESWAN",
        "Dinas Peternakan dan Kesehatan Hewan",
        "dinas",
        "Kepala Dinas Peternakan dan Kesehatan Hewan",
        short="Disnakkeswan",
        subs=[("Bidang Kesehatan Hewan", []), ("Bidang Produksi Peternakan", [])],
        functional=_fx("Medik Veteriner", "ahli_pertama"),
    ),
    Agency(
        "DKP",
        "Dinas Kelautan dan Perikanan",
        "dinas",
        "Kepala Dinas Kelautan dan Perikanan",
        short="DKP",
        subs=[("Bidang Perikanan Tangkap", []), ("Bidang Perikanan Budidaya", [])],
    ),
    Agency(
        "DISPERINDAGKOP",
        "Dinas Perindustrian, Perdagangan, Koperasi dan UKM",
        "dinas",
        "Kepala Dinas Perindustrian, Perdagangan, Koperasi dan UKM",
        short="Disperindagkop",
        subs=[
            ("Bidang Perdagangan", []),
            ("Bidang Perindustrian", []),
            ("Bidang Koperasi dan UKM", []),
        ],
    ),
    Agency(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "dinas",
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        short="DPMPTSP",
        subs=[("Bidang Penanaman Modal", []), ("Bidang Perizinan", [])],
    ),
    Agency(
        "DISHUB",
        "Dinas Perhubungan",
        "dinas",
        "Kepala Dinas Perhubungan",
        short="Dishub",
        subs=[("Bidang Lalu Lintas dan Angkutan", []), ("Bidang Sarana dan Prasarana", [])],
    ),
    Agency(
        "DISPERPUSIP",
        "Dinas Perpustakaan dan Kearsipan",
        "dinas",
        "Kepala Dinas Perpustakaan dan Kearsipan",
        short="Disperpusip",
        subs=[("Bidang Perpustakaan", []), ("Bidang Kearsipan", [])],
        functional=[*_fx("Pustakawan", "ahli_pertama", "terampil"), *_fx("Arsiparis", "terampil")],
    ),
    Agency(
        "DPPKB",
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        "dinas",
        "Kepala Dinas Pengendalian Penduduk dan Keluarga Berencana",
        short="DPPKB",
        subs=[("Bidang Pengendalian Penduduk", []), ("Bidang Keluarga Berencana", [])],
        functional=_fx("Penyuluh Keluarga Berencana", "ahli_pertama", "terampil"),
    ),
    Agency(
        "SEKMPU",
        "Sekretariat Majelis Permusyawaratan Ulama",
        "agency_other",
        "Sekretaris Majelis Permusyawaratan Ulama",
        short="Sekretariat MPU",
        head_kind="administrator",
        secretariat=False,
        subs=[("Subbagian Persidangan dan Hukum", []), ("Subbagian Umum", [])],
    ),
    *[
        Agency(
            "KEC" + name.upper().replace(" ", "").replace("-", ""),
            f"Kecamatan {name}",
            "kecamatan",
            f"Camat {name}",
            short=f"Kec. {name}",
            head_kind="administrator",
            secretariat=False,
            subs=[
                ("Seksi Pemerintahan", []),
                ("Seksi Pemberdayaan Masyarakat dan Gampong", []),
                ("Seksi Ketenteraman dan Ketertiban Umum", []),
                ("Seksi Pelayanan Umum", []),
            ],
        )
        for name in KECAMATAN
    ],
]

# Personas are found through these unit codes, so they need no table of their own.
CODE_SETDA = f"{REGENCY_CODE}.SETDA"
CODE_DINKES = f"{REGENCY_CODE}.DINKES"
CODE_DINKES_BIDANG = f"{CODE_DINKES}.B01"
CODE_DINKES_SEKSI = f"{CODE_DINKES_BIDANG}.S01"
CODE_DINSOS = f"{REGENCY_CODE}.DINSOS"
CODE_DISKOMINSA = f"{REGENCY_CODE}.DISKOMINSA"
CODE_BKPSDM = f"{REGENCY_CODE}.BKPSDM"
CODE_INSPEKTORAT = f"{REGENCY_CODE}.INSPEKTORAT"
CODE_DISDIKBUD = f"{REGENCY_CODE}.DISDIKBUD"


# Names: Acehnese and Indonesian given names, optional honorific prefixes and second names.
MALE_NAMES = [
    "Muhammad", "Rahmat", "Zulfikar", "Safrizal", "Fauzan", "Hendra", "Irwansyah", "Mukhlis",
    "Azhar", "Zulkifli", "Ridwan", "Khairul", "Syahrul", "Munawar", "Fadhil", "Iskandar",
    "Jamaluddin", "Nasruddin", "Murdani", "Saiful", "Yusri", "Darmawan", "Armia", "Husaini",
    "Mahyuddin", "Baihaqi", "Akmal", "Rizki", "Fajri", "Zainal", "Amiruddin", "Mawardi", "Ilham",
    "Nazaruddin", "Sulaiman", "Kamaruddin", "Hasbi", "Junaidi", "Faisal", "Reza", "Taufik",
    "Syukri", "Hamdani", "Asnawi", "Zulhelmi", "Munzir", "Erwin", "Marzuki", "Bustami",
    "Abdurrahman", "Syarifuddin", "Firdaus", "Maulana", "Rusli", "Anwar", "Yusnadi",
]  # fmt: skip
MALE_SECOND = [
    "Abdullah", "Saputra", "Hidayat", "Ramadhan", "Syahputra", "Iskandar", "Yusuf", "Hasan",
    "Ismail", "Rizal", "Akbar", "Fadhli", "Mahdi", "Husin", "Amin", "Ibrahim", "Nasution",
    "Daud", "Harun", "Umar",
]  # fmt: skip
FEMALE_NAMES = [
    "Fitriani", "Khairunnisa", "Nurul Huda", "Nurul Aini", "Nurul Fadhilah", "Rahmawati",
    "Yusnidar", "Ernawati", "Mardhiah", "Safrina", "Zahrina", "Rosmiati", "Nurhayati",
    "Agustina", "Marlina", "Sri Wahyuni", "Siti Aisyah", "Siti Rahmah", "Yuliana", "Husna",
    "Raudhatul Jannah", "Ainal Mardhiah", "Nadia", "Intan", "Putri", "Maulida", "Zuraida",
    "Hasnah", "Darmawati", "Salmiah", "Nuraini", "Laila", "Fauziah", "Hayatun Nufus", "Ulfa",
    "Suryani", "Wirda", "Asmaul Husna", "Mutia", "Rismawati", "Sakdiah", "Yusra", "Eka Safitri",
    "Cut Mutia", "Riska", "Desi", "Novi", "Rina", "Dewi", "Aklima",
]  # fmt: skip
FEMALE_SECOND = [
    "Wahyuni", "Rahmi", "Safitri", "Maulida", "Fitria", "Handayani", "Zahara", "Yanti",
    "Rahayu", "Sari", "Amalia", "Ulfah", "Nurdin", "Hasanah", "Yusuf",
]  # fmt: skip

# Back titles by field; the seeder picks one that fits the jabatan.
TITLES = {
    "teacher": ["S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.I.", "S.Pd., M.Pd.", "S.Ag.", "S.Si."],
    "doctor": ["", "", "M.Kes."],
    "specialist": ["Sp.PD.", "Sp.OG.", "Sp.A.", "Sp.B.", "M.Kes."],
    "nurse_expert": ["S.Kep., Ns."],
    "nurse_skilled": ["A.Md.Kep."],
    "midwife_skilled": ["A.Md.Keb."],
    "midwife_expert": ["S.Tr.Keb.", "S.Keb., Bd."],
    "pharmacist": ["S.Farm."],
    "health_skilled": ["A.Md.Gz.", "A.Md.KL.", "A.Md.AK.", "A.Md.Rad.", "A.Md.RMIK."],
    "public_health": ["S.KM.", "S.KM., M.Kes."],
    "it": ["S.Kom.", "S.Kom.", "S.T.", "A.Md.Kom.", "M.Kom."],
    "audit": ["S.E.", "S.E., Ak.", "S.H.", "S.E., M.Si."],
    "structural": [
        "S.E., M.Si.",
        "S.H., M.H.",
        "S.Sos., M.AP.",
        "S.T., M.T.",
        "S.STP., M.Si.",
        "S.Pd., M.Pd.",
        "S.P., M.Si.",
        "S.Ag., M.A.",
        "S.E., M.M.",
        "S.Sos.",
        "S.E.",
        "S.H.",
        "S.T.",
    ],
    "staff": ["", "", "", "S.E.", "S.Sos.", "A.Md.", "S.H.", "S.Kom.", "S.IP.", "S.Ak.", "S.P."],
}

# PNS pangkat/golongan ladder (PP 99/2000).
PNS_RANKS = [
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
]
