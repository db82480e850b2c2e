"""`manage.py seed_planning`: goals, Perjanjian Kinerja, example RHKs and a demo SKP cascade."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kinerja.core import clock
from kinerja.planning.demo import seed_planning


class Command(BaseCommand):
    help = (
        "Muat data perencanaan demo: sasaran daerah, Perjanjian Kinerja Dinas Kesehatan dan Dinas "
        "Pendidikan dan Kebudayaan, contoh RHK, dan SKP berjenjang di Dinas Kesehatan. "
        "Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="tahun (bawaan: tahun ini)")

    def handle(self, *args, year: int | None, **options):
        result = seed_planning(year or clock.today().year)
        self.stdout.write(
            f"Sasaran daerah: {result['goals']}, Perjanjian Kinerja: {result['agreements']}, "
            f"contoh RHK baru: {result['examples']}, SKP baru: {len(result['skps'])}."
        )
