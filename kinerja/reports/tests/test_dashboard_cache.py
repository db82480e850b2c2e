"""The dashboard is served from the cache, and a change to the records shows on the next request."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.audit.services import record
from kinerja.core.concurrency import save_if_current
from kinerja.evaluation.models import Evaluation
from kinerja.evaluation.models.realisation import Realisation
from kinerja.reports.dashboard_cache import cached_dashboard, data_version
from kinerja.reports.selectors.dashboard import dashboard

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _health(board, w):
    return next(g for g in board.groups if g.unit == w.health)


def _predicate_cell(figures) -> str:
    return "/".join(str(n) for _, n in figures.predicate_rows)


def test_a_second_request_is_served_from_the_cache_without_the_aggregates(data, login):
    client = login(data.world.regent)
    url = reverse("reports:dashboard")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"tahun": YEAR}).status_code == 200
        return len(ctx.captured_queries)

    cold, warm = count(), count()
    assert warm < cold
    assert "data per" in client.get(url, {"tahun": YEAR}).content.decode()


def test_a_rating_changed_through_its_service_write_shows_on_the_next_request(data, login):
    w = data.world
    client = login(w.regent)
    query = {"tahun": YEAR, "periode": data.annual.pk}
    page = client.get(reverse("reports:dashboard"), query).content.decode()
    before = _health(cached_dashboard(year=YEAR, scope=None, period=data.annual).board, w)
    assert _predicate_cell(before) == "1/5/1/0/0" and "1/5/1/0/0" in page

    # What evaluation's `rate` does: a versioned UPDATE (no post_save) and its audit entry.
    evaluation = Evaluation.objects.get(skp=data.skps["staff"], period=data.annual)
    with transaction.atomic():
        evaluation.predicate = "very_good"
        save_if_current(evaluation, expected_version=evaluation.version, fields=["predicate"])
        record(actor=data.user(w.seksi_head), action="evaluation.rated", obj=evaluation)

    page = client.get(reverse("reports:dashboard"), query).content.decode()
    after = _health(cached_dashboard(year=YEAR, scope=None, period=data.annual).board, w)
    assert _predicate_cell(after) == "2/4/1/0/0" and "2/4/1/0/0" in page
    assert "1/5/1/0/0" not in page


def test_a_realisation_changed_through_its_service_write_shows_on_the_next_request(data, login):
    w = data.world
    client = login(w.health_admin)
    query = {"unit": w.health.pk, "tahun": YEAR, "periode": data.q1.pk}
    assert client.get(reverse("reports:dashboard"), query).status_code == 200
    before = cached_dashboard(year=YEAR, scope=w.health, period=data.q1).board.total

    # The staff's first indicator: 3 of 12 (25 %) becomes 12 of 12 (100 %), as
    # `record_realisation` writes it.
    realisation = Realisation.objects.get(indicator=data.indicators[0], period=data.q1)
    with transaction.atomic():
        realisation.value = Decimal(12)
        save_if_current(realisation, expected_version=realisation.version, fields=["value"])
        record(actor=data.user(w.staff), action="evaluation.realisation_recorded", obj=realisation)

    assert client.get(reverse("reports:dashboard"), query).status_code == 200
    after = cached_dashboard(year=YEAR, scope=w.health, period=data.q1).board.total
    fresh = dashboard(year=YEAR, scope=w.health, period=data.q1).total
    assert after.mean_achievement == fresh.mean_achievement
    assert after.mean_achievement > before.mean_achievement


def test_a_new_or_deleted_record_makes_the_cached_figures_stale(data):
    w = data.world
    version = data_version()
    before = _health(cached_dashboard(year=YEAR, scope=None, period=data.annual).board, w)
    Evaluation.objects.get(skp=data.skps["extra1"], period=data.annual).delete()
    assert data_version() != version
    after = _health(cached_dashboard(year=YEAR, scope=None, period=data.annual).board, w)
    assert after.evaluated == before.evaluated - 1


def test_an_unrelated_audited_action_keeps_the_cached_figures(data):
    version = data_version()
    record(actor=None, action="token.issue", object_type="token", object_id=1)
    assert data_version() == version
