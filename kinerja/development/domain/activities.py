"""The forms of competency development (Peraturan LAN 10/2018): pendidikan, pelatihan klasikal
and pelatihan nonklasikal. Stored values are English-or-regulation slugs; labels are Indonesian.
"""

from __future__ import annotations

from enum import StrEnum


class LearningPath(StrEnum):
    PENDIDIKAN = "pendidikan"
    KLASIKAL = "klasikal"
    NONKLASIKAL = "nonklasikal"

    @property
    def label(self) -> str:
        return _PATH_LABELS[self]


_PATH_LABELS = {
    LearningPath.PENDIDIKAN: "Pendidikan",
    LearningPath.KLASIKAL: "Pelatihan klasikal",
    LearningPath.NONKLASIKAL: "Pelatihan nonklasikal",
}


class ActivityForm(StrEnum):
    # pendidikan
    TUGAS_BELAJAR = "tugas_belajar"
    IZIN_BELAJAR = "izin_belajar"
    # pelatihan klasikal
    PELATIHAN_STRUKTURAL = "pelatihan_struktural"
    PELATIHAN_MANAJERIAL = "pelatihan_manajerial"
    PELATIHAN_TEKNIS = "pelatihan_teknis"
    PELATIHAN_FUNGSIONAL = "pelatihan_fungsional"
    PELATIHAN_SOSIAL_KULTURAL = "pelatihan_sosial_kultural"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    KURSUS = "kursus"
    PENATARAN = "penataran"
    BIMTEK = "bimtek"
    SOSIALISASI = "sosialisasi"
    KLASIKAL_LAINNYA = "klasikal_lainnya"
    # pelatihan nonklasikal
    COACHING = "coaching"
    MENTORING = "mentoring"
    E_LEARNING = "e_learning"
    PELATIHAN_JARAK_JAUH = "pelatihan_jarak_jauh"
    DETASERING = "detasering"
    OUTBOUND = "outbound"
    BENCHMARKING = "benchmarking"
    PERTUKARAN = "pertukaran"
    BELAJAR_MANDIRI = "belajar_mandiri"
    KOMUNITAS_BELAJAR = "komunitas_belajar"
    BIMBINGAN_DI_TEMPAT_KERJA = "bimbingan_di_tempat_kerja"
    MAGANG = "magang"
    NONKLASIKAL_LAINNYA = "nonklasikal_lainnya"

    @property
    def label(self) -> str:
        return _FORM_LABELS[self]

    @property
    def path(self) -> LearningPath:
        if self in _PENDIDIKAN:
            return LearningPath.PENDIDIKAN
        if self in _KLASIKAL:
            return LearningPath.KLASIKAL
        return LearningPath.NONKLASIKAL


_PENDIDIKAN = frozenset({ActivityForm.TUGAS_BELAJAR, ActivityForm.IZIN_BELAJAR})
_KLASIKAL = frozenset(
    {
        ActivityForm.PELATIHAN_STRUKTURAL,
        ActivityForm.PELATIHAN_MANAJERIAL,
        ActivityForm.PELATIHAN_TEKNIS,
        ActivityForm.PELATIHAN_FUNGSIONAL,
        ActivityForm.PELATIHAN_SOSIAL_KULTURAL,
        ActivityForm.SEMINAR,
        ActivityForm.WORKSHOP,
        ActivityForm.KURSUS,
        ActivityForm.PENATARAN,
        ActivityForm.BIMTEK,
        ActivityForm.SOSIALISASI,
        ActivityForm.KLASIKAL_LAINNYA,
    }
)

_FORM_LABELS = {
    ActivityForm.TUGAS_BELAJAR: "Tugas belajar",
    ActivityForm.IZIN_BELAJAR: "Izin belajar",
    ActivityForm.PELATIHAN_STRUKTURAL: "Pelatihan struktural kepemimpinan",
    ActivityForm.PELATIHAN_MANAJERIAL: "Pelatihan manajerial",
    ActivityForm.PELATIHAN_TEKNIS: "Pelatihan teknis",
    ActivityForm.PELATIHAN_FUNGSIONAL: "Pelatihan fungsional",
    ActivityForm.PELATIHAN_SOSIAL_KULTURAL: "Pelatihan sosial kultural",
    ActivityForm.SEMINAR: "Seminar/konferensi/sarasehan",
    ActivityForm.WORKSHOP: "Workshop/lokakarya",
    ActivityForm.KURSUS: "Kursus",
    ActivityForm.PENATARAN: "Penataran",
    ActivityForm.BIMTEK: "Bimbingan teknis",
    ActivityForm.SOSIALISASI: "Sosialisasi",
    ActivityForm.KLASIKAL_LAINNYA: "Pelatihan klasikal lainnya",
    ActivityForm.COACHING: "Coaching",
    ActivityForm.MENTORING: "Mentoring",
    ActivityForm.E_LEARNING: "E-learning",
    ActivityForm.PELATIHAN_JARAK_JAUH: "Pelatihan jarak jauh",
    ActivityForm.DETASERING: "Detasering (secondment)",
    ActivityForm.OUTBOUND: "Pembelajaran alam terbuka (outbound)",
    ActivityForm.BENCHMARKING: "Patok banding (benchmarking)",
    ActivityForm.PERTUKARAN: "Pertukaran PNS dengan pegawai swasta/BUMN/BUMD",
    ActivityForm.BELAJAR_MANDIRI: "Belajar mandiri (self development)",
    ActivityForm.KOMUNITAS_BELAJAR: "Komunitas belajar (community of practice)",
    ActivityForm.BIMBINGAN_DI_TEMPAT_KERJA: "Bimbingan di tempat kerja",
    ActivityForm.MAGANG: "Magang/praktik kerja",
    ActivityForm.NONKLASIKAL_LAINNYA: "Pelatihan nonklasikal lainnya",
}
