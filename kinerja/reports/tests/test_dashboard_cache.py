"""The dashboard is served from the cache, and a change to the records shows on the next request."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.audit.services import record
from kinerja.core.concurrency import save_if_current
from kinerja.evaluation.domain import Predicate
from kinerja.evaluation.models import Evaluation, OrgResult
from kinerja.evaluation.models.realisation import Realisation
from kinerja.organisations.models import OrgUnit
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


def _cached_queries(**kwargs) -> int:
    """Queries a `cached_dashboard` call makes (the cache's version look-ups make none)."""
    with CaptureQueriesContext(connection) as ctx:
        cached_dashboard(year=YEAR, **kwargs)
    return len(ctx.captured_queries)


def test_a_change_in_one_agency_keeps_another_agencys_dashboard_cached(data):
    w = data.world
    it = {"scope": w.it_agency, "period": data.annual}
    health = {"scope": w.health, "period": data.annual}
    regency = {"scope": None, "period": data.annual}
    for kwargs in (it, health, regency):
        _cached_queries(**kwargs)
        assert _cached_queries(**kwargs) == 0
    it_as_of = cached_dashboard(year=YEAR, **it).as_of
    before = cached_dashboard(year=YEAR, **health).board.total

    # A rating in the health office, as evaluation's `rate` writes it.
    evaluation = Evaluation.objects.get(skp=data.skps["staff"], period=data.annual)
    with transaction.atomic():
        evaluation.predicate = "very_good"
        save_if_current(evaluation, expected_version=evaluation.version, fields=["predicate"])
        record(actor=data.user(w.seksi_head), action="evaluation.rated", obj=evaluation)

    assert _cached_queries(**it) == 0  # Diskominsa's figures are still served from the cache
    assert cached_dashboard(year=YEAR, **it).as_of == it_as_of
    after = cached_dashboard(year=YEAR, **health).board.total
    assert after.predicates[Predicate.SANGAT_BAIK] == before.predicates[Predicate.SANGAT_BAIK] + 1
    regency_health = _health(cached_dashboard(year=YEAR, **regency).board, w)
    assert _predicate_cell(regency_health) == "2/4/1/0/0"
    # A unit under the agency follows the agency's version.
    assert data_version(w.health_seksi.agency_id) == data_version(w.health.pk)


def test_a_saved_record_bumps_its_agency_and_the_regency_only(data):
    w = data.world
    regency, health, it = data_version(), data_version(w.health.pk), data_version(w.it_agency.pk)
    Evaluation.objects.get(skp=data.skps["it_staff"], period=data.annual).delete()
    assert data_version() != regency and data_version(w.it_agency.pk) != it
    assert data_version(w.health.pk) == health


def test_a_change_of_no_single_agency_makes_every_dashboard_stale(data):
    w = data.world
    versions = (data_version(), data_version(w.health.pk), data_version(w.it_agency.pk))
    data.q2.save()  # a period counts in every agency
    after = (data_version(), data_version(w.health.pk), data_version(w.it_agency.pk))
    assert all(a != b for a, b in zip(versions, after, strict=True))
    # An employee change may move the employee between agencies: every agency again.
    versions = after
    w.staff.save()
    after = (data_version(), data_version(w.health.pk), data_version(w.it_agency.pk))
    assert all(a != b for a, b in zip(versions, after, strict=True))


def test_a_change_in_an_agency_under_another_agencys_unit_bumps_both(data):
    w = data.world
    hospital = OrgUnit.objects.create(
        name="RSUD di bawah Dinas Kesehatan", kind="hospital", parent=w.health, depth=2
    )
    hospital.path, hospital.agency = w.health.path + f"{hospital.pk:07d}/", hospital
    hospital.save(update_fields=["path", "agency"])
    health, it = data_version(w.health.pk), data_version(w.it_agency.pk)
    nested = data_version(hospital.pk)

    OrgResult.objects.create(unit=hospital, year=YEAR, predicate="good", set_by_name="Direktur")

    assert data_version(hospital.pk) != nested
    assert data_version(w.health.pk) != health  # the health office's dashboard counts it too
    assert data_version(w.it_agency.pk) == it
