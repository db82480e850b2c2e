"""Records to export: a 2026 calendar, SKPs and evaluations in two agencies, JP entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

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

JAKARTA = ZoneInfo("Asia/Jakarta")
YEAR = 2026


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def make_skp(employee, assessor) -> Skp:
    return Skp.objects.create(
        employee=employee,
        year=YEAR,
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 12, 31),
        status="approved",
        form_type="non_jpt",
        position=employee.position,
        position_name=employee.position.name,
        position_kind=employee.position.kind,
        unit=employee.unit,
        unit_name=employee.unit.name,
        agency_name=employee.unit.agency.name,
        employee_name=employee.full_name,
        employee_rank=employee.rank,
        assessor=assessor,
        assessor_name=assessor.full_name,
        assessor_nip=assessor.nip,
        assessor_rank="IV/a",
        assessor_position=assessor.position.name,
        assessor_unit=assessor.unit.name,
        approved_at=at(dt.date(YEAR, 1, 20)),
    )


def rate(skp, period, work, behaviour, predicate, *, final=False) -> Evaluation:
    a = skp.assessor
    return Evaluation.objects.create(
        skp=skp,
        period=period,
        work_rating=work,
        behaviour_rating=behaviour,
        predicate=predicate,
        is_final=final,
        assessor=a,
        assessor_name=a.full_name,
        assessor_nip=a.nip,
        assessor_position=a.position.name,
        evaluated_at=at(period.evaluation_deadline),
        delivered_on=period.evaluation_deadline,
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
    report = ExternalActivityReport.objects.create(
        employee=w.nurse,
        form="kursus",
        title="Kursus Gawat Darurat",
        organiser="RSUD dr. Zainoel Abidin",
        start_date=dt.date(YEAR, 5, 4),
        end_date=dt.date(YEAR, 5, 6),
        certificate="sertifikat/x.pdf",
        certificate_name="x.pdf",
        status="verified",
    )
    it_report = ExternalActivityReport.objects.create(
        employee=w.it_staff,
        form="workshop",
        title="Lokakarya Keamanan Siber",
        organiser="BSSN",
        start_date=dt.date(YEAR, 6, 1),
        end_date=dt.date(YEAR, 6, 1),
        certificate="sertifikat/y.pdf",
        certificate_name="y.pdf",
        status="verified",
    )
    entries = [
        JpEntry.objects.create(
            employee=w.seksi_head,
            year=YEAR,
            jp=Decimal("80"),
            registration=registration,
            title=event.title,
            explanation="-",
        ),
        JpEntry.objects.create(
            employee=w.nurse,
            year=YEAR,
            jp=Decimal("24.50"),
            report=report,
            title=report.title,
            explanation="-",
        ),
        JpEntry.objects.create(
            employee=w.it_staff,
            year=YEAR,
            jp=Decimal("8"),
            report=it_report,
            title=it_report.title,
            explanation="-",
        ),
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
