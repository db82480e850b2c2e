"""Calibration of annual predicates (audited), the signed penetapan, and appeals."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.audit.models import AuditEvent
from kinerja.core.documents import canonical_digest
from kinerja.evaluation import services
from kinerja.evaluation.errors import StateError
from kinerja.evaluation.models import CalibrationAdjustment, Evaluation
from kinerja.evaluation.selectors.calibration import agency_calibration, calibration_employees
from kinerja.evaluation.services.determination import violation_key

from .conftest import YEAR, at, rate_head_annual, rate_staff_annual


def test_calibration_page_names_the_breach(ev):
    w = ev.world
    services.set_org_result(actor=ev.user(w.regent), unit=w.health, year=YEAR, predicate="good")
    rate_staff_annual(ev)  # the only employee is Baik: no Butuh Perbaikan/Kurang at all
    page = agency_calibration(ev.user(w.health_head), agency=w.health, year=YEAR)
    assert page.total == 1 and page.counts
    assert any("Harus ada paling sedikit satu pegawai" in v.message for v in page.violations)
    good = next(g for g in page.groups if g.predicate.value == "good")
    assert good.count == 1 and good.in_breach
    listed = calibration_employees(
        ev.user(w.health_head), agency=w.health, year=YEAR, predicate="good"
    )
    assert [e.skp.employee_name for e in listed] == [w.staff.full_name]


def test_agency_head_adjusts_a_predicate_with_a_reason_and_it_is_audited(ev):
    w = ev.world
    evaluation = rate_staff_annual(ev)
    head = ev.user(w.health_head)
    with pytest.raises(ValidationError):
        services.adjust_predicate(
            actor=head, evaluation=evaluation, predicate="needs_improvement", reason=""
        )
    services.adjust_predicate(
        actor=head,
        evaluation=evaluation,
        predicate="needs_improvement",
        reason="Target laporan tidak tercapai menurut LKjIP.",
    )
    evaluation.refresh_from_db()
    assert evaluation.predicate == "needs_improvement" and evaluation.is_calibrated
    adjustment = CalibrationAdjustment.objects.get(evaluation=evaluation)
    assert (adjustment.from_predicate, adjustment.to_predicate) == ("good", "needs_improvement")
    event = AuditEvent.objects.get(action="evaluation.predicate_calibrated")
    assert event.before == {"predicate": "good"} and event.after == {
        "predicate": "needs_improvement"
    }
    assert event.reason == "Target laporan tidak tercapai menurut LKjIP."


def test_outsider_cannot_calibrate(ev):
    evaluation = rate_staff_annual(ev)
    with pytest.raises(PermissionDenied):
        services.adjust_predicate(
            actor=ev.user(ev.world.it_head), evaluation=evaluation, predicate="poor", reason="x"
        )


def test_the_penetapan_is_signed_only_under_the_strict_rules_and_freezes_the_distribution(ev):
    """The one way to sign: the agency head, with the org result set, everyone rated and each
    breach explained; the looser path (leadership, no org result) no longer exists."""
    w = ev.world
    head = ev.user(w.health_head)
    rate_staff_annual(ev)
    assert not hasattr(services, "sign_determination")
    with pytest.raises(StateError, match="belum ditetapkan"):
        services.sign_predicate_determination(actor=head, agency=w.health, year=YEAR)
    services.set_org_result(actor=ev.user(w.regent), unit=w.health, year=YEAR, predicate="good")
    with pytest.raises(StateError, match="belum dinilai tahunan"):
        services.sign_predicate_determination(actor=head, agency=w.health, year=YEAR)
    services.set_org_result(
        actor=ev.user(w.bidang_head), unit=w.health_seksi, year=YEAR, predicate="good"
    )
    rate_head_annual(ev)
    with pytest.raises(PermissionDenied):  # the regent calibrates but does not sign
        services.sign_predicate_determination(actor=ev.user(w.regent), agency=w.health, year=YEAR)
    with pytest.raises(ValidationError, match="Jelaskan pertimbangan"):
        services.sign_predicate_determination(actor=head, agency=w.health, year=YEAR)
    page = agency_calibration(head, agency=w.health, year=YEAR)
    determination = services.sign_predicate_determination(
        actor=head,
        agency=w.health,
        year=YEAR,
        explanations={violation_key(v): "Sesuai LKjIP." for v in page.violations},
    )
    assert determination.distribution["counts"]["good"] == 2
    assert [e["name"] for e in determination.distribution["employees"]] == sorted(
        [w.staff.full_name, w.seksi_head.full_name]
    )
    assert determination.content_hash == canonical_digest(determination.distribution)
    with pytest.raises(StateError):
        services.adjust_predicate(
            actor=head,
            evaluation=Evaluation.objects.get(skp=ev.skp, period=ev.annual),
            predicate="poor",
            reason="Terlambat",
        )


def test_appeal_deadline_counts_from_delivery_with_frozen_time(ev):
    evaluation = rate_staff_annual(ev)  # delivered on 5 April
    staff = ev.user(ev.world.staff)
    with (
        time_machine.travel(at(dt.date(YEAR, 4, 20)), tick=False),
        pytest.raises(StateError, match="sampai 19-04-2026"),
    ):
        services.file_appeal(actor=staff, evaluation=evaluation, reasons="Tidak sesuai")
    with time_machine.travel(at(dt.date(YEAR, 4, 19)), tick=False):
        appeal = services.file_appeal(actor=staff, evaluation=evaluation, reasons="Tidak sesuai")
    assert appeal.status == "filed"


def test_appeal_deadline_counts_from_acknowledgement(ev):
    evaluation = rate_staff_annual(ev)
    staff = ev.user(ev.world.staff)
    with time_machine.travel(at(dt.date(YEAR, 4, 10)), tick=False):
        services.acknowledge(
            actor=staff, evaluation=evaluation, expected_version=evaluation.version
        )
    evaluation.refresh_from_db()
    with time_machine.travel(at(dt.date(YEAR, 4, 24)), tick=False):
        services.file_appeal(actor=staff, evaluation=evaluation, reasons="Bukti belum dinilai")


def test_only_the_atasan_decides_and_the_decision_is_final(ev):
    w = ev.world
    evaluation = rate_staff_annual(ev)
    appeal = services.file_appeal(
        actor=ev.user(w.staff), evaluation=evaluation, reasons="Bukti belum dipertimbangkan"
    )
    for outsider in (w.seksi_head, w.health_head, w.staff):
        with pytest.raises(PermissionDenied):
            services.request_explanations(actor=ev.user(outsider), appeal=appeal)
    superior = ev.user(w.bidang_head)
    services.request_explanations(actor=superior, appeal=appeal)
    services.give_explanation(actor=ev.user(w.seksi_head), appeal=appeal, text="Sudah sesuai.")
    services.give_explanation(actor=ev.user(w.staff), appeal=appeal, text="Ada bukti baru.")
    with pytest.raises(PermissionDenied):
        services.decide_appeal(
            actor=ev.user(w.seksi_head), appeal=appeal, decision="uphold", note="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.decide_appeal(actor=superior, appeal=appeal, decision="change", note="Bukti baru")
    assert set(exc.value.message_dict) == {"work_rating", "behaviour_rating"}
    decided = services.decide_appeal(
        actor=superior,
        appeal=appeal,
        decision="change",
        note="Bukti baru menunjukkan capaian di atas target.",
        work_rating="above",
        behaviour_rating="above",
    )
    evaluation.refresh_from_db()
    assert evaluation.predicate == "very_good" and evaluation.is_final
    assert decided.old_predicate == "good" and decided.decided_by_name == w.bidang_head.full_name
    with pytest.raises(StateError):
        services.file_appeal(actor=ev.user(w.staff), evaluation=evaluation, reasons="Lagi")
    with pytest.raises(StateError):
        rate_staff_annual(ev, behaviour="below")


def test_appeal_register_lists_the_agencys_appeals_for_those_who_see_them(ev):
    from kinerja.evaluation.selectors.appeals import appeals_register

    w = ev.world
    appeal = services.file_appeal(
        actor=ev.user(w.staff), evaluation=rate_staff_annual(ev), reasons="Tidak sesuai"
    )
    assert list(appeals_register(ev.user(w.health_admin), agency=w.health, year=YEAR)) == [appeal]
    assert list(appeals_register(ev.user(w.it_head), agency=w.health, year=YEAR)) == []
