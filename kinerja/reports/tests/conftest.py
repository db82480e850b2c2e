"""A built data set for the reports: a quarterly 2026 calendar, SKPs in every state, realisations,
evaluations, an appeal, JP, an organisation result and a Perjanjian Kinerja with two IKUs.

Records are made with the models directly (as evaluation's tests do), so these tests check the
reports against the records whatever the workflows' own rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from kinerja.accounts.models import User
from kinerja.development.models import ExternalActivityReport, JpEntry
from kinerja.evaluation.models import Appeal, Evaluation, OrgResult, Period
from kinerja.evaluation.models.realisation import Realisation
from kinerja.organisations.models import Employee
from kinerja.planning.models import AgreementTarget, Indicator, PerformanceAgreement, Rhk, Skp
from tests.world import make_employee

JAKARTA = ZoneInfo("Asia/Jakarta")
YEAR = 2026


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def make_skp(employee: Employee, assessor: Employee | None, *, status="approved", form="non_jpt"):
    assessor = assessor or employee
    return Skp.objects.create(
        employee=employee,
        year=YEAR,
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 12, 31),
        status=status,
        form_type=form,
        position=employee.position,
        position_name=employee.position.name if employee.position else "",
        position_kind=employee.position.kind if employee.position else "",
        unit=employee.unit,
        unit_name=employee.unit.name,
        agency_name=employee.unit.agency.name if employee.unit.agency else "",
        employee_name=employee.full_name,
        assessor=assessor,
        assessor_name=assessor.full_name,
        assessor_nip=assessor.nip,
    )


def add_indicator(skp: Skp, target: Decimal, *, target_max=None, rhk: Rhk | None = None):
    rhk = rhk or Rhk.objects.create(skp=skp, group="utama", text=f"RHK {skp.employee_name}")
    return Indicator.objects.create(
        rhk=rhk, text="Indikator", target_min=target, target_max=target_max, target_unit="laporan"
    )


def give_jp(employee: Employee, jp: Decimal, year: int = YEAR) -> JpEntry:
    """A verified external activity and its JP ledger line (each line has one source)."""
    report = ExternalActivityReport.objects.create(
        employee=employee,
        form="workshop",
        title="Lokakarya",
        organiser="BKPSDM",
        start_date=dt.date(year, 3, 1),
        end_date=dt.date(year, 3, 2),
        certificate="sertifikat/uji.pdf",
        certificate_name="uji.pdf",
        certificate_sha256="0" * 64,
        status="verified",
    )
    return JpEntry.objects.create(
        employee=employee, year=year, jp=jp, report=report, title="Lokakarya", explanation="uji"
    )


def evaluate(skp: Skp, period: Period, predicate: str) -> Evaluation:
    return Evaluation.objects.create(
        skp=skp,
        period=period,
        work_rating="meets",
        behaviour_rating="meets",
        predicate=predicate,
        assessor=skp.assessor,
        assessor_name=skp.assessor_name,
        evaluated_at=at(period.end),
        delivered_on=period.end,
    )


@dataclass
class Data:
    world: object
    q1: Period
    q2: Period
    annual: Period
    extra: list[Employee]
    skps: dict[str, Skp] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    agreement: PerformanceAgreement | None = None
    outcome_target: AgreementTarget | None = None
    rhk_target: AgreementTarget | None = None
    head_indicator: Indicator | None = None

    def user(self, employee) -> User:
        return User.objects.get(employee=employee)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    """Today is 20 January 2027: the 2026 calendar, annual evaluation included, is over."""
    with time_machine.travel(at(dt.date(YEAR + 1, 1, 20)), tick=False) as traveller:
        yield traveller


def build_data(w) -> Data:
    from kinerja.evaluation import services

    services.set_schedule(
        actor=User.objects.get(employee=w.bkpsdm_admin), year=YEAR, rhythm="quarterly"
    )
    periods = {(p.kind, p.number): p for p in Period.objects.filter(year=YEAR)}
    extra = [
        make_employee(w.health_seksi, None, f"Pegawai Tambahan {n}", with_login=False)
        for n in range(3)
    ]
    data = Data(
        world=w,
        q1=periods[("quarterly", 1)],
        q2=periods[("quarterly", 2)],
        annual=periods[("annual", 1)],
        extra=extra,
    )
    # SKPs: health has approved, submitted and draft ones; Diskominsa one approved, one none.
    approved = {
        "staff": (w.staff, w.seksi_head),
        "seksi_head": (w.seksi_head, w.bidang_head),
        "bidang_head": (w.bidang_head, w.health_head),
        "extra0": (extra[0], w.seksi_head),
        "extra1": (extra[1], w.seksi_head),
        "extra2": (extra[2], w.seksi_head),
        "it_staff": (w.it_staff, w.it_head),
    }
    for key, (employee, assessor) in approved.items():
        data.skps[key] = make_skp(employee, assessor)
    data.skps["health_head"] = make_skp(w.health_head, w.regent, form="jpt")
    data.skps["nurse"] = make_skp(w.nurse, w.seksi_head, status="submitted")
    data.skps["health_admin"] = make_skp(w.health_admin, w.health_head, status="draft")

    # Indicators (two per approved SKP, one a range) and Q1 realisations for some of them.
    values = {
        "staff": (Decimal(3), Decimal(12)),
        "seksi_head": (Decimal(12), None),
        "bidang_head": (Decimal(1), Decimal(5)),
        "extra0": (None, Decimal(4)),
        "it_staff": (Decimal(20), None),
    }
    for key, skp in data.skps.items():
        if skp.status != "approved" or key == "health_head":
            continue
        low = add_indicator(skp, Decimal(12))
        rng = add_indicator(skp, Decimal(4), target_max=Decimal(6))
        data.indicators += [low, rng]
        first, second = values.get(key, (None, None))
        for indicator, value in ((low, first), (rng, second)):
            if value is not None:
                Realisation.objects.create(indicator=indicator, period=data.q1, value=value)
    # A qualitative indicator is not a numeric target and never counts.
    Indicator.objects.create(
        rhk=data.indicators[0].rhk, text="Kualitatif", target_text="Laporan rapi"
    )

    # Annual predicates: health 5 Baik, 1 Sangat Baik, 1 Butuh Perbaikan; Diskominsa 1 Baik.
    predicates = {
        "staff": "good",
        "seksi_head": "very_good",
        "bidang_head": "good",
        "extra0": "good",
        "extra1": "good",
        "extra2": "needs_improvement",
        "health_head": "good",
        "it_staff": "good",
    }
    evaluations = {k: evaluate(data.skps[k], data.annual, p) for k, p in predicates.items()}
    evaluate(data.skps["staff"], data.q1, "good")
    Appeal.objects.create(
        evaluation=evaluations["staff"],
        filed_at=at(dt.date(YEAR + 1, 1, 5)),
        reasons="Tidak sesuai bukti.",
        status="decided",
        decision="change",
    )
    Appeal.objects.create(
        evaluation=evaluations["extra2"],
        filed_at=at(dt.date(YEAR + 1, 1, 6)),
        reasons="Mohon ditinjau.",
    )

    # JP: staff 24 (met), seksi head 10 (below), nurse (PPPK) none: never flagged.
    give_jp(w.staff, Decimal(24))
    give_jp(w.seksi_head, Decimal(10))
    OrgResult.objects.create(unit=w.health, year=YEAR, predicate="good", set_by_name="Safaruddin")

    # Perjanjian Kinerja of the health office: an outcome IKU and one fed by the JPT's RHK.
    data.agreement = PerformanceAgreement.objects.create(unit=w.health, year=YEAR)
    data.outcome_target = AgreementTarget.objects.create(
        agreement=data.agreement,
        objective="Meningkatnya mutu pelayanan kesehatan",
        indicator="Indeks pelayanan kesehatan",
        baseline=Decimal(70),
        target_value=Decimal(80),
        target_unit="indeks",
        target_q1=Decimal(75),
        order=1,
    )
    data.rhk_target = AgreementTarget.objects.create(
        agreement=data.agreement,
        objective="Meningkatnya cakupan imunisasi",
        indicator="Cakupan imunisasi dasar lengkap",
        target_value=Decimal(95),
        target_unit="persen",
        order=2,
    )
    head_rhk = Rhk.objects.create(
        skp=data.skps["health_head"],
        group="utama",
        text="Meningkatnya cakupan imunisasi",
        agreement_target=data.rhk_target,
    )
    data.head_indicator = add_indicator(data.skps["health_head"], Decimal(12), rhk=head_rhk)
    Realisation.objects.create(indicator=data.head_indicator, period=data.q1, value=Decimal(3))
    return data


@pytest.fixture
def data(world, frozen) -> Data:
    return build_data(world)
