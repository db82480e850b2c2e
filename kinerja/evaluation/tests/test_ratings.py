"""Ratings by the assessor of record, the suggestion and its reason, unit heads, acknowledgement."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.concurrency import StaleObjectError
from kinerja.evaluation import services
from kinerja.evaluation.errors import StateError
from kinerja.evaluation.models import Evaluation, PeriodSubmission
from kinerja.organisations import services as org
from tests.world import make_employee


def submit(ev, values=(Decimal(3), Decimal(1))):
    staff = ev.user(ev.world.staff)
    for indicator, value in zip(ev.indicators, values, strict=True):
        services.record_realisation(
            actor=staff, indicator=indicator, period=ev.q1, expected_version=0, value=value
        )
    services.submit_period(actor=staff, skp=ev.skp, period=ev.q1)


def rate(ev, employee=None, work="meets", behaviour="meets", **kw):
    return services.rate(
        actor=ev.user(employee or ev.world.seksi_head),
        skp=ev.skp,
        period=ev.q1,
        work_rating=work,
        behaviour_rating=behaviour,
        **kw,
    )


def test_assessor_rates_and_the_predicate_follows_the_matrix(ev):
    submit(ev)
    evaluation = rate(ev, work="meets", behaviour="above")
    assert evaluation.predicate == "good"
    assert evaluation.suggested_work_rating == "meets"
    assert evaluation.assessor_name == ev.world.seksi_head.full_name
    assert evaluation.assessor_nip == ev.world.seksi_head.nip
    assert evaluation.assessor_position == "Kepala Seksi Pelayanan Kesehatan Primer"
    assert PeriodSubmission.objects.get(skp=ev.skp, period=ev.q1).status == "evaluated"


def test_rating_waits_for_the_submission(ev):
    with pytest.raises(StateError, match="belum mengajukan"):
        rate(ev)


def test_rating_that_departs_from_the_suggestion_needs_a_reason(ev):
    submit(ev)
    with pytest.raises(ValidationError) as exc:
        rate(ev, work="above")
    assert "deviation_reason" in exc.value.message_dict
    evaluation = rate(ev, work="above", deviation_reason="Inovasi layanan arsip digital.")
    assert evaluation.predicate == "good"
    assert evaluation.deviation_reason == "Inovasi layanan arsip digital."


def test_rating_equal_to_the_suggestion_needs_no_reason(ev):
    submit(ev, values=(Decimal(0), Decimal(0)))
    assert rate(ev, work="below", behaviour="below").predicate == "very_poor"


@pytest.mark.parametrize("who", ["staff", "bidang_head", "health_admin", "it_head"])
def test_only_the_assessor_of_record_rates(ev, who):
    submit(ev)
    with pytest.raises(PermissionDenied):
        rate(ev, employee=getattr(ev.world, who))


def test_acting_official_in_the_assessors_post_may_rate(ev):
    w = ev.world
    submit(ev)
    acting = make_employee(w.health_seksi, None, "Plh Kasi")
    org.assign_position(
        actor=None,
        employee=acting,
        position=w.seksi_head.position,
        start_date=ev.q1.start,
        acting="plh",
    )
    evaluation = rate(ev, employee=acting)
    assert evaluation.assessor_position == "Plh. Kepala Seksi Pelayanan Kesehatan Primer"
    assert evaluation.assessor_name == "Plh Kasi"


def test_unit_head_work_rating_comes_from_the_org_result(ev):
    w = ev.world
    head_user = ev.user(w.seksi_head)
    for indicator in ev.head_skp.rhks.get().indicators.all():
        services.record_realisation(
            actor=head_user, indicator=indicator, period=ev.q1, expected_version=0, value=Decimal(1)
        )
    services.submit_period(actor=head_user, skp=ev.head_skp, period=ev.q1)
    rate_head = lambda: services.rate(  # noqa: E731
        actor=ev.user(w.bidang_head),
        skp=ev.head_skp,
        period=ev.q1,
        work_rating="below",
        behaviour_rating="above",
    )
    with pytest.raises(ValidationError, match="belum ditetapkan"):
        rate_head()
    services.set_org_result(
        actor=ev.user(w.bidang_head), unit=w.health_seksi, year=2026, predicate="outstanding"
    )
    evaluation = rate_head()
    assert evaluation.work_from_org_result
    assert evaluation.work_rating == "above"
    assert evaluation.predicate == "very_good"


def test_org_result_of_an_agency_is_set_by_the_regent_only(ev):
    w = ev.world
    with pytest.raises(PermissionDenied):
        services.set_org_result(
            actor=ev.user(w.health_head), unit=w.health, year=2026, predicate="good"
        )
    result = services.set_org_result(
        actor=ev.user(w.regent), unit=w.health, year=2026, predicate="good", reason="LKjIP"
    )
    assert result.set_by_name == w.regent.full_name


def test_org_result_of_a_lower_unit_is_set_by_the_head_one_level_up(ev):
    w = ev.world
    with pytest.raises(PermissionDenied):
        services.set_org_result(
            actor=ev.user(w.seksi_head), unit=w.health_seksi, year=2026, predicate="good"
        )
    services.set_org_result(
        actor=ev.user(w.health_head), unit=w.health_bidang, year=2026, predicate="good"
    )


def test_employee_acknowledging_a_stale_result_is_refused(ev):
    """Assessor and employee at the same time: the employee loaded version 1, the assessor
    re-rated (version 2); the acknowledgement of what the employee did not see is refused."""
    submit(ev)
    seen = rate(ev)
    rate(ev, work="above", behaviour="above", deviation_reason="Kinerja luar biasa")
    with pytest.raises(StaleObjectError):
        services.acknowledge(
            actor=ev.user(ev.world.staff), evaluation=seen, expected_version=seen.version
        )
    current = Evaluation.objects.get(pk=seen.pk)
    assert current.acknowledged_at is None and current.predicate == "very_good"
    services.acknowledge(
        actor=ev.user(ev.world.staff), evaluation=current, expected_version=current.version
    )
    assert PeriodSubmission.objects.get(skp=ev.skp, period=ev.q1).status == "acknowledged"


def test_assessor_rating_over_a_stale_version_is_refused(ev):
    submit(ev)
    first = rate(ev)
    rate(ev, behaviour="above", expected_version=first.version)
    with pytest.raises(StaleObjectError):
        rate(ev, behaviour="below", expected_version=first.version)
    assert Evaluation.objects.get(pk=first.pk).behaviour_rating == "above"


def test_acknowledged_result_changes_only_by_appeal(ev):
    submit(ev)
    evaluation = rate(ev)
    services.acknowledge(
        actor=ev.user(ev.world.staff), evaluation=evaluation, expected_version=evaluation.version
    )
    with pytest.raises(StateError, match="keberatan"):
        rate(ev, behaviour="below")


def test_only_the_owner_acknowledges(ev):
    submit(ev)
    evaluation = rate(ev)
    with pytest.raises(PermissionDenied):
        services.acknowledge(
            actor=ev.user(ev.world.seksi_head),
            evaluation=evaluation,
            expected_version=evaluation.version,
        )
