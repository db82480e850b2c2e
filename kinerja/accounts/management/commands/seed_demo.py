"""`manage.py seed_demo`: the synthetic Aceh Barat Daya for demos, manual testing and the benchmark."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kinerja.accounts.demo import data
from kinerja.accounts.demo.plan import MIN_EMPLOYEES
from kinerja.accounts.demo.seeder import seed as seed_demo
from kinerja.organisations.models import Employee


class Command(BaseCommand):
    help = (
        "Muat data demo Kabupaten Aceh Barat Daya (unit kerja, jabatan, pegawai, akun). "
        f"Semua akun demo memakai kata sandi {data.DEMO_PASSWORD}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--employees", type=int, default=600, help="jumlah pegawai (bawaan 600)"
        )
        parser.add_argument("--seed", type=int, default=1, help="benih acak (bawaan 1)")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="lewati tanpa galat bila sudah ada data pegawai",
        )

    def handle(self, *args, employees: int, seed: int, if_empty: bool, **options):
        if Employee.objects.exists():
            if if_empty:
                self.stdout.write("Data pegawai sudah ada; data demo tidak dimuat ulang.")
                return
            raise CommandError(
                "Basis data sudah berisi pegawai. Pakai --if-empty, atau kosongkan basis data "
                "terlebih dahulu (manage.py flush)."
            )
        if employees < MIN_EMPLOYEES:
            raise CommandError(f"Jumlah pegawai demo minimal {MIN_EMPLOYEES}.")
        started = time.perf_counter()
        result = seed_demo(employees=employees, seed=seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, or the planner guesses
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo dimuat dalam {elapsed:.1f} detik: {result.units} unit kerja, "
                f"{result.positions} jabatan, {result.employees} pegawai, {result.plt} penugasan Plt. "
                f"Kata sandi semua akun demo: {data.DEMO_PASSWORD} "
                "(daftar akun: manage.py demo_personas)."
            )
        )
