"""`manage.py import_employees FILE [--actor NIP]`: check, then import all rows or none."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kinerja.accounts.imports import services
from kinerja.accounts.models import User


class Command(BaseCommand):
    help = "Impor unit, jabatan, pegawai dan penetapan penilai dari berkas .xlsx atau .csv."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas templat impor (.xlsx atau .csv).")
        parser.add_argument(
            "--actor",
            help="NIP pengguna yang mengimpor (cakupan dan jejak audit mengikuti perannya).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Hanya periksa, jangan simpan apa pun."
        )
        parser.add_argument(
            "--credentials", help="Tulis daftar kata sandi awal akun baru ke berkas CSV ini."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        actor = None
        if options.get("actor"):
            actor = User.objects.filter(username=options["actor"]).first()
            if actor is None:
                raise CommandError(f"Pengguna dengan NIP {options['actor']} tidak ditemukan.")
        data = path.read_bytes()
        try:
            if options["check"]:
                outcome, _ = services.check_file(actor=actor, data=data, name=path.name)
            else:
                outcome = services.import_file(actor=actor, data=data, name=path.name)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        if not outcome.ok:
            for e in outcome.errors:
                where = f"{e.sheet} baris {e.row}" if e.row else e.sheet
                column = f" kolom {e.column}" if e.column else ""
                self.stderr.write(f"{where}{column}: {e.message}")
            raise CommandError(
                f"{len(outcome.errors)} kesalahan ditemukan; tidak ada data yang disimpan."
            )
        summary = services.summary_text(outcome.summary)
        if options["check"]:
            self.stdout.write(f"Semua {outcome.rows} baris benar. Akan disimpan: {summary}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Impor selesai ({outcome.rows} baris): {summary}."))
        if outcome.credentials:
            target = options.get("credentials")
            if target:
                with open(target, "w", newline="", encoding="utf-8") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(["NIP", "Nama", "Kata sandi awal"])
                    for row in outcome.credentials:
                        writer.writerow([row["nip"], row["name"], row["password"]])
                self.stdout.write(
                    f"Kata sandi awal {len(outcome.credentials)} akun ditulis ke {target}."
                )
            else:
                self.stdout.write(
                    f"{len(outcome.credentials)} akun baru dibuat; kata sandi awal tidak ditampilkan "
                    "(gunakan --credentials BERKAS untuk menyimpannya)."
                )
