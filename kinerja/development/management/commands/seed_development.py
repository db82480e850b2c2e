"""Seed the demo's competency dictionary, position standards, catalogue and events."""

from django.core.management.base import BaseCommand

from kinerja.development.seed import seed_development


class Command(BaseCommand):
    help = "Isi kamus kompetensi, standar jabatan, katalog dan jadwal pelatihan contoh (idempoten)."

    def handle(self, *args, **options):
        result = seed_development()
        self.stdout.write(
            f"Kompetensi baru: {result.competencies}, standar jabatan baru: {result.standards}, "
            f"katalog baru: {result.activities}, pelatihan baru: {result.events}."
        )
