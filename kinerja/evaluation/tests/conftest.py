"""Fixtures for the evaluation tests: a quarterly 2026 calendar and approved SKPs.

SKPs are made directly with the planning models (approved, with the snapshot fields planning
copies) so these tests do not depend on the planning workflow's own rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kinerja.accounts.models import User
from kinerja.planning.models import Indicator, Rhk, Skp

JAKARTA = ZoneInfo("Asia/Jakarta")
YEAR = 2026


def at(day: dt.date, hour: int = 10):
    """A travel target inside Jakarta's day (clock.today() uses the local date)."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def approved_skp(employee, assessor, superior, *, indicators=((Decimal(12), "laporan"),)):
    skp = Skp.objects.create(
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
        assessor_post=assessor.position,
        assessor_name=assessor.full_name,
        assessor_nip=assessor.nip,
        assessor_position=assessor.position.name,
        superior=superior,
        superior_name=superior.full_name,
        superior_nip=superior.nip,
        superior_position=superior.position.name,
    )
    rhk = Rhk.objects.create(skp=skp, group="utama", text="Terlaksananya pelayanan primer")
    made = [
        Indicator.objects.create(
            rhk=rhk, text=f"Indikator {n}", target_min=target, target_unit=unit, order=n
        )
        for n, (target, unit) in enumerate(indicators)
    ]
    return skp, rhk, made


@dataclass
class Ev:
    world: object
    schedule: object
    q1: object
    q2: object
    annual: object
    skp: Skp
    rhk: Rhk
    indicators: list
    head_skp: Skp

    def user(self, employee) -> User:
        return User.objects.get(employee=employee)


@pytest.fixture
def frozen():
    """Today is 5 April 2026: the Triwulan I window (open until 10 April) is still open."""
    with time_machine.travel(at(dt.date(YEAR, 4, 5)), tick=False) as traveller:
        yield traveller


@pytest.fixture
def ev(world, frozen):
    from kinerja.evaluation import services
    from kinerja.evaluation.models import Period

    w = world
    schedule = services.set_schedule(
        actor=User.objects.get(employee=w.bkpsdm_admin), year=YEAR, rhythm="quarterly"
    )
    periods = {(p.kind, p.number): p for p in Period.objects.filter(year=YEAR)}
    skp, rhk, indicators = approved_skp(
        w.staff,
        w.seksi_head,
        w.bidang_head,
        indicators=((Decimal(12), "laporan"), (Decimal(4), "kegiatan")),
    )
    head_skp, _, _ = approved_skp(w.seksi_head, w.bidang_head, w.health_head)
    return Ev(
        world=w,
        schedule=schedule,
        q1=periods[("quarterly", 1)],
        q2=periods[("quarterly", 2)],
        annual=periods[("annual", 1)],
        skp=skp,
        rhk=rhk,
        indicators=indicators,
        head_skp=head_skp,
    )
