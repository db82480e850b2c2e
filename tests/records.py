"""Performance-cycle records made directly with the models, for tests that need them as data.

An approved SKP carries the snapshot fields planning copies when it is approved, and an
evaluation the assessor's snapshot, without running either workflow: tests of later stages
(exports, the inspectorate's view, development needs) do not depend on the earlier rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from kinerja.evaluation.models import Evaluation
from kinerja.planning.models import Skp

JAKARTA = ZoneInfo("Asia/Jakarta")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """A moment inside Jakarta's day (the installation's local date is the one that counts)."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def make_approved_skp(
    employee, assessor, *, year: int, approved_on: dt.date | None = None, **fields: Any
) -> Skp:
    """The employee's approved SKP of `year` with `assessor` as pejabat penilai.

    `fields` sets further snapshot fields (the assessor's rank or unit, the superior).
    """
    return Skp.objects.create(
        employee=employee,
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
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
        assessor_position=assessor.position.name,
        approved_at=at(approved_on) if approved_on else None,
        **fields,
    )


def make_evaluation(
    skp: Skp,
    period,
    *,
    work: str = "meets",
    behaviour: str = "meets",
    predicate: str = "good",
    on: dt.date | None = None,
    **fields: Any,
) -> Evaluation:
    """The SKP's assessor rates the period, delivered `on` (by default its evaluation deadline).

    `fields` sets further evaluation fields (the suggested rating, `is_final`).
    """
    assessor = skp.assessor
    on = on or period.evaluation_deadline
    return Evaluation.objects.create(
        skp=skp,
        period=period,
        work_rating=work,
        behaviour_rating=behaviour,
        predicate=predicate,
        assessor=assessor,
        assessor_name=assessor.full_name,
        assessor_nip=assessor.nip,
        assessor_position=assessor.position.name,
        evaluated_at=at(on),
        delivered_on=on,
        **fields,
    )
