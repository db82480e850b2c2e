"""Monitoring of SKP completion per unit, by name, with the deadline and reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.audit.services import record
from kinerja.communication.reminders import week_key
from kinerja.communication.services import notify
from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import PATH_SEGMENT, Employee, OrgUnit

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
    status: MonitoringStatus
    late: bool

    @property
    def status_label(self) -> str:
        return MONITORING_LABELS[self.status]


@dataclass
class BranchCounts:
    """Status counts of one sub-unit subtree (or of the unit's own direct staff)."""

    unit: OrgUnit
    direct: bool = False  # employees placed in the monitored unit itself, not below it
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_VALUES, 0))
    late: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class MonitoringReport:
    unit: OrgUnit
    year: int
    deadline: dt.date
    counts: dict[str, int]
    late_count: int
    branches: list[BranchCounts]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


STATUS_VALUES = [s.value for s in MonitoringStatus]
# The SKP statuses behind each monitoring column (None = no open SKP this year).
_SKP_STATUSES = {
    MonitoringStatus.DRAFT: ["draft"],
    MonitoringStatus.SUBMITTED: ["submitted"],
    MonitoringStatus.RETURNED: ["returned"],
    MonitoringStatus.APPROVED: ["approved", "revision_requested"],
}


def _employees(unit: OrgUnit):
    return Employee.objects.filter(
        is_active=True, skp_exemption="", unit__path__startswith=unit.path
    )


def _with_status(qs, year: int):
    """Annotate employees with the status of their open SKP of the year (None when absent)."""
    open_skp = Skp.objects.open().filter(year=year, employee=OuterRef("pk")).order_by("-pk")
    return qs.annotate(skp_status=Subquery(open_skp.values("status")[:1]))


def monitoring(*, unit: OrgUnit, year: int) -> MonitoringReport:
    """Status counts of the unit subtree, split per direct sub-unit (two queries whatever the
    number of employees)."""
    deadline, today = deadline_for(year), clock.today()
    depth = len(unit.path) + PATH_SEGMENT  # the path of a direct sub-unit
    grouped = (
        _with_status(_employees(unit), year)
        .annotate(branch=Substr("unit__path", 1, depth))
        .order_by()
        .values("branch", "skp_status")
        .annotate(n=Count("pk"))
    )
    children = {
        child.path: BranchCounts(child)
        for child in OrgUnit.objects.filter(parent=unit).only("pk", "name", "path", "is_active")
    }
    own = BranchCounts(unit, direct=True)
    totals = dict.fromkeys(STATUS_VALUES, 0)
    late_count = 0
    for row in grouped:
        status = monitoring_status(row["skp_status"])
        late = row["n"] if is_late(status, today=today, deadline=deadline) else 0
        branch = children.get(row["branch"], own)
        branch.counts[status.value] += row["n"]
        branch.late += late
        totals[status.value] += row["n"]
        late_count += late
    branches = [b for b in children.values() if b.total or b.unit.is_active]
    branches.sort(key=lambda b: b.unit.name)
    if own.total:
        branches.insert(0, own)
    return MonitoringReport(
        unit=unit,
        year=year,
        deadline=deadline,
        counts=totals,
        late_count=late_count,
        branches=branches,
    )


def monitoring_rows(*, unit: OrgUnit, year: int, status: str = "", search: str = ""):
    """Employees of the unit subtree with their SKP status, filtered by a monitoring column
    (or "late") and a name/NIP search; a queryset for paging."""
    qs = _with_status(_employees(unit), year)
    if status == "late":
        if clock.today() > deadline_for(year):
            approved = _SKP_STATUSES[MonitoringStatus.APPROVED]
            qs = qs.filter(Q(skp_status__isnull=True) | ~Q(skp_status__in=approved))
        else:
            qs = qs.none()
    elif status == MonitoringStatus.NONE:
        qs = qs.filter(skp_status__isnull=True)
    elif status in STATUS_VALUES:
        qs = qs.filter(skp_status__in=_SKP_STATUSES[MonitoringStatus(status)])
    search = search.strip()
    if search:
        digits = search.replace(" ", "")
        match = Q(name__icontains=search)
        if digits.isdigit():
            match |= Q(nip__startswith=digits)
        qs = qs.filter(match)
    return (
        qs.select_related("unit", "position").only(*ROW_FIELDS).order_by("unit__path", "name", "pk")
    )


ROW_FIELDS = (
    "pk",
    "name",
    "nip",
    "front_title",
    "back_title",
    "unit__name",
    "unit__path",
    "position__name",
)


def rows_for(employees, *, year: int) -> list[MonitoringRow]:
    """Wrap one page of annotated employees as rows with the status label and lateness."""
    deadline, today = deadline_for(year), clock.today()
    rows = []
    for employee in employees:
        status = monitoring_status(employee.skp_status)
        rows.append(
            MonitoringRow(
                employee=employee,
                status=status,
                late=is_late(status, today=today, deadline=deadline),
            )
        )
    return rows


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
