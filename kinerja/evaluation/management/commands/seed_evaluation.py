"""Demo: set the evaluation schedule of the current year (quarterly) as the BKPSDM admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kinerja.core import clock
from kinerja.evaluation.models import EvaluationSchedule
from kinerja.evaluation.services import set_schedule


class Command(BaseCommand):
    help = "Tetapkan jadwal penilaian tahun berjalan (triwulanan) untuk data demo; aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--rhythm", choices=["monthly", "quarterly"], default="quarterly")

    def handle(self, *args, year=None, rhythm="quarterly", **options):
        year = year or clock.today().year
        if EvaluationSchedule.objects.filter(year=year).exists():
            self.stdout.write(f"Jadwal penilaian {year} sudah ada.")
            return
        admin = (
            get_user_model()
            .objects.filter(
                employee__role_grants__role="bkpsdm_admin", employee__role_grants__is_active=True
            )
            .first()
        )
        if admin is None:
            raise CommandError("Belum ada admin BKPSDM; jalankan seed_demo terlebih dahulu.")
        set_schedule(actor=admin, year=year, rhythm=rhythm)
        self.stdout.write(f"Jadwal penilaian {year} ({rhythm}) ditetapkan.")
