"""Run the daily reminder jobs: `manage.py run_reminders [--date YYYY-MM-DD] [--inline]`."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from kinerja.communication.reminders import run_all
from kinerja.core import clock


class Command(BaseCommand):
    help = "Antrekan (atau jalankan langsung) semua tugas pengingat terjadwal."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")
        parser.add_argument(
            "--inline",
            action="store_true",
            help="Jalankan di proses ini, bukan lewat antrean db_worker.",
        )

    def handle(self, *args, **options):
        run_date = clock.today()
        if options["date"]:
            try:
                run_date = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("Format tanggal harus YYYY-MM-DD.") from exc
        names = run_all(run_date, inline=options["inline"])
        verb = "dijalankan" if options["inline"] else "diantrekan"
        self.stdout.write(
            f"{len(names)} tugas pengingat {verb} untuk {run_date}: {', '.join(names)}"
        )
