"""The dashboards are sums of cached rows per unit: after a change only the rows on the changed
unit's path are computed again, the totals stay the sums of the records, and the API answers the
page's cached figures."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kinerja.audit.services import record
from kinerja.core.concurrency import save_if_current
from kinerja.evaluation.domain import OrgPredicate
from kinerja.evaluation.models import Evaluation, OrgResult
from kinerja.reports.dashboard_cache import cached_board, cached_dashboard
from kinerja.reports.selectors.dashboard import dashboard

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _numbers(board) -> list[tuple]:
    """Every figure the page and the API show, per group, for the total and the trend."""
    rows = [
        (
            g.name,
            g.headcount,
            dict(g.skp),
            g.indicators,
            g.realised,
            g.mean_achievement,
            g.evaluated,
            dict(g.predicates),
            g.appeals,
            g.appeals_open,
            g.appeals_changed,
            g.pns,
            g.pns_met,
            g.pppk,
            g.org_result,
            [v.message for v in g.violations],
        )
        for g in (*board.groups, board.total)
    ]
    trend = [(p.period.pk, p.evaluated, p.realised) for p in board.trend]
    return [*rows, trend]


def _rate_staff_very_good(data) -> None:
    """A rating in the health office's seksi, as evaluation's `rate` writes it."""
    evaluation = Evaluation.objects.get(skp=data.skps["staff"], period=data.annual)
    with transaction.atomic():
        evaluation.predicate = "very_good"
        save_if_current(evaluation, expected_version=evaluation.version, fields=["predicate"])
        record(actor=data.user(data.world.seksi_head), action="evaluation.rated", obj=evaluation)


@pytest.mark.parametrize("scope_name", ["regency", "health", "health_bidang"])
def test_the_cached_rows_add_up_to_the_figures_of_the_records(data, scope_name):
    w = data.world
    scope = None if scope_name == "regency" else getattr(w, scope_name)
    for period in (None, data.annual, data.q1):
        cached, _ = cached_board(year=YEAR, scope=scope, period=period)
        assert _numbers(cached) == _numbers(dashboard(year=YEAR, scope=scope, period=period))
    _rate_staff_very_good(data)  # and again after a change, from partly cached rows
    for period in (None, data.annual, data.q1):
        cached, _ = cached_board(year=YEAR, scope=scope, period=period)
        assert _numbers(cached) == _numbers(dashboard(year=YEAR, scope=scope, period=period))


def test_a_change_in_one_agency_recomputes_its_rows_and_reuses_the_other_agencys(data):
    w = data.world
    OrgResult.objects.create(unit=w.it_agency, year=YEAR, predicate="good", set_by_name="Bupati")
    cached_board(year=YEAR, scope=None, period=data.annual)
    cached_board(year=YEAR, scope=w.health, period=data.annual)
    with CaptureQueriesContext(connection) as warm:
        cached_board(year=YEAR, scope=None, period=data.annual)
    assert not any("COUNT(" in q["sql"] for q in warm.captured_queries)  # no aggregate

    _rate_staff_very_good(data)
    with CaptureQueriesContext(connection) as ctx:
        board, _ = cached_board(year=YEAR, scope=None, period=data.annual)
    aggregates = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"]]
    # The health office's changed seksi and the direct staff along its path are read again;
    # Diskominsa's row comes from the cache: no aggregate names its units.
    assert aggregates
    assert any(w.health_seksi.path in sql for sql in aggregates)
    assert not any(w.it_agency.path in sql for sql in aggregates)
    assert _numbers(board) == _numbers(dashboard(year=YEAR, scope=None, period=data.annual))
    it = next(g for g in board.groups if g.unit == w.it_agency)
    assert it.org_result == OrgPredicate.BAIK  # the cached row keeps its organisation result
    health = next(g for g in board.groups if g.unit == w.health)
    assert "/".join(str(n) for _, n in health.predicate_rows) == "2/4/1/0/0"


def test_cached_rows_never_leak_across_years_periods_or_scopes(data):
    w = data.world
    annual, _ = cached_board(year=YEAR, scope=w.health, period=data.annual)
    q1, _ = cached_board(year=YEAR, scope=w.health, period=data.q1)
    other_year, _ = cached_board(year=YEAR - 1, scope=w.health, period=None)
    it, _ = cached_board(year=YEAR, scope=w.it_agency, period=data.annual)
    assert _numbers(q1) == _numbers(dashboard(year=YEAR, scope=w.health, period=data.q1))
    assert annual.total.evaluated != q1.total.evaluated
    assert other_year.total.evaluated == 0 and other_year.total.indicators == 0
    assert {g.unit for g in it.groups} & {g.unit for g in annual.groups} == set()
    assert _numbers(it) == _numbers(dashboard(year=YEAR, scope=w.it_agency, period=data.annual))


@pytest.fixture
def bearer(data):
    from kinerja.accounts.services import issue_token

    def _bearer(employee):
        _, key = issue_token(user=data.user(employee), name="uji")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _bearer


def test_the_api_answers_the_pages_cached_figures(data, client, bearer):
    w = data.world
    url = "/api/v1/laporan/dasbor"
    for query, scope in (({"tahun": YEAR}, None), ({"tahun": YEAR, "unit": w.health.pk}, w.health)):
        answer = client.get(url, query, **bearer(w.regent)).json()
        board = cached_dashboard(year=YEAR, scope=scope, period=None).board
        assert answer["total"]["headcount"] == board.total.headcount
        assert answer["total"]["predicates"] == {p.value: n for p, n in board.total.predicate_rows}
        assert [g["name"] for g in answer["groups"]] == [g.name for g in board.groups]
        assert [g["evaluated"] for g in answer["groups"]] == [g.evaluated for g in board.groups]
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, query, **bearer(w.regent)).json() == answer
        assert not any("COUNT(" in q["sql"] for q in ctx.captured_queries)  # from the cache

    _rate_staff_very_good(data)
    answer = client.get(url, {"tahun": YEAR, "periode": data.annual.pk}, **bearer(w.regent))
    health = next(g for g in answer.json()["groups"] if g["unit_id"] == w.health.pk)
    assert health["predicates"]["very_good"] == 2
