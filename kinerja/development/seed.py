"""Demo data for competency development: dictionary, standards, catalogue, events.

Deterministic and idempotent: every row is found by its natural key and only created when
missing, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from kinerja.organisations.models import Employee, OrgUnit, Position

from .models import (
    Activity,
    Competency,
    CompetencyKind,
    EmployeeCompetency,
    EventStatus,
    PositionCompetency,
    TrainingEvent,
)
from .services import derive_needs_for

_LEVELS = [
    "Level 1: memahami dasar-dasar dan menerapkan dengan bimbingan.",
    "Level 2: menerapkan secara mandiri pada tugas rutin.",
    "Level 3: menerapkan pada situasi yang beragam dan membimbing rekan.",
    "Level 4: mengembangkan metode dan menjadi rujukan di unit kerja.",
    "Level 5: menetapkan arah dan menjadi rujukan di tingkat daerah.",
]

TECHNICAL = [
    (
        "keamanan-siber",
        "Keamanan Siber",
        "Teknologi Informasi",
        "Melindungi sistem dan data publik dari ancaman siber.",
    ),
    (
        "tata-kelola-data",
        "Tata Kelola Data",
        "Teknologi Informasi",
        "Mengelola data pemerintah sesuai Satu Data Indonesia.",
    ),
    (
        "tata-laksana-gizi",
        "Tata Laksana Gizi",
        "Kesehatan",
        "Menangani masalah gizi termasuk stunting.",
    ),
    (
        "asuhan-keperawatan",
        "Asuhan Keperawatan",
        "Kesehatan",
        "Memberikan asuhan keperawatan yang aman dan bermutu.",
    ),
    (
        "pelayanan-kebidanan",
        "Pelayanan Kebidanan",
        "Kesehatan",
        "Pelayanan kesehatan ibu dan anak.",
    ),
    (
        "pembelajaran-berdiferensiasi",
        "Pembelajaran Berdiferensiasi",
        "Pendidikan",
        "Menyesuaikan pembelajaran dengan kebutuhan murid.",
    ),
    (
        "pengelolaan-keuangan-daerah",
        "Pengelolaan Keuangan Daerah",
        "Keuangan",
        "Penatausahaan dan pelaporan keuangan daerah.",
    ),
    (
        "manajemen-sdm-aparatur",
        "Manajemen SDM Aparatur",
        "Kepegawaian",
        "Pengelolaan kinerja dan karier ASN.",
    ),
]
MANAGERIAL = [
    ("integritas", "Integritas"),
    ("kerjasama", "Kerja Sama"),
    ("komunikasi", "Komunikasi"),
    ("orientasi-pada-hasil", "Orientasi pada Hasil"),
    ("pelayanan-publik", "Pelayanan Publik"),
    ("pengembangan-diri-dan-orang-lain", "Pengembangan Diri dan Orang Lain"),
    ("mengelola-perubahan", "Mengelola Perubahan"),
    ("pengambilan-keputusan", "Pengambilan Keputusan"),
]
SOCIO_CULTURAL = [("perekat-bangsa", "Perekat Bangsa")]

# Position name pattern (case-insensitive substring) → (competency code, required level).
STANDARDS = [
    ("pranata komputer", "keamanan-siber", 3),
    ("pranata komputer", "tata-kelola-data", 2),
    ("nutrisionis", "tata-laksana-gizi", 3),
    ("dokter", "tata-laksana-gizi", 2),
    ("perawat", "asuhan-keperawatan", 3),
    ("bidan", "pelayanan-kebidanan", 3),
    ("guru", "pembelajaran-berdiferensiasi", 3),
    ("sumber daya manusia", "manajemen-sdm-aparatur", 3),
    ("analis sdm", "manajemen-sdm-aparatur", 3),
]
# Managerial standards by position kind (PermenPANRB 38/2017 levels, simplified for the demo).
MANAGERIAL_LEVEL_BY_KIND = {
    "jpt_pratama": 4,
    "administrator": 3,
    "pengawas": 2,
}

CATALOGUE = [
    ("Pelatihan Keamanan Siber", "workshop", ["keamanan-siber"], "BKPSDM bersama BSSN", 3, None),
    (
        "E-learning Dasar Keamanan Informasi",
        "e_learning",
        ["keamanan-siber"],
        "ASN Corporate University",
        5,
        900,
    ),
    ("Bimtek Tata Kelola Data", "bimtek", ["tata-kelola-data"], "Diskominsa", 2, 720),
    (
        "Pelatihan Tata Laksana Gizi Buruk",
        "pelatihan_teknis",
        ["tata-laksana-gizi"],
        "Dinas Kesehatan",
        3,
        1350,
    ),
    ("Seminar Keperawatan Modern", "seminar", ["asuhan-keperawatan"], "PPNI Abdya", 1, None),
    (
        "Workshop Pembelajaran Berdiferensiasi",
        "workshop",
        ["pembelajaran-berdiferensiasi"],
        "Dinas Pendidikan",
        2,
        None,
    ),
    (
        "Coaching Kepemimpinan",
        "coaching",
        ["pengambilan-keputusan", "pengembangan-diri-dan-orang-lain"],
        "BKPSDM",
        None,
        None,
    ),
    (
        "Pelatihan Kepemimpinan Pengawas",
        "pelatihan_struktural",
        ["orientasi-pada-hasil", "kerjasama", "integritas"],
        "BPSDM Aceh",
        30,
        14400,
    ),
    ("Sosialisasi Wawasan Kebangsaan", "sosialisasi", ["perekat-bangsa"], "Kesbangpol", 1, None),
    (
        "Komunitas Belajar Pelayanan Publik",
        "komunitas_belajar",
        ["pelayanan-publik"],
        "BKPSDM",
        None,
        None,
    ),
]

EVENTS = [
    # title, activity, start, end, place, quota, minutes, sessions, competency
    (
        "Workshop Keamanan Siber Angkatan I",
        "Pelatihan Keamanan Siber",
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 12),
        "Aula BKPSDM Blangpidie",
        30,
        None,
        None,
        "keamanan-siber",
    ),
    (
        "Workshop Keamanan Siber Angkatan II",
        "Pelatihan Keamanan Siber",
        dt.date(2026, 9, 15),
        dt.date(2026, 9, 17),
        "Aula BKPSDM Blangpidie",
        30,
        None,
        None,
        "keamanan-siber",
    ),
    (
        "Pelatihan Tata Laksana Gizi Buruk 2026",
        "Pelatihan Tata Laksana Gizi Buruk",
        dt.date(2026, 5, 5),
        dt.date(2026, 5, 7),
        "Aula Dinas Kesehatan",
        40,
        1350,
        None,
        "tata-laksana-gizi",
    ),
    (
        "Workshop Pembelajaran Berdiferensiasi Gugus I",
        "Workshop Pembelajaran Berdiferensiasi",
        dt.date(2026, 7, 20),
        dt.date(2026, 7, 21),
        "SMP Negeri 1 Blangpidie",
        50,
        None,
        None,
        "pembelajaran-berdiferensiasi",
    ),
    (
        "Coaching Kepemimpinan Pejabat Pengawas",
        "Coaching Kepemimpinan",
        dt.date(2026, 4, 14),
        dt.date(2026, 4, 14),
        "",
        20,
        None,
        2,
        "pengambilan-keputusan",
    ),
    (
        "Sosialisasi Wawasan Kebangsaan 2026",
        "Sosialisasi Wawasan Kebangsaan",
        dt.date(2026, 8, 12),
        dt.date(2026, 8, 12),
        "Gedung DPRK Abdya",
        100,
        None,
        None,
        "perekat-bangsa",
    ),
    (
        "Workshop Keamanan Siber Angkatan III",
        "Pelatihan Keamanan Siber",
        dt.date(2027, 3, 9),
        dt.date(2027, 3, 11),
        "Aula BKPSDM Blangpidie",
        30,
        None,
        None,
        "keamanan-siber",
    ),
    (
        "Bimtek Tata Kelola Data 2027",
        "Bimtek Tata Kelola Data",
        dt.date(2027, 2, 16),
        dt.date(2027, 2, 17),
        "",
        40,
        720,
        None,
        "tata-kelola-data",
    ),
]


# Assessed levels for the demo: employees in these positions sit one level under the standard,
# so they have a competency-gap need (the cyber-security journey of the IT staffer).
ASSESSED_BELOW = [
    ("pranata komputer", "keamanan-siber", 2),
    ("nutrisionis", "tata-laksana-gizi", 2),
]
ASSESSMENT_YEAR = 2026


@dataclass
class SeedResult:
    needs: int = 0
    competencies: int = 0
    standards: int = 0
    activities: int = 0
    events: int = 0


def _organiser() -> OrgUnit | None:
    """BKPSDM if the demo regency has it, else the first agency, else the root."""
    agencies = OrgUnit.objects.filter(depth__lte=1).order_by("depth", "id")
    for unit in agencies:
        if "bkpsdm" in unit.name.lower() or "kepegawaian" in unit.name.lower():
            return unit
    return agencies.filter(depth=1).first() or agencies.first()


@transaction.atomic
def seed_development() -> SeedResult:
    """Create the competency dictionary, position standards, catalogue and 2026–2027 events."""
    result = SeedResult()
    by_code: dict[str, Competency] = {}
    rows = [
        *(
            (code, name, CompetencyKind.TECHNICAL, field, text)
            for code, name, field, text in TECHNICAL
        ),
        *((code, name, CompetencyKind.MANAGERIAL, "", "") for code, name in MANAGERIAL),
        *((code, name, CompetencyKind.SOCIO_CULTURAL, "", "") for code, name in SOCIO_CULTURAL),
    ]
    for code, name, kind, field, text in rows:
        competency, created = Competency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "field": field,
                "description": text,
                "level_descriptions": _LEVELS,
            },
        )
        by_code[code] = competency
        result.competencies += created

    positions = list(Position.objects.filter(is_active=True).only("id", "name", "kind"))
    for position in positions:
        wanted: dict[str, int] = {"perekat-bangsa": 2}
        lowered = position.name.lower()
        for pattern, code, level in STANDARDS:
            if pattern in lowered:
                wanted[code] = max(level, wanted.get(code, 0))
        managerial = MANAGERIAL_LEVEL_BY_KIND.get(position.kind)
        if managerial:
            for code, _name in MANAGERIAL:
                wanted[code] = managerial
            wanted["perekat-bangsa"] = managerial
        for code, level in sorted(wanted.items()):
            _, created = PositionCompetency.objects.get_or_create(
                position=position, competency=by_code[code], defaults={"required_level": level}
            )
            result.standards += created

    activities: dict[str, Activity] = {}
    for name, form, codes, provider, days, minutes in CATALOGUE:
        activity, created = Activity.objects.get_or_create(
            name=name,
            defaults={
                "form": form,
                "provider": provider,
                "typical_days": days,
                "typical_minutes": minutes,
                "description": f"{name} untuk ASN Pemerintah Kabupaten Aceh Barat Daya.",
            },
        )
        if created:
            activity.competencies.set([by_code[c] for c in codes])
        activities[name] = activity
        result.activities += created

    organiser = _organiser()
    if organiser is not None:
        for title, activity, start, end, place, quota, minutes, sessions, code in EVENTS:
            _, created = TrainingEvent.objects.get_or_create(
                title=title,
                defaults={
                    "activity": activities[activity],
                    "organiser_unit": organiser,
                    "start_date": start,
                    "end_date": end,
                    "place": place,
                    "online_link": "" if place else "https://asn-unggul.lan.go.id/",
                    "quota": quota,
                    "minutes": minutes,
                    "sessions": sessions,
                    "target_competency": by_code[code],
                    "status": EventStatus.OPEN,
                },
            )
            result.events += created

    for pattern, code, level in ASSESSED_BELOW:
        employees = Employee.objects.filter(
            is_active=True, position__name__icontains=pattern
        ).select_related("unit", "position")
        for employee in employees.order_by("nip"):
            EmployeeCompetency.objects.get_or_create(
                employee=employee,
                competency=by_code[code],
                year=ASSESSMENT_YEAR,
                defaults={"level": level, "source": "Uji kompetensi 2026 (data contoh)"},
            )
            result.needs += len(
                derive_needs_for(actor=None, employee=employee, year=ASSESSMENT_YEAR)
            )
    return result
