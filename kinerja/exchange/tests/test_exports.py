"""Exports for SIASN and e-Kinerja BKN: round-trip through the mapping, repeatable, logged,
scoped; the same rows through /api/v1."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.exchange.domain.mapping import (
    FILES,
    PREDICATE_CODES,
    RATING_CODES,
    parse_row,
    to_siasn,
)
from kinerja.exchange.models import ExportLog

from .conftest import YEAR

pytestmark = pytest.mark.django_db

RATING_OF = {code: slug for slug, code in RATING_CODES.items()}
PREDICATE_OF = {code: slug for slug, code in PREDICATE_CODES.items()}


def _export(client, kind, fmt="csv", **extra):
    response = client.post(
        reverse("exchange:export"), {"kind": kind, "file_format": fmt, "year": YEAR, **extra}
    )
    assert response.status_code == 200, response.content[:500]
    return response


def _csv_rows(kind, content: bytes) -> list[dict]:
    reader = csv.DictReader(io.StringIO(content.decode("utf-8")))
    assert reader.fieldnames == [c.name for c in FILES[kind]]
    return [parse_row(kind, raw) for raw in reader]


def _json_rows(kind, content: bytes) -> list[dict]:
    document = json.loads(content)
    assert document["jenis"] == kind and document["kolom"] == [c.name for c in FILES[kind]]
    assert document["jumlah"] == len(document["data"])
    return [parse_row(kind, raw) for raw in document["data"]]


def _check_evaluation_row(row, e):
    skp = e.skp
    assert row["nip"] == skp.employee.nip
    assert row["nama"] == skp.employee.full_name
    assert row["tahun"] == e.period.year
    assert RATING_OF[row["kode_hasil_kerja"]] == e.work_rating
    assert RATING_OF[row["kode_perilaku_kerja"]] == e.behaviour_rating
    assert PREDICATE_OF[row["kode_predikat"]] == e.predicate
    assert row["penilai_nip"] == e.assessor_nip
    assert row["penilai_nama"] == e.assessor_name
    assert row["penilai_jabatan"] == e.assessor_position
    assert row["penilai_unor"] == skp.assessor_unit
    assert row["status_penilai"] == "ASN"
    assert row["tanggal_penilaian"] == timezone.localdate(e.evaluated_at)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_annual_skp_export_round_trips_through_the_documented_mapping(data, login, fmt):
    client = login(data.world.bkpsdm_admin)
    response = _export(client, "skp_annual", fmt)
    rows = (_csv_rows if fmt == "csv" else _json_rows)("skp_annual", response.content)
    annual = sorted(
        (e for e in data.evaluations if e.period.kind == "annual"), key=lambda e: e.skp.employee.nip
    )
    assert len(rows) == len(annual) == 3
    for row, e in zip(rows, annual, strict=True):
        _check_evaluation_row(row, e)
        assert row["periode_mulai"] == e.skp.period_start
        assert row["final"] == (1 if e.is_final else 0)
    siasn = to_siasn("skp_annual", rows[0])
    assert {
        "hasilKinerjaNilai",
        "perilakuKerjaNilai",
        "kuadranKinerjaNilai",
        "penilaiNipNrp",
    } <= set(siasn)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_periodic_export_round_trips_and_can_be_narrowed_to_one_period(data, login, fmt):
    client = login(data.world.bkpsdm_admin)
    parse = _csv_rows if fmt == "csv" else _json_rows
    rows = parse("periodic", _export(client, "periodic", fmt).content)
    periodic = sorted(
        (e for e in data.evaluations if e.period.kind != "annual"),
        key=lambda e: (e.skp.employee.nip, e.period.start),
    )
    assert len(rows) == len(periodic) == 4
    for row, e in zip(rows, periodic, strict=True):
        _check_evaluation_row(row, e)
        assert row["periode"] == e.period.label
        assert (row["bulan_mulai"], row["bulan_selesai"]) == (
            e.period.start.month,
            e.period.end.month,
        )
    only_q2 = parse("periodic", _export(client, "periodic", fmt, period=data.q2.pk).content)
    assert [r["periode"] for r in only_q2] == [data.q2.label]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_training_export_round_trips_diklat_and_kursus(data, login, fmt):
    client = login(data.world.bkpsdm_admin)
    parse = _csv_rows if fmt == "csv" else _json_rows
    rows = parse("training", _export(client, "training", fmt).content)
    entries = sorted(data.entries, key=lambda e: (e.employee.nip, e.pk))
    assert len(rows) == 3
    for row, entry in zip(rows, entries, strict=True):
        assert row["nip"] == entry.employee.nip
        assert row["jumlah_jp"] == entry.jp
        assert row["tahun"] == entry.year
        source = entry.registration.event if entry.registration_id else entry.report
        assert row["nama_kegiatan"] == source.title
        assert row["tanggal_mulai"] == source.start_date
        assert row["tanggal_selesai"] == source.end_date
    by_nip = {r["nip"]: r for r in rows}
    assert by_nip[data.world.seksi_head.nip]["jenis"] == "diklat"
    assert by_nip[data.world.seksi_head.nip]["penyelenggara"] == "BPSDM Aceh"
    assert by_nip[data.world.nurse.nip]["jenis"] == "kursus"
    assert by_nip[data.world.nurse.nip]["jumlah_jp"] == Decimal("24.5")


def test_same_data_gives_the_same_file_and_every_export_is_logged(data, login):
    client = login(data.world.bkpsdm_admin)
    first = _export(client, "skp_annual")
    second = _export(client, "skp_annual")
    assert first.content == second.content
    logs = list(ExportLog.objects.order_by("id"))
    assert len(logs) == 2
    digest = hashlib.sha256(first.content).hexdigest()
    assert {log.sha256 for log in logs} == {digest}
    log = logs[0]
    assert (log.kind, log.file_format, log.channel, log.rows) == ("skp_annual", "csv", "web", 3)
    assert log.filters == {"year": YEAR}
    assert log.created_by.employee == data.world.bkpsdm_admin
    assert AuditEvent.objects.filter(action="exchange.exported").count() == 2
    page = client.get(reverse("exchange:log"))
    assert digest in page.content.decode()


def test_opd_admin_exports_only_their_agency(data, login):
    client = login(data.world.health_admin)
    rows = _csv_rows("skp_annual", _export(client, "skp_annual").content)
    w = data.world
    assert {r["nip"] for r in rows} == {w.staff.nip, w.nurse.nip}
    response = client.post(
        reverse("exchange:export"),
        {"kind": "skp_annual", "file_format": "csv", "year": YEAR, "agency": w.it_agency.pk},
    )
    assert response.status_code == 422
    assert ExportLog.objects.count() == 1


def test_bkpsdm_admin_narrows_an_export_to_one_agency(data, login):
    client = login(data.world.bkpsdm_admin)
    content = _export(client, "training", agency=data.world.it_agency.pk).content
    assert [r["nip"] for r in _csv_rows("training", content)] == [data.world.it_staff.nip]


def test_export_form_refuses_a_bad_year_in_indonesian(data, login):
    client = login(data.world.bkpsdm_admin)
    response = client.post(
        reverse("exchange:export"), {"kind": "skp_annual", "file_format": "csv", "year": "dua"}
    )
    assert response.status_code == 422
    assert "Masukkan keseluruhan angka bilangan." in response.content.decode()
    assert not ExportLog.objects.exists()


def test_export_query_count_does_not_grow_with_rows(data, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.world import make_employee

    from .conftest import make_skp, rate

    client = login(data.world.bkpsdm_admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _export(client, "skp_annual")
        return len(ctx.captured_queries)

    small = queries()
    for n in range(10):
        person = make_employee(
            data.world.health_seksi, data.world.staff.position, f"P{n}", with_login=False
        )
        rate(make_skp(person, data.world.seksi_head), data.annual, "meets", "meets", "good")
    assert queries() == small


# --- API ----------------------------------------------------------------------------------------


def test_api_gives_the_same_rows_as_the_file_page_by_page(data, login, client, bearer):
    headers = bearer(data.world.bkpsdm_admin)
    url = reverse("api:exchange_periodic")
    first = client.get(url, {"year": YEAR, "limit": 3}, headers=headers).json()
    rest = client.get(url, {"year": YEAR, "limit": 3, "offset": 3}, headers=headers).json()
    assert first["count"] == rest["count"] == 4
    assert len(first["items"]) == 3 and len(rest["items"]) == 1
    api_rows = [parse_row("periodic", r) for r in first["items"] + rest["items"]]
    file_rows = _json_rows(
        "periodic", _export(login(data.world.bkpsdm_admin), "periodic", "json").content
    )
    assert api_rows == file_rows
    pulls = ExportLog.objects.filter(channel="api").order_by("id")
    assert [p.filters.get("offset") for p in pulls] == [0, 3]
    assert [p.rows for p in pulls] == [3, 1]


def test_api_is_scoped_for_an_opd_admin(data, client, bearer):
    headers = bearer(data.world.health_admin)
    body = client.get(reverse("api:exchange_skp_annual"), {"year": YEAR}, headers=headers).json()
    assert {r["nip"] for r in body["items"]} == {data.world.staff.nip, data.world.nurse.nip}
    other = client.get(
        reverse("api:exchange_training"),
        {"year": YEAR, "agency_id": data.world.it_agency.pk},
        headers=headers,
    )
    assert other.status_code == 404


def test_api_refuses_others_and_bad_queries(data, client, bearer):
    url = reverse("api:exchange_training")
    assert client.get(url, {"year": YEAR}).status_code == 401
    assert client.get(url, {"year": YEAR}, headers=bearer(data.world.staff)).status_code == 403
    bad = client.get(url, {"year": "x", "limit": 1000}, headers=bearer(data.world.bkpsdm_admin))
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"year", "limit"}
    missing = client.get(url, headers=bearer(data.world.bkpsdm_admin))
    assert missing.json()["errors"]["year"] == ["Wajib diisi."]


def test_api_documents_401_403_404_422_for_the_exports(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/exchange/skp-annual",
        "/api/v1/exchange/periodic",
        "/api/v1/exchange/training",
    ):
        codes = set(schema["paths"][path]["get"]["responses"])
        assert {"200", "401", "403", "404", "422"} <= codes
    row = schema["components"]["schemas"]["SkpAnnualRow"]["properties"]["kode_predikat"]
    assert "kuadranKinerjaNilai" in row["description"]


def _count(client, url, params=None, headers=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}, headers=headers or {}).status_code == 200
    return len(ctx.captured_queries)


def test_export_log_page_and_api_lists_keep_a_flat_query_count(data, login, client, bearer):
    admin = login(data.world.bkpsdm_admin)
    _export(admin, "training")
    page_small = _count(admin, reverse("exchange:log"))
    index_small = _count(admin, reverse("exchange:index"))
    headers = bearer(data.world.bkpsdm_admin)
    _count(client, reverse("api:exchange_periodic"), {"year": YEAR}, headers)  # token first use
    api_small = _count(client, reverse("api:exchange_periodic"), {"year": YEAR}, headers)
    for _ in range(6):
        _export(admin, "training")
    from tests.world import make_employee

    from .conftest import make_skp, rate

    for n in range(6):
        person = make_employee(
            data.world.health_seksi, data.world.staff.position, f"Q{n}", with_login=False
        )
        rate(make_skp(person, data.world.seksi_head), data.q1, "meets", "meets", "good")
    admin = login(data.world.bkpsdm_admin)
    assert _count(admin, reverse("exchange:log")) == page_small
    assert _count(admin, reverse("exchange:index")) == index_small
    assert _count(client, reverse("api:exchange_periodic"), {"year": YEAR}, headers) == api_small
