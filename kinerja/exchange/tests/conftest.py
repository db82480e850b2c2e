"""Records to export: a 2026 calendar, SKPs and evaluations in two agencies, JP entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from kinerja.accounts.models import User
from kinerja.development.models import (
    Activity,
    ExternalActivityReport,
    JpEntry,
    Registration,
    TrainingEvent,
)
from kinerja.evaluation.models import Evaluation, Period
from kinerja.planning.models import Skp
from tests.records import at, make_approved_skp, make_evaluation

YEAR = 2026


def make_skp(employee, assessor) -> Skp:
    return make_approved_skp(
        employee,
        assessor,
        year=YEAR,
        approved_on=dt.date(YEAR, 1, 20),
        assessor_rank="IV/a",
        assessor_unit=assessor.unit.name,
    )


def rate(skp, period, work, behaviour, predicate, *, final=False) -> Evaluation:
    return make_evaluation(
        skp, period, work=work, behaviour=behaviour, predicate=predicate, is_final=final
    )


def verified_report(employee, form, title, organiser, start, end, certificate):
    """An external activity the employee reported and the assessor verified."""
    return ExternalActivityReport.objects.create(
        employee=employee,
        form=form,
        title=title,
        organiser=organiser,
        start_date=start,
        end_date=end,
        certificate=f"sertifikat/{certificate}",
        certificate_name=certificate,
        status="verified",
    )


def credit(employee, jp: str, title: str, **source) -> JpEntry:
    """A JP ledger line of the year for `source` (the registration or the report)."""
    return JpEntry.objects.create(
        employee=employee, year=YEAR, jp=Decimal(jp), title=title, explanation="-", **source
    )


@dataclass
class Data:
    world: object
    q1: Period
    q2: Period
    annual: Period
    evaluations: list[Evaluation]
    entries: list[JpEntry]


def build(world) -> Data:
    from kinerja.evaluation import services

    w = world
    services.set_schedule(
        actor=User.objects.get(employee=w.bkpsdm_admin), year=YEAR, rhythm="quarterly"
    )
    q1 = Period.objects.get(year=YEAR, kind="quarterly", number=1)
    q2 = Period.objects.get(year=YEAR, kind="quarterly", number=2)
    annual = Period.objects.get(year=YEAR, kind="annual")
    staff, nurse, it = (
        make_skp(w.staff, w.seksi_head),
        make_skp(w.nurse, w.health_head),
        make_skp(w.it_staff, w.it_head),
    )
    evaluations = [
        rate(staff, q1, "above", "meets", "good"),
        rate(staff, q2, "above", "above", "very_good"),
        rate(nurse, q1, "below", "below", "very_poor"),
        rate(it, q1, "meets", "meets", "good"),
        rate(staff, annual, "above", "above", "very_good"),
        rate(nurse, annual, "below", "meets", "needs_improvement", final=True),
        rate(it, annual, "meets", "below", "poor"),
    ]
    activity = Activity.objects.create(
        name="Pelatihan Kepemimpinan Pengawas", form="pelatihan_struktural", provider="BPSDM Aceh"
    )
    event = TrainingEvent.objects.create(
        activity=activity,
        organiser_unit=w.bkpsdm,
        title="PKP Angkatan I",
        start_date=dt.date(YEAR, 3, 2),
        end_date=dt.date(YEAR, 3, 20),
        quota=30,
    )
    registration = Registration.objects.create(
        event=event,
        employee=w.seksi_head,
        status="completed",
        registered_at=at(dt.date(YEAR, 2, 1)),
    )
    report = verified_report(
        w.nurse,
        "kursus",
        "Kursus Gawat Darurat",
        "RSUD dr. Zainoel Abidin",
        dt.date(YEAR, 5, 4),
        dt.date(YEAR, 5, 6),
        "x.pdf",
    )
    it_report = verified_report(
        w.it_staff,
        "workshop",
        "Lokakarya Keamanan Siber",
        "BSSN",
        dt.date(YEAR, 6, 1),
        dt.date(YEAR, 6, 1),
        "y.pdf",
    )
    entries = [
        credit(w.seksi_head, "80", event.title, registration=registration),
        credit(w.nurse, "24.50", report.title, report=report),
        credit(w.it_staff, "8", it_report.title, report=it_report),
    ]
    return Data(w, q1, q2, annual, evaluations, entries)


@pytest.fixture
def data(world):
    return build(world)


@pytest.fixture
def bearer(client):
    from kinerja.accounts.services import issue_token

    def _bearer(employee):
        _, key = issue_token(user=User.objects.get(employee=employee), name="uji")
        return {"Authorization": f"Bearer {key}"}

    return _bearer
