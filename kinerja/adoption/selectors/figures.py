"""Adoption figures per agency, the regency totals, and the lighter sign-in count.

Every figure is an aggregate grouped by agency, so the number of queries does not depend on the
number of employees (five queries for any number of agencies).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F

from kinerja.organisations.models import Employee, OrgUnit

from ._common import _rate
from .conditions import (
    _due_q,
    _never_logged_in_q,
    _not_filled_q,
    _waiting_submissions,
    _without_skp_q,
    current_period,
)
from .read_rates import ReadCounts, read_counts

REGENCY_LABEL = "Kabupaten Aceh Barat Daya"


@dataclass(frozen=True)
class AdoptionFigures:
    """The adoption figures of one agency (or, with `agency_id=None`, of the whole regency)."""

    agency_id: int | None
    agency_name: str
    employees: int
    never_logged_in: int
    without_skp: int
    due_current_period: int
    not_filled_current_period: int
    assessors_with_evaluations_waiting: int
    evaluations_waiting: int
    announcements_delivered: int
    announcements_read: int
    announcement_read_rate: float | None

    @property
    def logged_in(self) -> int:
        return self.employees - self.never_logged_in

    @property
    def login_rate(self) -> float | None:
        return self.logged_in / self.employees if self.employees else None

    @property
    def never_logged_in_share(self) -> float | None:
        return self.never_logged_in / self.employees if self.employees else None

    @property
    def without_skp_share(self) -> float | None:
        return self.without_skp / self.employees if self.employees else None

    @property
    def not_filled_share(self) -> float | None:
        if not self.due_current_period:
            return None
        return self.not_filled_current_period / self.due_current_period


def agency_adoption(
    *,
    year: int,
    agency_ids: list[int] | None = None,
    today: dt.date | None = None,
    reads: ReadCounts | None = None,
) -> dict[int, AdoptionFigures]:
    """Adoption figures per agency (perangkat daerah), keyed by agency id, ordered by name.

    `agency_ids=None` means every active agency; callers scope it (see `scoped_agency_ids`).
    Five queries whatever the number of agencies and employees (four when the page passes the
    `reads` it already counted for the read rates).
    """
    agencies = OrgUnit.objects.filter(depth=1, is_active=True)
    if agency_ids is not None:
        agencies = agencies.filter(pk__in=agency_ids)
    names = dict(agencies.order_by("name", "pk").values_list("pk", "name"))
    if not names:
        return {}
    ids = list(names)
    period = current_period(year, today)

    people = (
        Employee.objects.filter(is_active=True, unit__agency_id__in=ids)
        .values("unit__agency_id")
        .annotate(
            employees=Count("pk"),
            never_logged_in=Count("pk", filter=_never_logged_in_q()),
            without_skp=Count("pk", filter=_without_skp_q(year)),
            due=Count("pk", filter=_due_q(period)),
            not_filled=Count("pk", filter=_not_filled_q(period)),
        )
        .order_by()
    )
    by_people = {row["unit__agency_id"]: row for row in people}

    waiting = (
        _waiting_submissions(year)
        .filter(skp__assessor__unit__agency_id__in=ids)
        .values(agency_id=F("skp__assessor__unit__agency_id"))
        .annotate(
            assessors=Count("skp__assessor_id", distinct=True),
            submissions=Count("pk"),
        )
        .order_by()
    )
    by_waiting = {row["agency_id"]: row for row in waiting}

    if reads is None:
        reads = read_counts(year=year, agency_ids=ids)
    by_reads: dict[int | None, dict[str, int]] = {}
    for per_agency in reads.values():
        for agency_id, (delivered, read) in per_agency.items():
            row = by_reads.setdefault(agency_id, {"total": 0, "read": 0})
            row["total"] += delivered
            row["read"] += read

    figures: dict[int, AdoptionFigures] = {}
    for agency_id, name in names.items():
        p = by_people.get(agency_id, {})
        w = by_waiting.get(agency_id, {})
        r = by_reads.get(agency_id, {})
        delivered, read = r.get("total", 0), r.get("read", 0)
        figures[agency_id] = AdoptionFigures(
            agency_id=agency_id,
            agency_name=name,
            employees=p.get("employees", 0),
            never_logged_in=p.get("never_logged_in", 0),
            without_skp=p.get("without_skp", 0),
            due_current_period=p.get("due", 0),
            not_filled_current_period=p.get("not_filled", 0),
            assessors_with_evaluations_waiting=w.get("assessors", 0),
            evaluations_waiting=w.get("submissions", 0),
            announcements_delivered=delivered,
            announcements_read=read,
            announcement_read_rate=_rate(read, delivered),
        )
    return figures


@dataclass(frozen=True)
class SignIns:
    """How many of an agency's active employees have ever signed in (the dashboards' adoption
    column): the same definition as `AdoptionFigures.logged_in`, without the other figures."""

    employees: int
    logged_in: int

    @property
    def login_rate(self) -> float | None:
        return _rate(self.logged_in, self.employees)


def sign_ins(*, agency_ids: list[int]) -> dict[int, SignIns]:
    """`SignIns` per given agency (every id gets an entry, 0/0 without employees): one grouped
    query on employees, far cheaper than `agency_adoption` when only sign-ins are shown."""
    rows = (
        Employee.objects.filter(is_active=True, unit__agency_id__in=agency_ids)
        .values("unit__agency_id")
        .annotate(employees=Count("pk"), never=Count("pk", filter=_never_logged_in_q()))
        .order_by()
    )
    found = {
        row["unit__agency_id"]: SignIns(row["employees"], row["employees"] - row["never"])
        for row in rows
    }
    return {pk: found.get(pk, SignIns(0, 0)) for pk in agency_ids}


def regency_totals(
    figures: dict[int, AdoptionFigures] | list[AdoptionFigures], *, label: str = REGENCY_LABEL
) -> AdoptionFigures:
    """The sum over the given agencies (an assessor is counted in their own agency only)."""
    rows = list(figures.values()) if isinstance(figures, dict) else list(figures)
    delivered = sum(f.announcements_delivered for f in rows)
    read = sum(f.announcements_read for f in rows)
    return AdoptionFigures(
        agency_id=None,
        agency_name=label,
        employees=sum(f.employees for f in rows),
        never_logged_in=sum(f.never_logged_in for f in rows),
        without_skp=sum(f.without_skp for f in rows),
        due_current_period=sum(f.due_current_period for f in rows),
        not_filled_current_period=sum(f.not_filled_current_period for f in rows),
        assessors_with_evaluations_waiting=sum(f.assessors_with_evaluations_waiting for f in rows),
        evaluations_waiting=sum(f.evaluations_waiting for f in rows),
        announcements_delivered=delivered,
        announcements_read=read,
        announcement_read_rate=_rate(read, delivered),
    )
