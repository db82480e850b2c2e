"""Fixtures for the evaluation tests: a quarterly 2026 calendar and approved SKPs.

SKPs are made directly with the planning models (approved, with the snapshot fields planning
copies) so these tests do not depend on the planning workflow's own rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine

from kinerja.accounts.models import User
from kinerja.planning.models import Indicator, Rhk, Skp
from tests.records import at, make_approved_skp

YEAR = 2026


def approved_skp(employee, assessor, superior, *, indicators=((Decimal(12), "laporan"),)):
    skp = make_approved_skp(
        employee,
        assessor,
        year=YEAR,
        assessor_post=assessor.position,
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
def bearer(world):
    """Authorization headers with a fresh API token of the given employee's account."""
    from kinerja.accounts.services import issue_token

    def _bearer(employee) -> dict[str, str]:
        _, key = issue_token(user=world.user(employee), name="uji")
        return {"Authorization": f"Bearer {key}"}

    return _bearer


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


def rate_staff_annual(ev: Ev, work: str = "meets", behaviour: str = "meets"):
    """The seksi head rates the staff's year (the annual period)."""
    from kinerja.evaluation import services

    return services.rate(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.annual,
        work_rating=work,
        behaviour_rating=behaviour,
    )


def rate_head_annual(ev: Ev):
    """The bidang head rates the seksi head's year: behaviour only, no work rating given."""
    from kinerja.evaluation import services

    return services.rate(
        actor=ev.user(ev.world.bidang_head),
        skp=ev.head_skp,
        period=ev.annual,
        work_rating="",
        behaviour_rating="meets",
    )


def ready_for_penetapan(ev: Ev, *, org_result: str = "good", rate_head: bool = True) -> None:
    """Org results set (the agency's unless `org_result` is empty, and the seksi's) and annual
    predicates for the staff and, unless `rate_head` is False, the seksi head."""
    from kinerja.evaluation import services

    w = ev.world
    if org_result:
        services.set_org_result(
            actor=ev.user(w.regent), unit=w.health, year=YEAR, predicate=org_result
        )
    services.set_org_result(
        actor=ev.user(w.bidang_head), unit=w.health_seksi, year=YEAR, predicate="good"
    )
    rate_staff_annual(ev)
    if rate_head:
        rate_head_annual(ev)
