"""The Panduan pages: slug → title and one-line summary, in the order of the cycle."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GuidePage:
    slug: str
    title: str
    summary: str


GUIDE_PAGES: list[GuidePage] = [
    GuidePage(
        "skp",
        "Menyusun SKP",
        "RHK, intervensi atasan, indikator, target dan BerAKHLAK; tenggat akhir Januari.",
    ),
    GuidePage(
        "persetujuan",
        "Persetujuan SKP",
        "Pejabat penilai memeriksa, mengembalikan atau menetapkan SKP.",
    ),
    GuidePage(
        "realisasi",
        "Realisasi dan bukti dukung",
        "Mencatat hasil kerja setiap periode beserta buktinya.",
    ),
    GuidePage(
        "umpan-balik",
        "Umpan balik dan dialog kinerja",
        "Umpan balik berkelanjutan berbasis bukti dan dialog rutin.",
    ),
    GuidePage(
        "penilaian",
        "Penilaian kinerja",
        "Rating hasil kerja, rating perilaku dan matriks predikat.",
    ),
    GuidePage(
        "kurva-distribusi",
        "Kurva distribusi predikat",
        "Pola sebaran predikat pegawai menurut SE MenPANRB 3/2023.",
    ),
    GuidePage(
        "keberatan",
        "Keberatan atas hasil penilaian",
        "14 hari, kepada atasan pejabat penilai, keputusannya final.",
    ),
    GuidePage(
        "pengembangan",
        "Pengembangan kompetensi",
        "Paling sedikit 20 JP setahun bagi PNS; PPPK paling banyak 24 JP.",
    ),
]
GUIDE_BY_SLUG = {page.slug: page for page in GUIDE_PAGES}
