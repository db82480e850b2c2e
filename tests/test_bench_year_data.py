"""The benchmark's year-of-data generator (bench/year_data.py) keeps producing consistent data.

Run on a tiny regency (40 employees) so it stays quick; `make bench` runs it at 600 and 6,000.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Sum

from bench.year_data import generate

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def year_data(db):
    from kinerja.accounts.demo.seeder import seed

    with time_machine.travel(
        dt.datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False
    ):
        seed(employees=40, seed=1)
        yield generate(seed=1)


def test_every_employee_with_an_assessor_gets_one_approved_skp_of_three_to_five_rhk(year_data):
    from kinerja.organisations.models import Employee
    from kinerja.organisations.selectors import current_assessor_map
    from kinerja.planning.models import Rhk, Skp

    employees = Employee.objects.filter(is_active=True).exclude(position__kind="regent")
    assessors = current_assessor_map(employees.values_list("pk", flat=True), TODAY)
    expected = {pk for pk, assessor in assessors.items() if assessor is not None}
    skps = Skp.objects.filter(year=2026)
    assert set(skps.values_list("employee_id", flat=True)) == expected
    assert skps.count() == len(expected)
    assert set(skps.values_list("status", flat=True)) == {"approved"}
    for skp in skps:
        assert skp.assessor_id == assessors[skp.employee_id]
        assert skp.assessor_name and skp.employee_name and skp.approved_at > skp.submitted_at
    per_skp = Counter(Rhk.objects.filter(skp__year=2026).values_list("skp_id", flat=True))
    assert set(per_skp) == set(skps.values_list("pk", flat=True))
    assert all(3 <= n <= 5 for n in per_skp.values())


def test_utama_rhk_cascade_from_the_assessors_rhk_or_the_agency_agreement(year_data):
    from kinerja.planning.models import Rhk, Skp

    with_skp = set(Skp.objects.filter(year=2026).values_list("employee_id", flat=True))
    utama = Rhk.objects.filter(skp__year=2026, group="utama").select_related(
        "skp", "parent__skp", "agreement_target__agreement"
    )
    linked = 0
    for rhk in utama:
        if rhk.skp.form_type == "jpt":
            assert rhk.agreement_target is not None
            agency = rhk.skp.unit.agency_id or rhk.skp.unit_id
            assert rhk.agreement_target.agreement.unit_id in {agency, rhk.skp.unit_id} or (
                rhk.skp.unit.depth == 0
            )
        elif rhk.skp.assessor_id in with_skp:
            assert rhk.parent is not None, rhk
            assert rhk.parent.skp.employee_id == rhk.skp.assessor_id
            assert rhk.parent.group == "utama" and rhk.cascading in {"direct", "indirect"}
            linked += 1
    assert linked > 0
    assert not Rhk.objects.filter(skp__year=2026, group="tambahan", parent__isnull=False).exists()


def test_ended_periods_have_a_realisation_per_indicator_and_ratings_follow_the_matrix(year_data):
    from kinerja.evaluation.domain import Rating, predicate_for
    from kinerja.evaluation.models import Evaluation, Period, PeriodSubmission, Realisation
    from kinerja.planning.models import Indicator, Skp

    closed = list(Period.objects.filter(year=2026, kind="quarterly", end__lt=TODAY))
    assert [p.number for p in closed] == [1, 2, 3]
    indicators = Indicator.objects.filter(rhk__skp__year=2026)
    assert indicators.exists() and not indicators.filter(target_min__isnull=True).exists()
    for period in closed:
        assert Realisation.objects.filter(period=period).count() == indicators.count()
    evaluations = list(Evaluation.objects.filter(period__year=2026))
    assert evaluations
    for e in evaluations:
        assert e.predicate == predicate_for(Rating(e.work_rating), Rating(e.behaviour_rating))
        assert e.assessor_name and e.delivered_on <= TODAY
        if e.work_rating != e.suggested_work_rating and not e.work_from_org_result:
            assert e.deviation_reason
    rated = {(e.skp_id, e.period_id) for e in evaluations}
    for sub in PeriodSubmission.objects.filter(period__in=closed):
        assert ((sub.skp_id, sub.period_id) in rated) == (
            sub.status in {"evaluated", "acknowledged"}
        )
    annual = Evaluation.objects.filter(period__kind="annual").count()
    assert annual == Skp.objects.filter(year=2026).count()


def test_development_communication_and_organisation_data_are_filled(year_data):
    from kinerja.accounts.models import User
    from kinerja.communication.models import AnnouncementRead, Notification
    from kinerja.development.models import JpEntry, Registration
    from kinerja.evaluation.models import OrgResult
    from kinerja.organisations.models import OrgUnit
    from kinerja.planning.models import PerformanceAgreement

    agencies = OrgUnit.objects.filter(depth=1).count()
    assert PerformanceAgreement.objects.filter(year=2026).count() == agencies
    assert OrgResult.objects.filter(year=2026, period__isnull=True).count() == agencies
    assert (
        JpEntry.objects.filter(year=2026).count()
        == Registration.objects.filter(status="completed", jp_entries__isnull=False).count()
    )
    totals = [
        row["t"]
        for row in JpEntry.objects.filter(year=2026).values("employee").annotate(t=Sum("jp"))
    ]
    assert min(totals) < 20 <= max(totals)  # attainment varies
    assert AnnouncementRead.objects.exists()
    assert (
        AnnouncementRead.objects.count() <= Notification.objects.filter(kind="announcement").count()
    )
    users = User.objects.filter(employee__isnull=False)
    assert users.filter(last_login__isnull=False).count() >= users.count() // 2
    assert "SKP" in year_data.counts and year_data.seconds > 0


def test_the_year_is_generated_only_once(year_data):
    with pytest.raises(RuntimeError, match="hanya diisi sekali"):
        generate(seed=1)
