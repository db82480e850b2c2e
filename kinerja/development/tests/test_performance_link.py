"""Needs from the evaluation (the real PerformanceSignals provider) and the improvement plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.development import services
from kinerja.development.models import Activity, DevelopmentNeed, PlanItem
from kinerja.development.performance import configured_provider, evaluation_signals
from kinerja.development.selectors import improvement_plan_proposal, recommendations
from kinerja.planning.models import Indicator, Rhk
from tests.records import make_approved_skp, make_evaluation

pytestmark = pytest.mark.django_db
YEAR = 2026


def _skp(employee, assessor):
    skp = make_approved_skp(employee, assessor, year=YEAR)
    rhk = Rhk.objects.create(skp=skp, group="utama", text="Terlaksananya pelayanan primer")
    indicator = Indicator.objects.create(
        rhk=rhk, text="Jumlah laporan", target_min=Decimal(12), target_unit="laporan", order=1
    )
    return skp, rhk, indicator


@pytest.fixture
def periods(world):
    from kinerja.evaluation import services as evaluation_services
    from kinerja.evaluation.models import Period

    evaluation_services.set_schedule(
        actor=world.user(world.bkpsdm_admin), year=YEAR, rhythm="quarterly"
    )
    return {(p.kind, p.number): p for p in Period.objects.filter(year=YEAR)}


def _evaluate(world, skp, period, *, work, behaviour, predicate):
    """The seksi head (the SKP's assessor) rates the period, delivered on its last day."""
    assert skp.assessor == world.seksi_head
    return make_evaluation(
        skp, period, work=work, behaviour=behaviour, predicate=predicate, on=period.end
    )


@pytest.fixture
def butuh_perbaikan(world, periods):
    """The staff's annual evaluation: work below expectation (6 of 12 reports), Butuh Perbaikan."""
    from kinerja.evaluation.models import Realisation

    skp, rhk, indicator = _skp(world.staff, world.seksi_head)
    annual = periods[("annual", 1)]
    Realisation.objects.create(indicator=indicator, period=annual, value=Decimal(6))
    _evaluate(world, skp, annual, work="below", behaviour="meets", predicate="needs_improvement")
    return rhk


@pytest.fixture
def coaching(db):
    return Activity.objects.create(name="Coaching Kinerja oleh Atasan", form="coaching")


def test_the_evaluation_provider_is_the_configured_one():
    assert settings.KINERJA_PERFORMANCE_SIGNALS.endswith("evaluation_signals")
    assert configured_provider() is evaluation_signals


def test_an_employee_not_yet_evaluated_has_no_performance_signals(world):
    signals = evaluation_signals(employee_id=world.staff.pk, year=YEAR)
    assert signals.predicate is None
    assert not signals.behaviour_ratings
    assert signals.rhk_achievements == ()


def test_butuh_perbaikan_gives_the_performance_need_and_the_rhk_below_target(
    world, butuh_perbaikan
):
    needs = services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    by_source = {n.source: n for n in needs}
    assert set(by_source) == {"performance_predicate", "rhk_below_target"}
    assert by_source["performance_predicate"].reason == (
        "Predikat kinerja Anda Butuh Perbaikan: rencana perbaikan kinerja disusun bersama atasan"
    )
    assert by_source["rhk_below_target"].reason == (
        'Capaian RHK "Terlaksananya pelayanan primer" 50% dari target'
    )
    assert by_source["rhk_below_target"].rhk_reference == f"rhk-{butuh_perbaikan.pk}"


def test_behaviour_rated_below_expectation_gives_a_berakhlak_need(world, periods):
    skp, _, _ = _skp(world.staff, world.seksi_head)
    _evaluate(
        world, skp, periods[("quarterly", 1)], work="meets", behaviour="below", predicate="poor"
    )
    needs = services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    behaviour = [n for n in needs if n.source == "behaviour"]
    assert [n.reason for n in behaviour] == [
        "Perilaku kerja BerAKHLAK Anda dinilai Di Bawah Ekspektasi"
    ]


def test_the_annual_evaluation_counts_over_a_later_looking_periodic_one(world, periods):
    skp, _, _ = _skp(world.staff, world.seksi_head)
    _evaluate(
        world,
        skp,
        periods[("quarterly", 4)],
        work="below",
        behaviour="meets",
        predicate="needs_improvement",
    )
    _evaluate(world, skp, periods[("annual", 1)], work="meets", behaviour="meets", predicate="good")
    assert evaluation_signals(employee_id=world.staff.pk, year=YEAR).predicate == "good"


def test_a_good_predicate_proposes_no_improvement_plan(world, periods, coaching):
    skp, _, _ = _skp(world.staff, world.seksi_head)
    _evaluate(world, skp, periods[("annual", 1)], work="meets", behaviour="meets", predicate="good")
    needs = services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    assert improvement_plan_proposal(needs, [], year=YEAR) is None


def test_performance_needs_are_recommended_coaching(world, butuh_perbaikan, coaching):
    needs = services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    for need in needs:
        assert recommendations(need, today=dt.date(YEAR, 1, 15)).activities == [coaching]


def test_butuh_perbaikan_gets_the_improvement_plan_proposed_and_adopted(
    world, butuh_perbaikan, coaching
):
    needs = services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    proposal = improvement_plan_proposal(needs, [], year=YEAR, today=dt.date(YEAR, 5, 2))
    assert [(p.need.source, p.activity, p.quarter) for p in proposal] == [
        ("performance_predicate", coaching, 2),
        ("rhk_below_target", coaching, 2),
    ]
    items = services.adopt_improvement_plan(
        actor=world.user(world.staff), employee=world.staff, year=YEAR
    )
    assert {i.need.source for i in items} == {"performance_predicate", "rhk_below_target"}
    plan = items[0].plan
    assert plan.status == "draft"  # both parties still agree afterwards
    # Adopted once: nothing is left to propose, and a second adoption adds nothing.
    again = improvement_plan_proposal(
        list(DevelopmentNeed.objects.filter(employee=world.staff)),
        list(plan.items.all()),
        year=YEAR,
    )
    assert again == []
    with pytest.raises(ValidationError):
        services.adopt_improvement_plan(
            actor=world.user(world.staff), employee=world.staff, year=YEAR
        )
    assert PlanItem.objects.filter(plan=plan).count() == 2


def test_the_assessor_may_adopt_it_but_an_outsider_may_not(world, butuh_perbaikan, coaching):
    services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    with pytest.raises(PermissionDenied):
        services.adopt_improvement_plan(
            actor=world.user(world.it_staff), employee=world.staff, year=YEAR
        )
    items = services.adopt_improvement_plan(
        actor=world.user(world.seksi_head), employee=world.staff, year=YEAR
    )
    assert len(items) == 2


def test_without_guidance_activities_in_the_catalogue_the_adoption_explains_why(
    world, butuh_perbaikan
):
    services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    with pytest.raises(ValidationError, match="coaching"):
        services.adopt_improvement_plan(
            actor=world.user(world.staff), employee=world.staff, year=YEAR
        )


def test_my_page_shows_the_improvement_plan_proposal(client, world, butuh_perbaikan, coaching):
    services.derive_needs_for(actor=None, employee=world.staff, year=YEAR)
    client.force_login(world.user(world.staff))
    page = client.get(reverse("development:mine"), {"tahun": YEAR}).content.decode()
    assert "Usulan rencana perbaikan kinerja" in page
    assert "Coaching Kinerja oleh Atasan" in page
    response = client.post(
        f"{reverse('development:plan_adopt_improvement', args=[world.staff.nip])}?tahun={YEAR}"
    )
    assert response.status_code == 302
    assert PlanItem.objects.filter(plan__employee=world.staff).count() == 2
