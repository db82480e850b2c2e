"""External reports and their verification; needs from a competency gap; the plan agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.core.uploads import UploadError
from kinerja.development import services
from kinerja.development.models import (
    DevelopmentNeed,
    EmployeeCompetency,
    ExternalActivityReport,
    JpEntry,
    NeedStatus,
    PlanStatus,
    PositionCompetency,
    ReportStatus,
)
from kinerja.development.performance import PerformanceSignals
from kinerja.development.selectors import (
    agency_attainment,
    below_target_employees,
    recommendations,
    team_jp,
)

from .conftest import exe_named_pdf, pdf

pytestmark = pytest.mark.django_db


def _report(world, employee, **overrides):
    fields = {
        "form": "seminar",
        "title": "Seminar Nasional Transformasi Digital",
        "organiser": "Kementerian Kominfo",
        "start_date": dt.date(2026, 5, 4),
        "end_date": dt.date(2026, 5, 5),
        "certificate": pdf(),
    }
    fields.update(overrides)
    return services.report_external_activity(actor=world.user(employee), **fields)


def test_reported_activity_is_stored_with_its_certificate_hash(world):
    report = _report(world, world.staff)
    assert report.status == ReportStatus.SUBMITTED
    assert len(report.certificate_sha256) == 64
    assert report.certificate.name.endswith(".pdf")


def test_a_certificate_that_is_a_renamed_program_is_refused(world):
    with pytest.raises(UploadError, match="Jenis berkas tidak diizinkan"):
        _report(world, world.staff, certificate=exe_named_pdf())
    assert not ExternalActivityReport.objects.exists()


def test_the_assessor_verifies_and_the_jp_enter_the_ledger(world):
    report = _report(world, world.staff)
    entry = services.verify_report(actor=world.user(world.seksi_head), report=report)
    assert entry.jp == Decimal(8)  # seminar: 4 JP a day × 2 days
    assert entry.report_id == report.pk
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED
    with pytest.raises(services.ConflictError):
        services.verify_report(actor=world.user(world.seksi_head), report=report)
    assert JpEntry.objects.count() == 1


def test_an_employee_cannot_verify_their_own_report(world):
    report = _report(world, world.seksi_head)
    with pytest.raises(PermissionDenied):
        services.verify_report(actor=world.user(world.seksi_head), report=report)


def test_the_agency_admin_may_verify_but_another_agency_head_may_not(world):
    report = _report(world, world.staff)
    with pytest.raises(PermissionDenied):
        services.verify_report(actor=world.user(world.it_head), report=report)
    services.verify_report(actor=world.user(world.health_admin), report=report)


def test_rejection_needs_a_reason_and_credits_nothing(world):
    report = _report(world, world.staff)
    with pytest.raises(Exception, match="Alasan"):
        services.reject_report(actor=world.user(world.seksi_head), report=report, note=" ")
    services.reject_report(
        actor=world.user(world.seksi_head), report=report, note="Sertifikat tidak terbaca"
    )
    assert not JpEntry.objects.exists()


def test_a_pppk_is_never_flagged_below_target_but_a_pns_is(world):
    admin = world.user(world.bkpsdm_admin)
    rows = {a.name: a for a in agency_attainment(admin, 2026)}
    health = rows["Dinas Kesehatan"]
    below = below_target_employees(admin, 2026, agency_id=world.health.pk)
    below_names = {e.name for e in below}
    assert world.staff.name in below_names
    assert world.nurse.name not in below_names  # PPPK, 0 JP
    assert health.pppk_count == 1
    assert health.below_count == len(below_names) == health.pns_count - health.pns_met


def test_team_jp_lists_those_the_user_assesses_not_the_whole_unit(world):
    names = [r.employee.name for r in team_jp(world.user(world.seksi_head), 2026)]
    assert world.staff.name in names
    assert world.seksi_head.name not in names
    # The bidang head assesses the seksi head, not the seksi head's staff.
    names = [r.employee.name for r in team_jp(world.user(world.bidang_head), 2026)]
    assert world.seksi_head.name in names
    assert world.staff.name not in names
    assert world.bidang_head.name not in names
    assert world.it_staff.name not in names


@pytest.fixture
def gap(world, cyber):
    PositionCompetency.objects.create(
        position=world.it_staff.position, competency=cyber, required_level=3
    )
    EmployeeCompetency.objects.create(
        employee=world.it_staff, competency=cyber, level=2, year=2026, source="Uji kompetensi"
    )


def test_a_competency_gap_becomes_a_need_with_its_reason(world, gap, cyber):
    needs = services.derive_needs_for(actor=None, employee=world.it_staff, year=2026)
    assert len(needs) == 1
    need = needs[0]
    assert need.competency == cyber
    assert need.reason == "Level kompetensi Keamanan Siber Anda 2, standar jabatan 3"
    assert need.status == NeedStatus.PROPOSED
    services.derive_needs_for(actor=None, employee=world.it_staff, year=2026)
    assert DevelopmentNeed.objects.count() == 1  # derived once


def test_performance_signals_from_a_provider_add_needs(world):
    def butuh_perbaikan(*, employee_id, year):
        return PerformanceSignals(
            predicate="needs_improvement", behaviour_ratings={"akuntabel": "below"}
        )

    needs = services.derive_needs_for(
        actor=None, employee=world.staff, year=2026, provider=butuh_perbaikan
    )
    sources = [n.source for n in needs]
    assert sources == ["performance_predicate", "behaviour"]
    assert "Butuh Perbaikan" in needs[0].reason


def test_recommendations_name_the_open_event_for_the_need(world, gap, event, workshop):
    need = services.derive_needs_for(actor=None, employee=world.it_staff, year=2026)[0]
    found = recommendations(need, today=dt.date(2026, 1, 15))
    assert found.events == [event]
    assert found.activities == [workshop]


def test_the_assessor_confirms_a_need_but_the_employee_cannot(world, gap):
    need = services.derive_needs_for(actor=None, employee=world.it_staff, year=2026)[0]
    with pytest.raises(PermissionDenied):
        services.confirm_need(actor=world.user(world.it_staff), need=need)
    services.confirm_need(actor=world.user(world.it_head), need=need)
    need.refresh_from_db()
    assert need.status == NeedStatus.CONFIRMED


def test_the_plan_is_agreed_once_both_employee_and_assessor_agree(world, gap, workshop):
    need = services.derive_needs_for(actor=None, employee=world.it_staff, year=2026)[0]
    item = services.add_plan_item(
        actor=world.user(world.it_staff),
        employee=world.it_staff,
        year=2026,
        quarter=2,
        need=need,
        activity=workshop,
    )
    plan = item.plan
    plan = services.agree_plan(actor=world.user(world.it_staff), plan=plan)
    assert plan.status == PlanStatus.DRAFT
    plan = services.agree_plan(actor=world.user(world.it_head), plan=plan)
    assert plan.status == PlanStatus.AGREED
    with pytest.raises(services.ConflictError):
        services.add_plan_item(
            actor=world.user(world.it_staff),
            employee=world.it_staff,
            year=2026,
            quarter=3,
            activity=workshop,
        )
