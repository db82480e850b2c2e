"""A built adoption data set on the test world: logins, SKPs, a quarterly calendar, period
submissions and an announcement with some read receipts.

Today is 5 April 2026, so the Triwulan I entry window (open until 10 April) is the current period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kinerja.accounts.models import User
from kinerja.communication import services as communication
from kinerja.evaluation.models import Period, PeriodSubmission
from kinerja.organisations.models import Employee
from kinerja.planning.models import Skp
from tests.world import make_employee

JAKARTA = ZoneInfo("Asia/Jakarta")
YEAR = 2026
NOW = dt.datetime(YEAR, 4, 5, 10, tzinfo=JAKARTA)


def skp_for(employee, assessor, *, status="approved", year=YEAR) -> Skp:
    return Skp.objects.create(
        employee=employee,
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        status=status,
        form_type="non_jpt",
        position=employee.position,
        position_name=employee.position.name if employee.position else "",
        unit=employee.unit,
        unit_name=employee.unit.name,
        agency_name=employee.unit.agency.name if employee.unit.agency else "",
        employee_name=employee.full_name,
        assessor=assessor,
        assessor_name=assessor.full_name if assessor else "",
    )


def signed_in(*employees: Employee) -> None:
    User.objects.filter(employee__in=employees).update(last_login=NOW)


@dataclass
class Data:
    world: object
    q1: Period
    announcement: object
    no_account: Employee
    it_new: Employee


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def data(world, frozen) -> Data:
    from kinerja.evaluation import services as evaluation

    w = world
    bkpsdm = User.objects.get(employee=w.bkpsdm_admin)
    evaluation.set_schedule(actor=bkpsdm, year=YEAR, rhythm="quarterly")
    q1 = Period.objects.get(year=YEAR, kind="quarterly", number=1)

    # Health: one employee without any account; the admin is on study leave (exempt from SKP).
    no_account = make_employee(w.health_seksi, None, "Tanpa Akun", with_login=False)
    Employee.objects.filter(pk=w.health_admin.pk).update(skp_exemption="study_leave")
    it_new = make_employee(w.it_agency, None, "Pegawai Baru Diskominsa")
    # An inactive employee is not counted anywhere.
    gone = make_employee(w.it_agency, None, "Sudah Pensiun")
    Employee.objects.filter(pk=gone.pk).update(is_active=False)

    signed_in(w.staff, w.seksi_head, w.health_head, w.it_head, w.bkpsdm_admin)

    staff_skp = skp_for(w.staff, w.seksi_head)
    skp_for(w.seksi_head, w.bidang_head)
    skp_for(w.nurse, w.health_head, status="draft")
    it_skp = skp_for(w.it_staff, w.it_head)
    skp_for(w.bkpsdm_admin, None)
    skp_for(w.it_head, w.regent, year=YEAR - 1)  # last year's SKP does not count this year

    PeriodSubmission.objects.create(skp=staff_skp, period=q1, status="submitted", submitted_at=NOW)
    PeriodSubmission.objects.create(skp=it_skp, period=q1, status="draft")

    announcement = communication.publish_announcement(
        actor=bkpsdm,
        title="Batas pengisian Triwulan I",
        body="Isi realisasi Triwulan I sebelum 10 April.",
        author_label="BKPSDM",
        publish_at=NOW - dt.timedelta(hours=1),
    )
    for reader in (w.staff, w.it_staff, w.it_head):
        communication.mark_announcement_read(
            user=User.objects.get(employee=reader), announcement=announcement
        )
    return Data(world=w, q1=q1, announcement=announcement, no_account=no_account, it_new=it_new)
