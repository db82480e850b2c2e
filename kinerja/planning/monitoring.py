"""Monitoring of SKP completion per unit, by name, with the deadline and reminders."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.audit.services import record
from kinerja.communication.reminders import week_key
from kinerja.communication.services import notify
from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit

from .domain.orgplan import (
    MONITORING_LABELS,
    MonitoringStatus,
    is_late,
    monitoring_status,
    reminder_window,
    skp_deadline,
)
from .models import Skp


def deadline_for(year: int) -> dt.date:
    """The SKP deadline of a year (settings.SKP_DEADLINE_MONTH_DAY, default 31 January)."""
    month_day = tuple(getattr(settings, "SKP_DEADLINE_MONTH_DAY", (1, 31)))
    return skp_deadline(year, (int(month_day[0]), int(month_day[1])))


def can_monitor(user, unit: OrgUnit) -> bool:
    """BKPSDM (and other regency-wide readers) everywhere, OPD admins their agency, heads
    their subtree."""
    return access_for(user).sees_unit_path(unit.path)


def can_remind(user, unit: OrgUnit) -> bool:
    access = access_for(user)
    return access.manages_unit_path(unit.path) or any(
        unit.path.startswith(p) for p in access.headed_unit_paths
    )


@dataclass(frozen=True)
class MonitoringRow:
    employee: Employee
    skp_id: int | None
    status: MonitoringStatus
    late: bool

    @property
    def status_label(self) -> str:
        return MONITORING_LABELS[self.status]


@dataclass(frozen=True)
class MonitoringReport:
    unit: OrgUnit
    year: int
    deadline: dt.date
    rows: list[MonitoringRow]
    counts: dict[str, int]
    late_count: int


def _employees(unit: OrgUnit):
    return Employee.objects.filter(
        is_active=True, skp_exemption="", unit__path__startswith=unit.path
    )


def monitoring(*, unit: OrgUnit, year: int) -> MonitoringReport:
    """Each employee of the unit subtree with the status of their open SKP (two queries)."""
    employees = list(
        _employees(unit).select_related("unit", "position").order_by("unit__path", "name", "pk")
    )
    found = {
        employee_id: (status, pk)
        for employee_id, status, pk in Skp.objects.open()
        .filter(year=year, employee__in=_employees(unit))
        .values_list("employee_id", "status", "pk")
    }
    deadline, today = deadline_for(year), clock.today()
    rows = []
    for employee in employees:
        status_value, skp_id = found.get(employee.pk, (None, None))
        status = monitoring_status(status_value)
        rows.append(
            MonitoringRow(
                employee=employee,
                skp_id=skp_id,
                status=status,
                late=is_late(status, today=today, deadline=deadline),
            )
        )
    counts = Counter(row.status.value for row in rows)
    return MonitoringReport(
        unit=unit,
        year=year,
        deadline=deadline,
        rows=rows,
        counts={s.value: counts.get(s.value, 0) for s in MonitoringStatus},
        late_count=sum(row.late for row in rows),
    )


def _unfinished_employees(year: int, base):
    finished = (
        Skp.objects.open()
        .filter(year=year, status__in=["approved", "revision_requested"])
        .values("employee_id")
    )
    return base.exclude(pk__in=finished)


def _reminder_text(year: int) -> tuple[str, str]:
    deadline = deadline_for(year)
    return (
        f"Segera selesaikan SKP tahun {year}",
        f"SKP tahun {year} Anda belum disetujui. Batas waktu penetapan SKP adalah "
        f"{deadline:%d-%m-%Y}. Lengkapi RHK dan indikator, ajukan kepada pejabat penilai, "
        "dan tindak lanjuti bila dikembalikan.",
    )


@transaction.atomic
def send_skp_reminders(*, actor: Any, unit: OrgUnit, year: int) -> int:
    """Notify everyone in the unit subtree whose SKP of the year is not approved yet (at most
    once a day per unit); returns how many notifications were created."""
    if not can_remind(actor, unit):
        raise PermissionDenied("Anda tidak berwenang mengirim pengingat untuk unit ini.")
    employees = _unfinished_employees(year, _employees(unit))
    recipients = User.objects.filter(is_active=True, employee__in=employees)
    title, body = _reminder_text(year)
    sent = notify(
        recipients=recipients,
        kind="skp_deadline",
        title=title,
        body=body,
        url=reverse("planning:my_skp"),
        dedupe_key=f"skp_deadline:{year}:unit{unit.pk}:{clock.today().isoformat()}",
    )
    record(
        actor=actor,
        action="planning.skp_reminders_sent",
        obj=unit,
        agency_id=unit.agency_id,
        after={"year": year, "sent": sent},
    )
    return sent


def remind_skp_deadline(run_date: dt.date) -> int:
    """Weekly reminder job from 1 January to the deadline: everyone without an approved SKP."""
    year = run_date.year
    if not reminder_window(run_date, deadline_for(year)):
        return 0
    base = Employee.objects.filter(Q(is_active=True), skp_exemption="")
    recipients = User.objects.filter(is_active=True, employee__in=_unfinished_employees(year, base))
    title, body = _reminder_text(year)
    return notify(
        recipients=recipients,
        kind="skp_deadline",
        title=title,
        body=body,
        url=reverse("planning:my_skp"),
        dedupe_key=f"skp_deadline:{year}:{week_key(run_date)}",
    )
