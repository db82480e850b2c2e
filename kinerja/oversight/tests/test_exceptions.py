"""The inspectorate's view lists every kind of exception, filtered, scoped and exported."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.accounts.models import User
from kinerja.oversight.selectors import Filters, Kind, findings

from .conftest import YEAR, build

pytestmark = pytest.mark.django_db


def _by_kind(found):
    result: dict[Kind, list] = {}
    for f in found:
        result.setdefault(f.kind, []).append(f)
    return result


def _auditor(data):
    return User.objects.get(employee=data.world.auditor)


def test_every_kind_of_exception_is_listed_once_on_the_built_data_set(data):
    found = _by_kind(findings(_auditor(data), Filters(year=YEAR)))
    w = data.world
    assert [f.employee_nip for f in found[Kind.RATING_DEVIATION]] == [w.staff.nip]
    assert "Capaian melampaui target" in found[Kind.RATING_DEVIATION][0].detail
    assert [f.employee_nip for f in found[Kind.CALIBRATION]] == [w.staff.nip]
    assert "Sangat Baik → Baik" in found[Kind.CALIBRATION][0].detail
    assert [f.employee_nip for f in found[Kind.REOPENED]] == [w.it_staff.nip]
    assert [f.employee_nip for f in found[Kind.LATE_SKP_APPROVAL]] == [w.it_staff.nip]
    assert "15 hari setelah batas 31-01-2026" in found[Kind.LATE_SKP_APPROVAL][0].detail
    assert [f.employee_nip for f in found[Kind.LATE_EVALUATION]] == [w.nurse.nip]
    assert sorted(f.employee_nip for f in found[Kind.EVIDENCE_REUSE]) == sorted(
        [w.staff.nip, w.nurse.nip]
    )
    assert [f.employee_nip for f in found[Kind.APPEAL_CHANGED]] == [w.nurse.nip]
    assert "Butuh Perbaikan → Baik" in found[Kind.APPEAL_CHANGED][0].detail


def test_a_rating_that_follows_the_suggestion_and_a_file_used_by_one_person_are_not_listed(data):
    found = findings(_auditor(data), Filters(year=YEAR))
    details = " ".join(f.detail for f in found)
    assert "sendiri.pdf" not in details and "dua-kali.pdf" not in details
    deviations = [f for f in found if f.kind == Kind.RATING_DEVIATION]
    assert all(f.employee_nip != data.world.it_staff.nip for f in deviations)


def test_each_finding_links_to_its_record_and_its_audit_trail(data):
    found = _by_kind(findings(_auditor(data), Filters(year=YEAR)))
    deviation = found[Kind.RATING_DEVIATION][0]
    assert deviation.record_url == reverse(
        "evaluation:period", kwargs={"skp_id": data.staff_skp.pk, "period_id": data.q1.pk}
    )
    assert deviation.audit_url == (
        f"{reverse('reports:audit_trail')}?object_id={data.deviation.pk}&action=evaluation.rated"
    )
    late_skp = found[Kind.LATE_SKP_APPROVAL][0]
    assert late_skp.record_url == reverse("planning:skp_detail", kwargs={"pk": data.it_skp.pk})


def test_agency_filter_keeps_only_that_agencys_exceptions(data):
    w = data.world
    found = findings(_auditor(data), Filters(year=YEAR, agency_id=w.it_agency.pk))
    assert {f.employee_nip for f in found} == {w.it_staff.nip}
    assert {f.kind for f in found} == {Kind.REOPENED, Kind.LATE_SKP_APPROVAL}


def test_period_filter_keeps_the_period_and_drops_year_level_approvals(data):
    found = findings(_auditor(data), Filters(year=YEAR, period_id=data.q1.pk))
    kinds = {f.kind for f in found}
    assert Kind.LATE_SKP_APPROVAL not in kinds and Kind.CALIBRATION not in kinds
    assert {Kind.RATING_DEVIATION, Kind.LATE_EVALUATION, Kind.REOPENED} <= kinds


def test_another_year_has_no_exceptions(data):
    assert findings(_auditor(data), Filters(year=YEAR - 1)) == []


def test_page_lists_exceptions_for_the_auditor_and_refuses_an_opd_admin(data, login):
    client = login(data.world.auditor)
    response = client.get(reverse("oversight:exceptions"), {"year": YEAR})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rating berbeda dari saran bukti" in body and data.world.staff.nip in body
    assert "Jejak audit" in body
    client = login(data.world.health_admin)
    assert client.get(reverse("oversight:exceptions")).status_code == 403


def test_page_is_paginated(world, login):
    build(world, extra_people=12)  # 12 people × 6 exceptions + the base set: more than a page
    client = login(world.auditor)
    first = client.get(reverse("oversight:exceptions"), {"year": YEAR})
    assert len(first.context["page"].object_list) == 50
    second = client.get(reverse("oversight:exceptions"), {"year": YEAR, "page": 2})
    assert second.context["page"].number == 2
    assert len(second.context["page"].object_list) == first.context["total"] - 50


def test_bad_filter_gives_an_indonesian_message_not_an_error(data, login):
    client = login(data.world.auditor)
    response = client.get(reverse("oversight:exceptions"), {"year": YEAR + 3, "period": data.q1.pk})
    assert response.status_code == 200
    assert "Periode tidak termasuk tahun yang dipilih." in response.content.decode()


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_stays_flat_as_exceptions_grow(world, login):
    build(world, extra_people=1)
    client = login(world.auditor)
    url = reverse("oversight:exceptions")
    small = _queries(client, url, {"year": YEAR})
    from .conftest import Period, _more

    q1 = Period.objects.get(year=YEAR, kind="quarterly", number=1)
    annual = Period.objects.get(year=YEAR, kind="annual")
    for n in range(1, 8):
        _more(world, n, q1, annual)
    assert _queries(client, url, {"year": YEAR}) == small
    assert _queries(client, reverse("oversight:exceptions_xlsx"), {"year": YEAR}) <= small


def test_excel_export_holds_the_same_filtered_list_with_links(data, login):
    client = login(data.world.bkpsdm_admin)
    params = {"year": YEAR, "agency": data.world.health.pk}
    response = client.get(reverse("oversight:exceptions_xlsx"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Saringan: perangkat daerah Dinas Kesehatan, tahun 2026"
    assert [c.value for c in sheet[4]][:4] == ["Jenis", "Tanggal", "Pegawai", "NIP"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    expected = findings(
        User.objects.get(employee=data.world.bkpsdm_admin),
        Filters(year=YEAR, agency_id=data.world.health.pk),
    )
    assert len(rows) == len(expected) > 0
    assert [r[3] for r in rows] == [f.employee_nip for f in expected]
    assert {r[0] for r in rows} == {f.kind_label for f in expected}
    assert data.world.it_staff.nip not in {r[3] for r in rows}
    assert all(
        r[7].startswith("http://testserver/evaluasi/") or "/perencanaan/" in r[7] for r in rows
    )
    assert all("/laporan/audit/?object_id=" in r[8] for r in rows)
