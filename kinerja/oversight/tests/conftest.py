"""A built data set for the inspectorate's view: one record of every kind of exception, plus
records that must not be listed (a rating that follows the suggestion, a file used once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kinerja.accounts.models import User
from kinerja.evaluation.models import (
    Appeal,
    CalibrationAdjustment,
    Evaluation,
    Evidence,
    Period,
    PeriodReopening,
)
from kinerja.planning.models import Skp
from tests.records import at, make_approved_skp, make_evaluation

YEAR = 2026


def make_skp(employee, assessor, *, approved_on: dt.date = dt.date(YEAR, 1, 20)) -> Skp:
    return make_approved_skp(employee, assessor, year=YEAR, approved_on=approved_on)


def rate(
    skp,
    period,
    *,
    work="meets",
    behaviour="meets",
    predicate="good",
    suggested="",
    reason="",
    on=None,
):
    return make_evaluation(
        skp,
        period,
        work=work,
        behaviour=behaviour,
        predicate=predicate,
        on=on,
        suggested_work_rating=suggested,
        deviation_reason=reason,
    )


def evidence(skp, period, sha: str, name: str = "laporan.pdf") -> Evidence:
    return Evidence.objects.create(
        skp=skp, period=period, kind="file", sha256=sha, safe_name=name, original_name=name
    )


@dataclass
class Data:
    world: object
    q1: Period
    annual: Period
    staff_skp: Skp
    nurse_skp: Skp
    it_skp: Skp
    deviation: Evaluation
    late: Evaluation
    adjustment: CalibrationAdjustment
    reopening: PeriodReopening
    appeal: Appeal
    shared: list[Evidence]


def build(world, *, extra_people: int = 0) -> Data:
    from kinerja.evaluation import services

    w = world
    services.set_schedule(
        actor=User.objects.get(employee=w.bkpsdm_admin), year=YEAR, rhythm="quarterly"
    )
    q1 = Period.objects.get(year=YEAR, kind="quarterly", number=1)
    annual = Period.objects.get(year=YEAR, kind="annual")
    staff_skp = make_skp(w.staff, w.seksi_head)
    nurse_skp = make_skp(w.nurse, w.health_head)
    it_skp = make_skp(w.it_staff, w.it_head, approved_on=dt.date(YEAR, 2, 15))  # late approval
    deviation = rate(
        staff_skp,
        q1,
        work="above",
        suggested="meets",
        predicate="good",
        reason="Capaian melampaui target",
    )
    rate(it_skp, q1, work="meets", suggested="meets")  # follows the suggestion: not listed
    late = rate(nurse_skp, q1, on=q1.evaluation_deadline + dt.timedelta(days=9))
    staff_annual = rate(staff_skp, annual, work="above", behaviour="above", predicate="very_good")
    adjustment = CalibrationAdjustment.objects.create(
        evaluation=staff_annual,
        from_predicate="very_good",
        to_predicate="good",
        reason="Kurva distribusi perangkat daerah",
        by=User.objects.get(employee=w.health_head),
        at=at(dt.date(YEAR + 1, 1, 5)),
    )
    reopening = PeriodReopening.objects.create(
        skp=it_skp,
        period=q1,
        reopened_by=User.objects.get(employee=w.it_head),
        reason="Pegawai sakit",
        until=dt.date(YEAR, 4, 30),
    )
    nurse_annual = rate(nurse_skp, annual, work="below", predicate="needs_improvement")
    appeal = Appeal.objects.create(
        evaluation=nurse_annual,
        filed_at=at(dt.date(YEAR + 1, 1, 10)),
        reasons="Bukti belum dipertimbangkan",
        status="decided",
        decision="change",
        decision_note="Bukti dukung lengkap",
        old_work_rating="below",
        old_behaviour_rating="meets",
        old_predicate="needs_improvement",
        new_work_rating="meets",
        new_behaviour_rating="meets",
        new_predicate="good",
        decided_by_name="Cut Nyak Kadis",
        decided_at=at(dt.date(YEAR + 1, 1, 20)),
    )
    shared = [evidence(staff_skp, q1, "a" * 64), evidence(nurse_skp, q1, "a" * 64, "salinan.pdf")]
    evidence(staff_skp, q1, "b" * 64, "sendiri.pdf")  # used once: not listed
    evidence(staff_skp, q1, "c" * 64, "dua-kali.pdf")  # same person twice: not a reuse
    evidence(staff_skp, q1, "c" * 64, "dua-kali.pdf")
    for n in range(extra_people):
        _more(w, n, q1, annual)
    return Data(
        w,
        q1,
        annual,
        staff_skp,
        nurse_skp,
        it_skp,
        deviation,
        late,
        adjustment,
        reopening,
        appeal,
        shared,
    )


def _more(w, n, q1, annual):
    """One more employee with one exception of every kind (for the flat query-count test)."""
    from tests.world import make_employee

    person = make_employee(
        w.health_seksi, w.staff.position, f"Pegawai Tambahan {n}", with_login=False
    )
    skp = make_skp(person, w.seksi_head, approved_on=dt.date(YEAR, 3, 1))
    rate(
        skp,
        q1,
        work="below",
        suggested="meets",
        reason="Tidak hadir",
        on=q1.evaluation_deadline + dt.timedelta(days=3),
    )
    yearly = rate(skp, annual, predicate="good")
    CalibrationAdjustment.objects.create(
        evaluation=yearly,
        from_predicate="good",
        to_predicate="needs_improvement",
        reason="Kurva",
        at=at(dt.date(YEAR + 1, 1, 6)),
    )
    PeriodReopening.objects.create(skp=skp, period=q1, reason="Cuti", until=dt.date(YEAR, 4, 30))
    Appeal.objects.create(
        evaluation=yearly,
        filed_at=at(dt.date(YEAR + 1, 1, 11)),
        reasons="-",
        status="decided",
        decision="change",
        old_predicate="needs_improvement",
        new_predicate="good",
        new_work_rating="meets",
        new_behaviour_rating="meets",
    )
    evidence(skp, q1, "a" * 64, f"salinan-{n}.pdf")


@pytest.fixture
def data(world):
    return build(world)
