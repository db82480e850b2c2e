"""Benchmark of the foundation pages on PostgreSQL (`make bench`).

For each scale (600 and 6,000 employees) it drops and recreates the database named by
DATABASE_URL, migrates, seeds the demo regency, then requests each page many times through
Django's test Client as three personas and reports the server time (p50/p95) and the number of
SQL queries per request. The result is printed as Markdown and written to bench/results/latest.md.

The test Client runs the whole Django stack (middleware, session, view, templates) in process,
so the times are server time without network or browser.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kinerja_bench"
PERSONAS = [
    ("bkpsdm_admin", "Admin BKPSDM"),
    ("kepala_dinas_kesehatan", "Kepala Dinas Kesehatan"),
    ("pelaksana", "Pelaksana"),
]


@dataclass(frozen=True)
class Measurement:
    scale: int
    page: str
    persona: str
    p50: float
    p95: float
    cpu_p50: float
    queries: int


def _configure_environment(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"  # DEBUG would keep every query in memory and slow the pages
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["KINERJA_TESTING"] = "false"
    # Pages are measured, not static files; an empty STATIC_ROOT keeps WhiteNoise quiet.
    os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="kinerja-bench-static-")


def _recreate_database(url: str) -> None:
    import dj_database_url
    import psycopg
    from django.db import connections

    connections.close_all()
    cfg = dj_database_url.parse(url)
    name = cfg["NAME"]
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise SystemExit(f"Nama basis data tidak aman untuk dibuat ulang: {name!r}")
    with psycopg.connect(
        host=cfg.get("HOST") or None,
        port=cfg.get("PORT") or None,
        user=cfg.get("USER") or None,
        password=cfg.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def _measure(client, url: str, requests: int) -> tuple[float, float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):  # warm caches, template loaders and the connection
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} menjawab {response.status_code}, bukan 200")
    times, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return (
        statistics.median(times),
        _percentile(times, 0.95),
        statistics.median(cpu),
        len(ctx.captured_queries),
    )


def run_scale(url: str, employees: int, requests: int) -> tuple[float, list[Measurement]]:
    from django.core.management import call_command
    from django.test import Client, override_settings

    from kinerja.accounts.demo.personas import find_personas
    from kinerja.accounts.models import User
    from kinerja.accounts.services import issue_token

    _recreate_database(url)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", employees=employees, seed=1, stdout=quiet)
    seed_seconds = time.perf_counter() - started
    personas = {p.role: p for p in find_personas()}
    target = personas["pelaksana"].nip  # visible to all three personas
    pages = [
        ("Direktori pegawai, halaman 1", "/organisasi/pegawai/", False),
        ("Direktori pegawai, cari “nurul”", "/organisasi/pegawai/?q=nurul", False),
        ("Pohon organisasi", "/organisasi/", False),
        ("Profil pegawai", f"/organisasi/pegawai/{target}/", False),
        ("GET /api/v1/employees", "/api/v1/employees", True),
    ]
    results = []
    # Static files are not requested here; plain storage avoids needing collectstatic first.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        for role, label in PERSONAS:
            user = User.objects.get(username=personas[role].nip)
            web = Client()
            web.force_login(user)
            _, key = issue_token(user=user, name="bench")
            api = Client(headers={"Authorization": f"Bearer {key}"})
            for page, path, is_api in pages:
                p50, p95, cpu, queries = _measure(api if is_api else web, path, requests)
                results.append(Measurement(employees, page, label, p50, p95, cpu, queries))
                print(
                    f"  {employees:>5} {label:<24} {page:<34} p50 {p50:6.1f} ms  "
                    f"p95 {p95:6.1f} ms  CPU {cpu:6.1f} ms  {queries:3d} kueri",
                    flush=True,
                )
    return seed_seconds, results


def import_seconds(rows: int) -> float:
    """Time importing `rows` employees (with 60 new positions and logins) into the seeded regency."""
    import datetime as dt

    from kinerja.accounts.demo.personas import find_personas
    from kinerja.accounts.imports import services
    from kinerja.accounts.models import User
    from kinerja.accounts.tests.import_files import workbook
    from kinerja.organisations.domain.nip import Gender, build_nip
    from kinerja.organisations.models import OrgUnit

    root = OrgUnit.objects.get(depth=0)
    if not root.code:
        OrgUnit.objects.filter(pk=root.pk).update(code="ABDYA")
        root.code = "ABDYA"
    units = [
        {"code": "BENCH", "name": "Dinas Uji Impor", "kind": "dinas", "parent_code": root.code}
    ]
    positions = [
        {"code": f"BENCH.P{i}", "name": f"Pelaksana {i}", "unit_code": "BENCH", "kind": "pelaksana"}
        for i in range(60)
    ]
    employees = []
    for i in range(rows):
        born = dt.date(1971, 1, 1) + dt.timedelta(days=i % 9000)
        nip = build_nip(born, (born.year + 25, 1 + i % 12), Gender.FEMALE, 900 - i // 9000)
        employees.append(
            {
                "nip": nip,
                "name": f"Pegawai Impor {i}",
                "status": "PNS",
                "position_code": f"BENCH.P{i % 60}",
                "start_date": "02-01-2024",
            }
        )
    data = workbook(units=units, positions=positions, employees=employees)
    admin = User.objects.get(
        username=next(p for p in find_personas() if p.role == "bkpsdm_admin").nip
    )
    started = time.perf_counter()
    outcome = services.import_file(actor=admin, data=data, name="bench.xlsx")
    seconds = time.perf_counter() - started
    if not outcome.ok:
        raise SystemExit(f"Impor tolok ukur gagal: {outcome.errors[:3]}")
    return seconds


def sqlite_seed_seconds(employees: int) -> float | None:
    """Seed a throw-away SQLite file in a subprocess (what `make run` does) and time it."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "DEBUG": "true"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        out = subprocess.run(
            [*manage, "seed_demo", "--employees", str(employees)],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout
    match = re.search(r"dalam ([\d.]+) detik", out)
    return float(match.group(1)) if match else None


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    import django

    return (
        f"{platform.machine()}, {os.cpu_count()} inti CPU ({platform.processor() or 'tidak diketahui'}), "
        f"Python {platform.python_version()}, Django {django.get_version()}, PostgreSQL {pg}"
    )


