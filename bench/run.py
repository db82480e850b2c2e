"""Benchmark of Kinerja on PostgreSQL with a year of data (`make bench`).

For each scale (600 and 6,000 employees) it drops and recreates the database named by
DATABASE_URL, migrates, seeds the demo regency (`seed_demo`), fills a year of activity for every
employee (`bench/year_data.py`), then requests each page many times through Django's test Client
as the personas who use it and reports the wall time (p50/p95), the CPU time of the Django process
(p50) and the number of SQL queries per request. Services that are not pages (SKP PDF, the
regency-wide predicate recompute, the daily reminder run) are timed directly, and the public
transparency page is load-tested with several gunicorn workers. The result is printed as Markdown
and written to bench/results/latest.md.

The test Client runs the whole Django stack (middleware, session, view, templates) in process,
so the times are server time without network or browser.
"""

from __future__ import annotations

import argparse
import atexit
import json
import logging
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kinerja_bench"
GROUPS = ["foundation", "planning", "evaluation", "development", "leadership", "reports", "load"]
GROUP_TITLES = {
    "foundation": "Fondasi (organisasi dan pegawai)",
    "planning": "Perencanaan (SKP)",
    "evaluation": "Evaluasi",
    "development": "Pengembangan kompetensi",
    "leadership": "Pimpinan dan adopsi",
    "reports": "Laporan dan transparansi",
    "load": "Beban: permintaan per detik",
}
FOUNDATION_PERSONAS = [
    ("bkpsdm_admin", "Admin BKPSDM"),
    ("kepala_dinas_kesehatan", "Kepala Dinas Kesehatan"),
    ("pelaksana", "Pelaksana"),
]
PAGE_TARGET_MS = 150.0
PAGE_BUDGET = 60.0  # seconds per page at most (--page-budget); slow pages get fewer requests
MIN_REQUESTS = 20
LAST_COUNT = 0


