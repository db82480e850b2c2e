"""`manage.py demo_personas`: the demo accounts to log in with (role, NIP, password, unit)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from kinerja.accounts.demo.personas import find_personas
from kinerja.organisations.domain.nip import format_nip


class Command(BaseCommand):
    help = "Tampilkan akun demo (peran, NIP, kata sandi, nama, unit kerja)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args, **options):
        personas = find_personas()
        if options["json"]:
            self.stdout.write(
                json.dumps([p.as_dict() for p in personas], ensure_ascii=False, indent=2)
            )
            return
        if not personas:
            self.stdout.write("Belum ada data demo. Jalankan: manage.py seed_demo")
            return
        rows = [("Peran", "NIP", "Kata sandi", "Nama", "Unit kerja")] + [
            (p.label, format_nip(p.nip), p.password, p.name, p.unit) for p in personas
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for n, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
