"""Realisation entry, the optimistic lock, submission and the progress bars."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.concurrency import StaleObjectError
from kinerja.evaluation import services
from kinerja.evaluation.errors import StateError
from kinerja.evaluation.models import PeriodSubmission, Realisation
from kinerja.evaluation.selectors.achievement import progress_for_many, work_suggestion
from kinerja.evaluation.selectors.periods import my_period


def _enter(ev, indicator, value, version=0, **kw):
    return services.record_realisation(
        actor=ev.user(ev.world.staff),
        indicator=indicator,
        period=ev.q1,
        expected_version=version,
        value=value,
        **kw,
    )


def test_employee_enters_and_changes_realisation(ev):
    first = _enter(ev, ev.indicators[0], Decimal(2), narrative="Laporan Jan–Feb")
    second = _enter(ev, ev.indicators[0], Decimal(3), version=first.version)
    assert second.version == 2
    assert Realisation.objects.get(pk=first.pk).value == Decimal(3)


def test_two_tabs_cannot_overwrite_each_other(ev):
    first = _enter(ev, ev.indicators[0], Decimal(2))
    _enter(ev, ev.indicators[0], Decimal(3), version=first.version)
    with pytest.raises(StaleObjectError):
        _enter(ev, ev.indicators[0], Decimal(9), version=first.version)
    assert Realisation.objects.get(pk=first.pk).value == Decimal(3)


def test_a_new_entry_over_an_existing_one_is_refused_as_stale(ev):
    _enter(ev, ev.indicators[0], Decimal(2))
    with pytest.raises(StaleObjectError):
        _enter(ev, ev.indicators[0], Decimal(5), version=0)


def test_realisation_needs_a_value_or_text(ev):
    with pytest.raises(ValidationError) as exc:
        _enter(ev, ev.indicators[0], None, text=" ")
    assert "value" in exc.value.message_dict


def test_negative_realisation_is_refused(ev):
    with pytest.raises(ValidationError):
        _enter(ev, ev.indicators[0], Decimal(-1))


def test_only_the_owner_enters_realisation(ev):
    with pytest.raises(PermissionDenied):
        services.record_realisation(
            actor=ev.user(ev.world.seksi_head),
            indicator=ev.indicators[0],
            period=ev.q1,
            expected_version=0,
            value=Decimal(1),
        )


def test_unapproved_skp_takes_no_realisation(ev):
    ev.skp.status = "draft"
    ev.skp.save()
    with pytest.raises(StateError):
        _enter(ev, ev.indicators[0], Decimal(1))


def test_submitting_an_empty_period_is_refused(ev):
    with pytest.raises(ValidationError):
        services.submit_period(actor=ev.user(ev.world.staff), skp=ev.skp, period=ev.q1)


def test_submitted_period_is_locked_for_the_employee(ev):
    _enter(ev, ev.indicators[0], Decimal(2))
    services.submit_period(actor=ev.user(ev.world.staff), skp=ev.skp, period=ev.q1)
    assert PeriodSubmission.objects.get(skp=ev.skp, period=ev.q1).status == "submitted"
    with pytest.raises(StateError, match="sudah diajukan"):
        _enter(ev, ev.indicators[1], Decimal(1))


def test_progress_bar_measures_against_the_annual_target(ev):
    _enter(ev, ev.indicators[0], Decimal(3))  # 3 of 12
    _enter(ev, ev.indicators[1], Decimal(8))  # 8 of 4, capped at 200 %
    rows = progress_for_many([ev.skp], ev.q1)[ev.skp.pk]
    assert [r.annual_pct for r in rows] == [Decimal("25.00"), Decimal("200.00")]
    assert [r.bar_width for r in rows] == [25, 100]


def test_period_suggestion_uses_the_pro_rata_target(ev):
    # Q1 is 90 of 365 days: 12 × 90/365 = 2.96 is due, so 3 meets; 4 × 90/365 = 0.99, 1 meets.
    _enter(ev, ev.indicators[0], Decimal(3))
    _enter(ev, ev.indicators[1], Decimal(1))
    assert work_suggestion(ev.skp, ev.q1).value == "meets"


def test_my_period_page_data_is_scoped_to_the_owner(ev):
    _enter(ev, ev.indicators[0], Decimal(3))
    page = my_period(ev.user(ev.world.staff), skp_id=ev.skp.pk, period_id=ev.q1.pk)
    assert page.rows[0].realisation.value == Decimal(3)
    assert page.can_edit
    with pytest.raises(Exception) as exc:
        my_period(ev.user(ev.world.it_staff), skp_id=ev.skp.pk, period_id=ev.q1.pk)
    assert exc.type.__name__ == "DoesNotExist"