def report(
    results: list[Measurement],
    seeds: dict[str, float | None],
    scales: list[int],
    info: str,
    requests: int,
) -> str:
    big = max(scales)
    by_key = {(m.scale, m.page, m.persona): m for m in results}
    lines = [
        "# Hasil tolok ukur",
        "",
        f"Mesin: {info}.",
        f"Setiap baris: {requests} permintaan berurutan lewat Django test Client (waktu server, tanpa jaringan).",
        f"Beban mesin saat diukur (load average 1 menit): {os.getloadavg()[0]:.1f}.",
        "",
        f"| Halaman | Persona | p50 ms ({big}) | p95 ms ({big}) | CPU Django p50 ms ({big}) | "
        + " | ".join(f"kueri ({s})" for s in scales)
        + " |",
        "|---|---|---:|---:|---:|" + "---:|" * len(scales),
    ]
    for m in results:
        if m.scale != big:
            continue
        counts = " | ".join(str(by_key[(s, m.page, m.persona)].queries) for s in scales)
        lines.append(
            f"| {m.page} | {m.persona} | {m.p50:.1f} | {m.p95:.1f} | {m.cpu_p50:.1f} | {counts} |"
        )
    lines += ["", "Waktu memuat data (`seed_demo`) dan impor Excel:", ""]
    for label, seconds in seeds.items():
        lines.append(f"- {label}: {'—' if seconds is None else f'{seconds:.1f} detik'}")
    worst = max((m.p95 for m in results if m.scale == big), default=0.0)
    same = all(
        len({by_key[(s, m.page, m.persona)].queries for s in scales}) == 1
        for m in results
        if m.scale == big
    )
    lines += [
        "",
        f"p95 terburuk: {worst:.1f} ms (sasaran < 100 ms: {'tercapai' if worst < 100 else 'BELUM'}).",
        f"Jumlah kueri sama pada semua skala: {'ya' if same else 'TIDAK'}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="600,6000", help="jumlah pegawai, dipisah koma")
    parser.add_argument(
        "--requests", type=int, default=200, help="permintaan per halaman dan persona"
    )
    parser.add_argument(
        "--small-requests", type=int, default=50, help="permintaan pada skala yang lebih kecil"
    )
    parser.add_argument(
        "--skip-sqlite", action="store_true", help="lewati pengukuran seed di SQLite"
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("Tolok ukur memerlukan PostgreSQL: DATABASE_URL=postgres://...")
    scales = sorted(int(s) for s in args.scales.split(","))
    _configure_environment(url)

    import django

    django.setup()
    results: list[Measurement] = []
    seeds: dict[str, float | None] = {}
    for employees in scales:
        print(f"Skala {employees} pegawai: membuat ulang basis data, migrasi, seed…", flush=True)
        requests = args.requests if employees == max(scales) else args.small_requests
        seconds, measured = run_scale(url, employees, requests)
        seeds[f"PostgreSQL, {employees} pegawai"] = seconds
        results += measured
        if employees == max(scales):
            print("Impor 6.000 baris pegawai baru dari Excel…", flush=True)
            seeds["Impor Excel 6.000 pegawai baru (validasi + simpan, PostgreSQL)"] = (
                import_seconds(6000)
            )
    info = machine()
    if not args.skip_sqlite:
        seeds[f"SQLite, {max(scales)} pegawai"] = sqlite_seed_seconds(max(scales))
    text = report(results, seeds, scales, info, args.requests)
    out = ROOT / "bench" / "results" / "latest.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Ditulis ke {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