@dataclass
class Measurement:
    scale: int
    group: str
    page: str
    persona: str
    p50: float | None = None  # milliseconds
    p95: float | None = None
    cpu_p50: float | None = None
    queries: int | None = None
    target_ms: float | None = None  # compared with p95 (or with the single time)
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Same page at every scale: sizes in parentheses ("30 bawahan") are left out."""
        plain = lambda text: re.sub(r"\(\d[^)]*\)", "(…)", text)  # noqa: E731
        return (self.group, plain(self.page), plain(self.persona))


@dataclass
class ScaleRun:
    scale: int
    seed_seconds: float = 0.0
    year_seconds: float = 0.0
    year_counts: dict[str, int] = field(default_factory=dict)
    results: list[Measurement] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    import_seconds: float | None = None

    def add(self, m: Measurement) -> None:
        self.results.append(m)
        fmt = lambda v: "     —" if v is None else f"{v:6.1f}"  # noqa: E731
        queries = "  —" if m.queries is None else f"{m.queries:3d}"
        print(
            f"  {m.scale:>5} {m.persona[:26]:<26} {m.page[:44]:<44} p50 {fmt(m.p50)} ms  "
            f"p95 {fmt(m.p95)} ms  CPU {fmt(m.cpu_p50)} ms  {queries} kueri {m.note}",
            flush=True,
        )

    def skip(self, text: str) -> None:
        self.skipped.append(text)
        print(f"  LEWATI: {text}", flush=True)


def _configure_environment(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"  # DEBUG would keep every query in memory and slow the pages
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["KINERJA_TESTING"] = "false"
    # Pages are measured, not static files; an empty STATIC_ROOT keeps WhiteNoise quiet. Both
    # directories are removed when the run ends.
    for name, prefix in (
        ("STATIC_ROOT", "kinerja-bench-static-"),
        ("MEDIA_ROOT", "kinerja-bench-media-"),
    ):
        os.environ[name] = tempfile.mkdtemp(prefix=prefix)
        atexit.register(shutil.rmtree, os.environ[name], ignore_errors=True)


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


def _count_queries(fn: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _timed(
    fn: Callable[[], object],
    requests: int,
    warmup: int = 5,
    before: Callable[[], object] | None = None,
) -> tuple[float, float, float]:
    """p50 and p95 wall time and p50 CPU time in ms of `requests` calls after `warmup` calls.

    A slow page gets fewer calls (never fewer than MIN_REQUESTS) so that one page takes about
    PAGE_BUDGET seconds at most; the count actually used is kept in LAST_COUNT.
    """
    global LAST_COUNT
    warm = []
    for _ in range(warmup):
        if before:
            before()
        started = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - started)
    if warm and PAGE_BUDGET:
        mean = statistics.mean(warm[1:] or warm)
        requests = min(requests, max(MIN_REQUESTS, int(PAGE_BUDGET / max(mean, 1e-6))))
    LAST_COUNT = requests
    times, cpu = [], []
    for _ in range(requests):
        if before:
            before()
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(times), _percentile(times, 0.95), statistics.median(cpu)


def _get(client, url: str, expect: int = 200) -> Callable[[], object]:
    def call():
        response = client.get(url)
        if response.status_code != expect:
            raise SystemExit(f"{url} menjawab {response.status_code}, bukan {expect}")
        return response

    return call


def measure_page(run, group, page, persona, client, url, requests, *, target=PAGE_TARGET_MS):
    call = _get(client, url)
    p50, p95, cpu = _timed(call, requests)
    note = f"{LAST_COUNT} permintaan" if requests > LAST_COUNT else ""
    queries = _count_queries(call)
    run.add(Measurement(run.scale, group, page, persona, p50, p95, cpu, queries, target, note))


# --- The people and objects the scenarios use -------------------------------------------------


@dataclass
class Cast:
    year: int
    admin: object
    head_big: object  # User heading the largest perangkat daerah
    assessor: object  # User who assesses about 30 people
    team_size: int
    pelaksana: object
    biggest: object  # OrgUnit
    biggest_size: int
    own_skp: object
    current_period: object
    closed_period: object


def find_cast() -> Cast:
    from django.db.models import Count

    from kinerja.accounts.demo.personas import find_personas
    from kinerja.accounts.models import User
    from kinerja.core import clock
    from kinerja.evaluation.models import Period, PeriodKind
    from kinerja.organisations.models import Employee, OrgUnit
    from kinerja.planning.models import Skp

    today = clock.today()
    year = today.year
    personas = {p.role: p for p in find_personas()}
    sizes = (
        Employee.objects.filter(is_active=True, unit__agency__isnull=False)
        .values("unit__agency")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__agency")
    )
    top = sizes.first()
    biggest = OrgUnit.objects.get(pk=top["unit__agency"])
    head = Employee.objects.filter(
        position__is_head=True, position__unit=biggest, is_active=True
    ).first()
    teams = list(
        Skp.objects.filter(year=year, is_closed=False)
        .values("assessor")
        .annotate(n=Count("id"))
        .order_by("assessor")
    )
    best = min(teams, key=lambda row: (abs(row["n"] - 30), row["assessor"]))
    pelaksana = User.objects.get(username=personas["pelaksana"].nip)
    periods = list(
        Period.objects.filter(year=year).exclude(kind=PeriodKind.ANNUAL).order_by("start")
    )
    current = next((p for p in periods if p.start <= today <= p.end), None)
    closed = [p for p in periods if p.end < today]
    return Cast(
        year=year,
        admin=User.objects.get(username=personas["bkpsdm_admin"].nip),
        head_big=User.objects.get(employee=head),
        assessor=User.objects.get(employee_id=best["assessor"]),
        team_size=best["n"],
        pelaksana=pelaksana,
        biggest=biggest,
        biggest_size=top["n"],
        own_skp=Skp.objects.get(employee_id=pelaksana.employee_id, year=year, is_closed=False),
        current_period=current,
        closed_period=closed[-1] if closed else None,
    )


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _url(name: str, *args, query: str = "") -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url


# --- Groups -------------------------------------------------------------------------------------


def group_foundation(run: ScaleRun, requests: int) -> None:
    from kinerja.accounts.demo.personas import find_personas
    from kinerja.accounts.models import User
    from kinerja.accounts.services import issue_token

    personas = {p.role: p for p in find_personas()}
    target = personas["pelaksana"].nip  # visible to all three personas
    pages = [
        ("Direktori pegawai, halaman 1", "/organisasi/pegawai/", False),
        ("Direktori pegawai, cari “nurul”", "/organisasi/pegawai/?q=nurul", False),
        ("Pohon organisasi", "/organisasi/", False),
        ("Profil pegawai", f"/organisasi/pegawai/{target}/", False),
        ("GET /api/v1/employees", "/api/v1/employees", True),
    ]
    from django.test import Client

    for role, label in FOUNDATION_PERSONAS:
        user = User.objects.get(username=personas[role].nip)
        web = _client(user)
        _, key = issue_token(user=user, name="bench")
        api = Client(headers={"Authorization": f"Bearer {key}"})
        for page, path, is_api in pages:
            measure_page(
                run, "foundation", page, label, api if is_api else web, path, requests, target=100.0
            )


def group_planning(run: ScaleRun, cast: Cast, requests: int) -> None:
    from kinerja.planning.models import Skp

    me, admin = _client(cast.pelaksana), _client(cast.admin)
    big = f"unit={cast.biggest.pk}&tahun={cast.year}"
    measure_page(
        run, "planning", "SKP saya (daftar)", "Pelaksana", me, _url("planning:my_skp"), requests
    )
    measure_page(
        run, "planning", "Rincian SKP sendiri", "Pelaksana", me,
        _url("planning:skp_detail", cast.own_skp.pk), requests,
    )  # fmt: skip
    # The review queue shows submitted SKPs: put the assessor's team back to "submitted" while
    # it is measured, then restore the approvals.
    team = Skp.objects.filter(assessor=cast.assessor.employee, year=cast.year, status="approved")
    ids = list(team.values_list("pk", flat=True))
    Skp.objects.filter(pk__in=ids).update(status="submitted")
    try:
        measure_page(
            run, "planning", f"Antrean persetujuan ({len(ids)} SKP diajukan)",
            f"Pejabat penilai ({cast.team_size} bawahan)", _client(cast.assessor),
            _url("planning:review_queue"), requests,
        )  # fmt: skip
    finally:
        Skp.objects.filter(pk__in=ids).update(status="approved")
    for label, client in (("Admin BKPSDM", admin), ("Kepala PD terbesar", _client(cast.head_big))):
        measure_page(
            run, "planning", f"Monitoring SKP {cast.biggest.short_name or cast.biggest.name} "
            f"({cast.biggest_size} pegawai)", label, client,
            _url("planning:monitoring", query=big), requests,
        )  # fmt: skip
    measure_page(
        run, "planning", f"Pohon cascade {cast.biggest.short_name or cast.biggest.name}",
        "Admin BKPSDM", admin, _url("planning:cascade", query=big), requests,
    )  # fmt: skip
    # Opening a node of the tree (htmx fragment): the JPT RHK of the agency with the most
    # supporting RHKs, i.e. its first page of 50 children.
    from django.db.models import Count
    from django.test import Client

    from kinerja.planning.models import Rhk

    jpt = (
        Rhk.objects.filter(
            skp__year=cast.year, skp__is_closed=False, agreement_target__isnull=False,
            skp__unit__path__startswith=cast.biggest.path,
        )
        .annotate(n=Count("children"))
        .order_by("-n", "pk")
        .first()
    )  # fmt: skip
    if jpt is not None:
        hx = Client(headers={"HX-Request": "true"})
        hx.force_login(cast.admin)
        measure_page(
            run, "planning", f"Simpul cascade dibuka (RHK JPT, {jpt.n} RHK pendukung, htmx)",
            "Admin BKPSDM", hx,
            _url("planning:cascade_node", query=f"jenis=rhk&id={jpt.pk}&{big}"), requests,
        )  # fmt: skip
    pdf = _get(me, _url("planning:skp_pdf", cast.own_skp.pk))
    n = max(10, requests // 10)
    p50, p95, cpu = _timed(pdf, n, warmup=2)
    run.add(
        Measurement(
            run.scale, "planning", "PDF SKP (WeasyPrint)", "Pelaksana", p50, p95, cpu,
            _count_queries(pdf), 1000.0, note=f"{n} permintaan",
        )
    )  # fmt: skip


def _tiny_pdf() -> bytes:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" + b"% bukti dukung\n" * 1200
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def group_evaluation(run: ScaleRun, cast: Cast, requests: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinerja.evaluation.models import Realisation
    from kinerja.planning.models import Indicator

    assessor = _client(cast.assessor)
    persona = f"Pejabat penilai ({cast.team_size} bawahan)"
    if cast.closed_period is not None:
        measure_page(
            run, "evaluation", f"Penilaian tim, {cast.closed_period.label}", persona, assessor,
            _url("evaluation:team", query=f"periode={cast.closed_period.pk}"), requests,
        )  # fmt: skip
    measure_page(run, "evaluation", "Penilaian tim, periode berjalan", persona, assessor,
                 _url("evaluation:team"), requests)  # fmt: skip
    me = _client(cast.pelaksana)
    if cast.current_period is None:
        run.skip("Isi realisasi: tidak ada periode berjalan hari ini.")
    else:
        skp, period = cast.own_skp, cast.current_period
        page_url = _url("evaluation:period", skp.pk, period.pk)
        measure_page(run, "evaluation", f"Halaman periode {period.label} (isi realisasi)",
                     "Pelaksana", me, page_url, requests)  # fmt: skip
        indicator = Indicator.objects.filter(rhk__skp=skp).order_by("pk").first()
        post_url = _url("evaluation:realisation", skp.pk, period.pk, indicator.pk)
        state = {"n": 0}

        def before():
            row = Realisation.objects.filter(indicator=indicator, period=period).first()
            state["version"] = row.version if row else 0
            state["n"] += 1

        def submit():
            response = me.post(
                post_url,
                {"value": f"{10 + state['n'] % 7}.5", "text": "", "narrative": "Tolok ukur",
                 "version": state["version"]},
            )  # fmt: skip
            if response.status_code != 302:
                raise SystemExit(f"POST realisasi menjawab {response.status_code}")
            me.get(response["Location"])

        p50, p95, cpu = _timed(submit, requests, before=before)
        before()
        queries = _count_queries(submit)
        saved = Realisation.objects.get(indicator=indicator, period=period)
        run.add(
            Measurement(
                run.scale, "evaluation", "Simpan realisasi (POST + halaman periode)", "Pelaksana",
                p50, p95, cpu, queries, PAGE_TARGET_MS * 2,
                note=f"versi akhir {saved.version}",
            )
        )  # fmt: skip
        pdf = _tiny_pdf()
        evidence_url = _url("evaluation:evidence", skp.pk, period.pk)

        def upload():
            file = SimpleUploadedFile("bukti.pdf", pdf, content_type="application/pdf")
            response = me.post(evidence_url, {"file": file, "title": "Bukti tolok ukur"})
            if response.status_code != 302:
                raise SystemExit(f"Unggah bukti menjawab {response.status_code}")
            me.get(response["Location"])

        n = max(10, requests // 4)
        p50, p95, cpu = _timed(upload, n, warmup=2)
        run.add(
            Measurement(
                run.scale, "evaluation", f"Unggah bukti PDF {len(pdf) // 1024} KB (POST + halaman)",
                "Pelaksana", p50, p95, cpu, _count_queries(upload), PAGE_TARGET_MS * 2,
                note=f"{n} permintaan",
            )
        )  # fmt: skip
    measure_page(
        run, "evaluation", f"Kalibrasi {cast.biggest.short_name or cast.biggest.name}",
        "Admin BKPSDM", _client(cast.admin),
        _url("evaluation:calibration", query=f"unit={cast.biggest.pk}&tahun={cast.year}"), requests,
    )  # fmt: skip
    recompute = lambda: recompute_predicates(cast.year)  # noqa: E731
    p50, p95, cpu = _timed(recompute, 10, warmup=1)
    summary = recompute_predicates(cast.year)
    run.add(
        Measurement(
            run.scale, "evaluation", "Hitung ulang semua predikat + cek distribusi kabupaten",
            "layanan", p50, p95, cpu, _count_queries(recompute), 2000.0,
            note=f"{summary['evaluations']} penilaian, {summary['violations']} pelanggaran pola",
        )
    )  # fmt: skip


def recompute_predicates(year: int) -> dict[str, int]:
    """Every annual predicate from its two ratings (the matrix), then the distribution check of
    every perangkat daerah against its organisational result: what a regency-wide recompute
    does, read-only (two queries)."""
    from collections import Counter, defaultdict

    from kinerja.evaluation.domain import (
        OrgPredicate,
        Predicate,
        Rating,
        check_distribution,
        predicate_for,
    )
    from kinerja.evaluation.models import Evaluation, OrgResult, PeriodKind

    counts: dict[int, Counter] = defaultdict(Counter)
    changed = 0
    rows = Evaluation.objects.filter(period__year=year, period__kind=PeriodKind.ANNUAL).values_list(
        "skp__unit__agency_id", "skp__unit_id", "work_rating", "behaviour_rating", "predicate",
        "is_calibrated",
    )  # fmt: skip
    n = 0
    for agency_id, unit_id, work, behaviour, stored, calibrated in rows.iterator(chunk_size=5000):
        n += 1
        predicate = (
            Predicate(stored) if calibrated else predicate_for(Rating(work), Rating(behaviour))
        )
        changed += predicate.value != stored
        counts[agency_id or unit_id][predicate] += 1
    results = dict(
        OrgResult.objects.filter(year=year, period__isnull=True).values_list("unit_id", "predicate")
    )
    violations = sum(
        len(check_distribution(OrgPredicate(results[agency]), dict(c)))
        for agency, c in counts.items()
        if agency in results
    )
    return {"evaluations": n, "changed": changed, "violations": violations}


def group_development(run: ScaleRun, cast: Cast, requests: int) -> None:
    admin = _client(cast.admin)
    q = f"tahun={cast.year}"
    measure_page(run, "development", "Capaian JP per perangkat daerah", "Admin BKPSDM", admin,
                 _url("development:attainment", query=q), requests)  # fmt: skip
    measure_page(run, "development", "Analisis kebutuhan pelatihan kabupaten", "Admin BKPSDM",
                 admin, _url("development:needs_analysis", query=q), requests)  # fmt: skip
    measure_page(run, "development", "Pengembangan tim (JP dan kebutuhan)",
                 f"Pejabat penilai ({cast.team_size} bawahan)", _client(cast.assessor),
                 _url("development:team", query=q), requests)  # fmt: skip
    # A unit head of the largest agency: the page lists only those they assess, 50 per page.
    measure_page(run, "development", "Pengembangan tim (JP dan kebutuhan)", "Kepala PD terbesar",
                 _client(cast.head_big), _url("development:team", query=q), requests)  # fmt: skip


def group_leadership(run: ScaleRun, cast: Cast, requests: int) -> None:
    import datetime as dt

    from kinerja.communication.models import Notification, ReminderRun
    from kinerja.communication.reminders import REMINDERS, run_all
    from kinerja.core import clock

    measure_page(
        run, "leadership", f"Ruang pimpinan {cast.biggest.short_name or cast.biggest.name}",
        "Kepala PD terbesar", _client(cast.head_big), _url("leadership:workspace"), requests,
    )  # fmt: skip
    url = _url("adoption:overview")
    if url is None:
        run.skip("Halaman adopsi: nama URL adoption:overview belum ada.")
    else:
        admin = _client(cast.admin)
        measure_page(run, "leadership", "Adopsi kabupaten", "Admin BKPSDM", admin,
                     f"{url}?tahun={cast.year}", requests)  # fmt: skip
        measure_page(run, "leadership", f"Adopsi {cast.biggest.short_name or cast.biggest.name}",
                     "Kepala PD terbesar", _client(cast.head_big), f"{url}?tahun={cast.year}",
                     requests)  # fmt: skip
    today = clock.today()
    for label, day in (("hari ini", today), ("7 hari sebelum tutup periode", None)):
        if day is None:
            if cast.current_period is None:
                continue
            day = cast.current_period.entry_closes - dt.timedelta(days=7)
        before = Notification.objects.count()
        started, cpu_started = time.perf_counter(), time.process_time()
        run_all(day, inline=True)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        sent = Notification.objects.count() - before
        failed = ReminderRun.objects.filter(run_date=day, status="failed").count()
        run.add(
            Measurement(
                run.scale, "leadership", f"Pengingat harian ({len(REMINDERS)} tugas, {label})",
                "layanan", seconds * 1000, None, cpu * 1000, None, 30_000.0,
                note=f"{sent} notifikasi{f', {failed} GAGAL' if failed else ''}",
            )
        )  # fmt: skip


def group_reports(run: ScaleRun, cast: Cast, requests: int) -> None:
    from django.core.cache import cache
    from django.test import Client

    url = _url("reports:dashboard")
    if url is None:
        run.skip("Dasbor kabupaten: nama URL reports:dashboard belum ada.")
    else:
        admin = _client(cast.admin)
        measure_page(run, "reports", "Dasbor kabupaten", "Admin BKPSDM", admin,
                     f"{url}?tahun={cast.year}", requests)  # fmt: skip
        measure_page(run, "reports", f"Dasbor {cast.biggest.short_name or cast.biggest.name}",
                     "Admin BKPSDM", admin, f"{url}?tahun={cast.year}&unit={cast.biggest.pk}",
                     requests)  # fmt: skip
        # The figures are cached: also the cost of a request that computes them (after a change).
        for label, query in (("kabupaten", f"tahun={cast.year}"),
                             (cast.biggest.short_name or cast.biggest.name,
                              f"tahun={cast.year}&unit={cast.biggest.pk}")):  # fmt: skip
            cold = _get(admin, f"{url}?{query}")
            p50, p95, cpu = _timed(cold, max(5, requests // 8), warmup=1, before=cache.clear)
            cache.clear()
            queries = _count_queries(cold)
            run.add(Measurement(run.scale, "reports", f"Dasbor {label} (cache kosong)",
                                "Admin BKPSDM", p50, p95, cpu, queries, None))  # fmt: skip
        # A busy day: before every request a write in another agency (its version bumped, as
        # the write's signal does); the biggest agency's dashboard stays cached.
        from django.db.models import F

        from kinerja.organisations.models import Employee, OrgUnit
        from kinerja.reports.dashboard_cache import bump_data_version

        other = (OrgUnit.objects.filter(agency_id=F("pk")).exclude(pk=cast.biggest.pk)
                 .values_list("pk", flat=True).first())  # fmt: skip
        if other is not None:
            busy = _get(admin, f"{url}?tahun={cast.year}&unit={cast.biggest.pk}")
            p50, p95, cpu = _timed(busy, requests, before=lambda: bump_data_version(other))
            run.add(Measurement(run.scale, "reports",
                                f"Dasbor {cast.biggest.short_name or cast.biggest.name} "
                                "(perubahan di perangkat daerah lain)", "Admin BKPSDM",
                                p50, p95, cpu, _count_queries(busy), PAGE_TARGET_MS))  # fmt: skip

        # A change in one agency before every request, as its write's signal bumps the versions:
        # the path of the unit of one of its employees (root, agency, ..., the employee's unit).
        # Rotating: each agency in turn, a unit of its own; the biggest: its units in turn.
        def unit_paths(**where) -> list[list[int]]:
            paths = (Employee.objects.filter(is_active=True, unit__isnull=False, **where)
                     .values_list("unit__path", flat=True).distinct().order_by("unit__path"))  # fmt: skip
            return [[int(p) for p in path.split("/") if p] for path in paths]

        def rotating(paths: list[list[int]]) -> Callable[[], None]:
            state = {"i": 0}

            def bump() -> None:
                bump_data_version(*paths[state["i"] % len(paths)])
                state["i"] += 1

            return bump

        by_agency: dict[int, list[int]] = {}
        for path in unit_paths():
            if len(path) > 1:
                by_agency.setdefault(path[1], path)
        biggest_paths = unit_paths(unit__path__startswith=cast.biggest.path)
        name = cast.biggest.short_name or cast.biggest.name
        for label, query, paths in (
            ("Dasbor kabupaten (perubahan di satu perangkat daerah, bergiliran)",
             f"tahun={cast.year}", list(by_agency.values())),
            (f"Dasbor kabupaten (perubahan di {name})", f"tahun={cast.year}", biggest_paths),
            (f"Dasbor {name} (perubahan di perangkat daerah itu)",
             f"tahun={cast.year}&unit={cast.biggest.pk}", biggest_paths),
        ):  # fmt: skip
            if not paths:
                continue
            changed = _get(admin, f"{url}?{query}")
            bump = rotating(paths)
            p50, p95, cpu = _timed(changed, requests, before=bump)
            bump()
            queries = _count_queries(changed)
            run.add(Measurement(run.scale, "reports", label, "Admin BKPSDM", p50, p95, cpu,
                                queries, PAGE_TARGET_MS))  # fmt: skip
    url = _url("reports:transparency")
    if url is None:
        run.skip("Halaman transparansi: nama URL reports:transparency belum ada.")
        return
    anonymous = Client()
    cold = _get(anonymous, url)
    p50, p95, cpu = _timed(cold, max(5, requests // 20), warmup=1, before=cache.clear)
    cache.clear()
    queries = _count_queries(cold)
    run.add(Measurement(run.scale, "reports", "Transparansi publik (cache kosong)", "Anonim",
                        p50, p95, cpu, queries, None))  # fmt: skip
    measure_page(run, "reports", "Transparansi publik (dari cache)", "Anonim", anonymous, url,
                 requests, target=50.0)  # fmt: skip


# --- Load test with gunicorn --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _python_load(url: str, seconds: float, connections: int) -> tuple[int, int, list[float]]:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    ok, errors, latencies = [0], [0], []

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", parts.path)
                response = conn.getresponse()
                response.read()
                good = response.status == 200
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                good = False
            with lock:
                if good:
                    ok[0] += 1
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ok[0], errors[0], latencies


def group_load(run: ScaleRun, *, workers: int, seconds: float, connections: int) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse("reports:transparency")
    except NoReverseMatch:
        run.skip("Uji beban: nama URL reports:transparency belum ada.")
        return
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which(
        "gunicorn"
    )
    if gunicorn is None:
        run.skip("Uji beban: gunicorn tidak terpasang.")
        return
    # Production-like: hashed, compressed static files served by WhiteNoise.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env={**os.environ}, check=True,
    )  # fmt: skip
    port = _free_port()
    log = Path(tempfile.mkdtemp(prefix="kinerja-bench-gunicorn-")) / "gunicorn.log"
    log_file = log.open("w")
    server = subprocess.Popen(
        [gunicorn, "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env={**os.environ}, stdout=log_file, stderr=log_file,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}{path}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            run.skip(f"Uji beban: gunicorn tidak menjawab (lihat {log}).")
            return
        for _ in range(workers * 4):  # every worker fills its own cache
            urllib.request.urlopen(url, timeout=10).read()
        load_before = os.getloadavg()[0]
        wrk = shutil.which("wrk")
        if wrk:
            out = subprocess.run(
                [wrk, "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", url],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            p50 = _wrk_ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1))
            p99 = _wrk_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))
            non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            tool = f"wrk -t2 -c{connections} -d{int(seconds)}s"
            errors = int(non2xx.group(1)) if non2xx else 0
            latency_note = f"latensi p50 {p50:.1f} ms, p99 {p99:.1f} ms"
        else:
            ok, errors, latencies = _python_load(url, seconds, connections)
            rps = ok / seconds
            tool = f"pemuat Python {connections} koneksi, {int(seconds)} s"
            latency_note = (
                f"latensi p50 {statistics.median(latencies):.1f} ms, "
                f"p95 {_percentile(latencies, 0.95):.1f} ms"
                if latencies
                else ""
            )
        run.loads.append(os.getloadavg()[0])
        run.add(
            Measurement(
                run.scale, "load", f"Transparansi publik: {rps:.0f} permintaan/detik",
                f"gunicorn {workers} worker", None, None, None, None, None,
                note=f"{tool}; {latency_note}; galat {errors}; load average sebelum "
                f"{load_before:.1f}",
            )
        )  # fmt: skip
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log_file.close()


def _wrk_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


# --- One scale ----------------------------------------------------------------------------------


def prepare(url: str, employees: int, run: ScaleRun, reuse: bool) -> None:
    from django.core.management import call_command

    from bench.year_data import generate
    from kinerja.core import clock
    from kinerja.organisations.models import Employee
    from kinerja.planning.models import Skp

    if reuse:
        try:
            ready = (
                Employee.objects.count() == employees
                and Skp.objects.filter(year=clock.today().year).exists()
            )
        except Exception:
            ready = False
        if ready:
            print("  Memakai basis data yang ada (--reuse).", flush=True)
            return
    _recreate_database(url)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", employees=employees, seed=1, stdout=quiet)
    run.seed_seconds = time.perf_counter() - started
    print(f"  seed_demo: {run.seed_seconds:.1f} s; data setahun…", flush=True)
    result = generate(seed=1, log=print)
    run.year_seconds, run.year_counts = result.seconds, dict(result.counts)
    print(f"  {result.summary()}", flush=True)


def run_scale(url: str, employees: int, requests: int, args) -> ScaleRun:
    from django.test import override_settings

    run = ScaleRun(employees)
    prepare(url, employees, run, args.reuse)
    run.loads.append(os.getloadavg()[0])
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    only = args.only
    with override_settings(STORAGES=storages):
        cast = find_cast()
        print(
            f"  Persona: kepala {cast.biggest.name} ({cast.biggest_size} pegawai); pejabat penilai "
            f"dengan {cast.team_size} bawahan; pelaksana {cast.pelaksana.username}.",
            flush=True,
        )
        if "foundation" in only:
            group_foundation(run, requests)
        if "planning" in only:
            group_planning(run, cast, requests)
        if "evaluation" in only:
            group_evaluation(run, cast, requests)
        if "development" in only:
            group_development(run, cast, requests)
        if "reports" in only:
            group_reports(run, cast, requests)
        if "leadership" in only:  # last of the in-process groups: the reminders add notifications
            group_leadership(run, cast, requests)
        run.loads.append(os.getloadavg()[0])
    if "load" in only:
        group_load(
            run, workers=args.workers, seconds=args.load_seconds, connections=args.connections
        )
    if "foundation" in only and employees == max(args.scale_list) and not args.skip_import:
        print("  Impor 6.000 baris pegawai baru dari Excel…", flush=True)
        run.import_seconds = import_seconds(6000)
    return run


def import_seconds(rows: int) -> float:
    """Time importing `rows` employees (with 60 new positions and logins) into the seeded regency;
    nothing of it is kept."""
    import datetime as dt

    from django.db import transaction

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
    # Timed inside a transaction that is then rolled back: the bench database stays as seeded
    # (6,000 more employees would change which persona `find_cast` picks on a `--reuse` run).
    with transaction.atomic():
        started = time.perf_counter()
        outcome = services.import_file(actor=admin, data=data, name="bench.xlsx")
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
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


# --- Report -------------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value / 1000:.2f} s" if value >= 10_000 else f"{value:.1f}"


def _verdict(m: Measurement) -> str:
    if m.target_ms is None:
        return ""
    value = m.p95 if m.p95 is not None else m.p50
    target = f"< {m.target_ms / 1000:g} s" if m.target_ms >= 1000 else f"< {m.target_ms:g} ms"
    return f"{target}: {'ya' if value is not None and value < m.target_ms else '**BELUM**'}"


def report(runs: list[ScaleRun], info: str, args, sqlite: float | None) -> str:
    scales = [r.scale for r in runs]
    big = runs[-1]
    by_key = {(r.scale, *m.key): m for r in runs for m in r.results}
    lines = [
        "# Hasil tolok ukur",
        "",
        f"Mesin: {info}.",
        f"Perintah: `{' '.join(['bench/run.py', *sys.argv[1:]])}`; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"Setiap halaman: 5 permintaan pemanasan lalu {args.requests} permintaan berurutan "
        f"(skala terbesar; {args.small_requests} pada skala lain) lewat Django test Client "
        "(waktu server, tanpa jaringan). p50/p95: waktu dinding; CPU: waktu CPU proses Django (p50).",
        "Load average 1 menit saat diukur: "
        + "; ".join(
            f"{r.scale} pegawai {min(r.loads):.1f}–{max(r.loads):.1f}" for r in runs if r.loads
        )
        + f" (pada {os.cpu_count()} inti).",
        "",
    ]
    for group in GROUPS:
        rows = [m for m in big.results if m.group == group]
        if not rows:
            continue
        lines += [
            f"## {GROUP_TITLES[group]}",
            "",
            "| Halaman / layanan | Persona | p50 ms | p95 ms | CPU p50 ms | "
            + " | ".join(f"kueri ({s})" for s in scales)
            + " | Sasaran (p95) | Catatan |",
            "|---|---|---:|---:|---:|" + "---:|" * len(scales) + "---|---|",
        ]
        for m in rows:
            counts = []
            for s in scales:
                other = by_key.get((s, *m.key))
                counts.append("—" if other is None or other.queries is None else str(other.queries))
            lines.append(
                f"| {m.page} | {m.persona} | {_ms(m.p50)} | {_ms(m.p95)} | {_ms(m.cpu_p50)} | "
                + " | ".join(counts)
                + f" | {_verdict(m)} | {m.note} |"
            )
        lines.append("")
    lines += ["## Waktu memuat data", ""]
    for r in runs:
        if r.seed_seconds:
            lines.append(
                f"- {r.scale} pegawai: `seed_demo` {r.seed_seconds:.1f} s, data setahun "
                f"(`bench/year_data.py`) {r.year_seconds:.1f} s."
            )
        if r.import_seconds is not None:
            lines.append(
                f"- Impor Excel 6.000 pegawai baru (PostgreSQL): {r.import_seconds:.1f} s."
            )
    if sqlite is not None:
        lines.append(f"- SQLite, `seed_demo` {max(scales)} pegawai: {sqlite:.1f} s.")
    if big.year_counts:
        lines += [
            "",
            f"Isi data setahun pada {big.scale} pegawai: "
            + ", ".join(f"{k} {v}" for k, v in big.year_counts.items())
            + ".",
        ]
    skipped = [s for r in runs for s in r.skipped]
    if skipped:
        lines += ["", "Dilewati:", ""] + [f"- {s}" for s in dict.fromkeys(skipped)]
    measured = [m for m in big.results if m.target_ms is not None]
    missed = [m for m in measured if "BELUM" in _verdict(m)]
    flat = [
        m
        for m in big.results
        if m.queries is not None
        and len({by_key[(s, *m.key)].queries for s in scales if (s, *m.key) in by_key}) > 1
    ]
    lines += [
        "",
        f"Sasaran tercapai: {len(measured) - len(missed)} dari {len(measured)}"
        + ("; belum: " + "; ".join(f"{m.page} ({m.persona})" for m in missed) if missed else "")
        + ".",
        "Jumlah kueri sama pada semua skala: "
        + (
            "ya."
            if not flat
            else "TIDAK untuk " + "; ".join(f"{m.page} ({m.persona})" for m in flat) + "."
        ),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    global PAGE_BUDGET
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="600,6000", help="jumlah pegawai, dipisah koma")
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"kelompok yang diukur, dipisah koma: {', '.join(GROUPS)} "
        "(sinonim: cycle = planning,evaluation)",
    )
    parser.add_argument("--requests", type=int, default=200, help="permintaan per halaman")
    parser.add_argument(
        "--small-requests", type=int, default=50, help="permintaan pada skala yang lebih kecil"
    )
    parser.add_argument("--skip-sqlite", action="store_true", help="lewati seed di SQLite")
    parser.add_argument("--skip-import", action="store_true", help="lewati uji impor Excel")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="pakai basis data yang sudah berisi skala itu dan data setahun (tanpa seed ulang)",
    )
    parser.add_argument("--workers", type=int, default=4, help="worker gunicorn untuk uji beban")
    parser.add_argument("--connections", type=int, default=16, help="koneksi serentak uji beban")
    parser.add_argument("--load-seconds", type=float, default=10, help="lama uji beban (detik)")
    parser.add_argument(
        "--page-budget",
        type=float,
        default=PAGE_BUDGET,
        help=f"detik paling lama per halaman; halaman lambat diminta lebih jarang "
        f"(paling sedikit {MIN_REQUESTS} kali; 0 = selalu --requests)",
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "latest.md"))
    args = parser.parse_args()
    PAGE_BUDGET = args.page_budget
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit("Tolok ukur memerlukan PostgreSQL: DATABASE_URL=postgres://...")
    only = set()
    for name in (s.strip() for s in args.only.split(",") if s.strip()):
        if name == "cycle":
            only |= {"planning", "evaluation"}
        elif name in GROUPS:
            only.add(name)
        else:
            raise SystemExit(
                f"Kelompok tidak dikenal: {name} (pilihan: {', '.join(GROUPS)}, cycle)"
            )
    args.only = only
    args.scale_list = sorted(int(s) for s in args.scales.split(","))
    if args.reuse and len(args.scale_list) > 1:
        raise SystemExit("--reuse hanya untuk satu skala (--scales N).")
    _configure_environment(url)

    import django

    django.setup()
    # WeasyPrint reports every layout step at INFO: keep the output readable.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    runs = []
    for employees in args.scale_list:
        print(f"Skala {employees} pegawai: basis data, migrasi, seed, data setahun…", flush=True)
        requests = args.requests if employees == max(args.scale_list) else args.small_requests
        runs.append(run_scale(url, employees, requests, args))
    info = machine()
    sqlite = None
    if not args.skip_sqlite and "foundation" in only:
        sqlite = sqlite_seed_seconds(max(args.scale_list))
    text = report(runs, info, args, sqlite)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    (out.with_suffix(".json")).write_text(
        json.dumps(
            [{"scale": r.scale, "results": [m.__dict__ for m in r.results]} for r in runs],
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print()
    print(text)
    print(f"Ditulis ke {out}")


if __name__ == "__main__":
    main()
