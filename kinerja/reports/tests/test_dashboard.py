"""The dashboard's aggregates equal what the records say; drill-down, names, exports, queries."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.development.models import JpEntry
from kinerja.evaluation.domain import Predicate, achievement_pct, check_distribution
from kinerja.evaluation.models import Appeal, Evaluation
from kinerja.evaluation.models.realisation import Realisation
from kinerja.organisations.models import Employee
from kinerja.planning.domain.orgplan import monitoring_status
from kinerja.planning.models import Indicator, Skp
from kinerja.reports.selectors.dashboard import dashboard
from tests.world import make_employee

from .conftest import YEAR, give_jp, make_skp

pytestmark = pytest.mark.django_db


def _agency_of(employee: Employee) -> int | None:
    return employee.unit.agency_id


def test_regency_figures_per_agency_match_the_records(data):
    w = data.world
    board = dashboard(year=YEAR, scope=None, period=data.annual)
    by_unit = {g.unit.pk: g for g in board.groups if g.unit is not None}
    employees = list(
        Employee.objects.filter(is_active=True, skp_exemption="").select_related("unit")
    )
    for agency in (w.health, w.it_agency):
        people = [e for e in employees if _agency_of(e) == agency.pk]
        figures = by_unit[agency.pk]
        assert figures.headcount == len(people)
        statuses = Counter(
            monitoring_status(s.status).value
            for s in Skp.objects.open().filter(year=YEAR, employee__in=people)
        )
        assert figures.skp["approved"] == statuses["approved"]
        assert figures.skp["submitted"] == statuses["submitted"]
        assert figures.skp["draft"] == statuses["draft"]
        assert figures.skp["none"] == len(people) - sum(statuses.values())
        evaluations = Evaluation.objects.filter(period=data.annual, skp__employee__in=people)
        assert figures.evaluated == evaluations.count()
        assert figures.predicates == {
            p: evaluations.filter(predicate=p.value).count() for p in Predicate
        }
        appeals = Appeal.objects.filter(evaluation__skp__employee__in=people)
        assert figures.appeals == appeals.count()
        assert figures.appeals_changed == appeals.filter(decision="change").count()
        assert figures.appeals_open == appeals.exclude(status="decided").count()
        pns = [e for e in people if e.status in ("pns", "cpns")]
        jp = Counter()
        for entry in JpEntry.objects.filter(year=YEAR):
            jp[entry.employee_id] += entry.jp
        assert figures.pns == len(pns)
        assert figures.pns_met == sum(1 for e in pns if jp[e.pk] >= 20)
        assert figures.pppk == len(people) - len(pns)
    health = by_unit[w.health.pk]
    assert health.org_result is not None
    assert [v.message for v in health.violations] == [
        v.message for v in check_distribution(health.org_result, health.predicates)
    ]
    assert board.total.headcount == len(employees)


def test_realisation_progress_matches_the_evaluation_rule_per_indicator(data):
    w = data.world
    board = dashboard(year=YEAR, scope=None, period=data.q1)
    health = next(g for g in board.groups if g.unit == w.health)
    numeric = Indicator.objects.filter(
        rhk__skp__is_closed=False,
        rhk__skp__year=YEAR,
        rhk__skp__employee__unit__agency=w.health,
        target_min__isnull=False,
    )
    assert health.indicators == numeric.count()
    realised = Realisation.objects.filter(
        period=data.q1, indicator__in=numeric, value__isnull=False
    ).select_related("indicator")
    assert health.realised == realised.count()
    expected = [
        achievement_pct(r.indicator.target_min, r.indicator.target_max, r.value) for r in realised
    ]
    mean = sum(expected) / len(expected)
    assert abs(health.mean_achievement - mean) <= Decimal("0.1")
    q1 = next(p for p in board.trend if p.period == data.q1)
    assert q1.realised == Realisation.objects.filter(period=data.q1).count()


def test_a_pppk_is_never_counted_as_below_the_jp_minimum(data, login):
    w = data.world
    board = dashboard(year=YEAR, scope=w.health, period=data.annual)
    assert board.total.pppk == 1  # the nurse, with no JP at all
    html = (
        login(w.health_admin)
        .get(reverse("reports:dashboard"), {"unit": w.puskesmas.pk, "tahun": YEAR})
        .content.decode()
    )
    row = html.split(w.nurse.full_name)[1].split("</tr>")[0]
    assert "&lt; 20" not in row


def test_unit_level_groups_by_the_units_directly_below(data):
    w = data.world
    board = dashboard(year=YEAR, scope=w.health, period=data.annual)
    names = {g.unit for g in board.groups}
    assert names == {w.health, w.health_bidang, w.puskesmas}
    bidang = next(g for g in board.groups if g.unit == w.health_bidang)
    # bidang head, seksi head, staff and three more in the seksi
    assert bidang.headcount == 6


def test_query_count_stays_flat_as_employees_and_records_grow(data):
    w = data.world

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            dashboard(year=YEAR, scope=None, period=data.annual)
            dashboard(year=YEAR, scope=w.health, period=data.q1)
        return len(ctx.captured_queries)

    before = count()
    for n in range(12):
        employee = make_employee(w.puskesmas, None, f"Pegawai Baru {n}", with_login=False)
        skp = make_skp(employee, w.seksi_head)
        indicator = Indicator.objects.create(
            rhk=skp.rhks.create(group="utama", text="RHK"), text="I", target_min=Decimal(4)
        )
        Realisation.objects.create(indicator=indicator, period=data.q1, value=Decimal(n))
        give_jp(employee, Decimal(n))
    assert count() == before


def test_the_regency_dashboard_drills_down_to_an_agency_a_unit_and_names(data, login):
    w = data.world
    client = login(w.regent)
    regency = client.get(reverse("reports:dashboard"), {"tahun": YEAR}).content.decode()
    assert "Dinas Kesehatan" in regency and f"?unit={w.health.pk}" in regency
    assert w.staff.full_name not in regency  # no names at the regency level
    agency = client.get(reverse("reports:dashboard"), {"unit": w.health.pk, "tahun": YEAR})
    assert agency.status_code == 200
    html = agency.content.decode()
    assert f"?unit={w.health_bidang.pk}" in html
    assert w.staff.full_name in html and "<svg" in html


def test_a_unit_head_lands_on_their_own_unit_and_sees_no_unit_beyond_it(data, login):
    w = data.world
    client = login(w.bidang_head)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert f"unit={w.health_bidang.pk}" in response["Location"]
    assert client.get(reverse("reports:dashboard"), {"unit": w.health.pk}).status_code == 404
    page = client.get(reverse("reports:dashboard"), {"unit": w.health_seksi.pk, "tahun": YEAR})
    assert w.staff.full_name in page.content.decode()


def test_an_employee_without_a_scope_is_refused_and_a_bad_unit_is_not_found(data, login):
    w = data.world
    client = login(w.staff)
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:dashboard"), {"unit": w.health.pk}).status_code == 404
    assert client.get(reverse("reports:dashboard"), {"unit": "abc"}).status_code == 404


def test_dashboard_exports_to_excel_with_the_same_figures(data, login):
    w = data.world
    response = login(w.health_admin).get(
        reverse("reports:dashboard"), {"unit": w.health.pk, "tahun": YEAR, "format": "xlsx"}
    )
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    sheet = book["Ringkasan"]
    header = [c.value for c in sheet[3]]
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[0] == "Jumlah"
    assert total[header.index("Pegawai")] == dashboard(year=YEAR, scope=w.health).total.headcount
    names = [row[0].value for row in book["Pegawai"].iter_rows(min_row=2)]
    assert w.staff.full_name in names and w.it_staff.full_name not in names


def test_dashboard_exports_to_pdf(data, login):
    response = login(data.world.regent).get(
        reverse("reports:dashboard"), {"tahun": YEAR, "format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_dashboard_page_with_names_keeps_its_query_count_as_people_are_added(data, login):
    w = data.world
    client = login(w.health_admin)
    url = reverse("reports:dashboard")
    query = {"unit": w.health.pk, "tahun": YEAR, "periode": data.annual.pk}

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, query).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(8):
        employee = make_employee(w.puskesmas, None, f"Perawat Baru {n}", with_login=False)
        make_skp(employee, w.seksi_head)
        give_jp(employee, Decimal(n))
    assert count() == before


def test_each_name_shows_its_open_skp_status_and_the_period_predicate(data):
    from kinerja.reports.selectors.dashboard import people, people_in_scope

    w = data.world
    employees = people_in_scope(data.user(w.health_admin), w.health)
    rows = {r.employee.pk: r for r in people(employees=employees, year=YEAR, period=data.annual)}
    assert rows[w.staff.pk].skp_label == "Disetujui"
    assert rows[w.staff.pk].predicate == Predicate.BAIK
    assert rows[w.seksi_head.pk].predicate == Predicate.SANGAT_BAIK
    assert rows[w.nurse.pk].skp_label == "Diajukan" and rows[w.nurse.pk].predicate is None
    assert rows[w.health_admin.pk].skp_label == "Draf"
    assert rows[w.staff.pk].jp == Decimal(24)


def test_the_adoption_column_counts_who_has_ever_signed_in_per_agency(data):
    """The regency's adoption column: of each agency's active employees, those whose active
    account has signed in at least once; the same count as the adoption page's."""
    from django.utils import timezone

    from kinerja.accounts.models import User
    from kinerja.adoption.selectors import agency_adoption
    from kinerja.reports.dashboard_cache import cached_dashboard

    w = data.world
    User.objects.filter(employee__in=[w.staff, w.it_staff]).update(last_login=timezone.now())
    expected = {}
    for agency in (w.health, w.it_agency):
        people = Employee.objects.filter(is_active=True, unit__agency=agency)
        signed_in = User.objects.filter(
            employee__in=people, is_active=True, last_login__isnull=False
        ).count()
        expected[agency.pk] = (signed_in, people.count())
    adoption_page = agency_adoption(year=YEAR, agency_ids=list(expected))
    for board in (
        dashboard(year=YEAR, scope=None, period=data.annual),
        cached_dashboard(year=YEAR, scope=None, period=data.annual).board,
    ):
        by_unit = {g.unit.pk: g for g in board.groups if g.unit is not None}
        for pk, (signed_in, people) in expected.items():
            column = by_unit[pk].adoption
            assert (column.logged_in, column.employees) == (signed_in, people)
            assert column.logged_in == adoption_page[pk].logged_in
    assert expected[w.it_agency.pk][0] >= 1
