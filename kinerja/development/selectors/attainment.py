"""JP attainment per agency (PNS against the 20 JP minimum, PPPK apart) and who is below it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import (
    F,
    Q,
    QuerySet,
)

from kinerja.organisations.models import Employee

from ..domain import (
    MINIMUM_DUTY_STATUSES,
    PNS_MINIMUM_JP,
)
from ..models import (
    JpEntry,
)
from ._common import _search
from .ledger import ZERO, with_jp_total


@dataclass
class AgencyAttainment:
    """One agency's row: PNS against the 20 JP minimum, PPPK apart (never "below")."""

    agency_id: int | None
    name: str
    pns_count: int = 0
    pns_met: int = 0
    pns_jp: Decimal = ZERO
    pppk_count: int = 0
    pppk_total: Decimal = ZERO

    @property
    def below_count(self) -> int:
        return self.pns_count - self.pns_met

    @property
    def share(self) -> Decimal:
        if not self.pns_count:
            return Decimal(0)
        return (Decimal(self.pns_met) / self.pns_count * 100).quantize(Decimal("0.1"))

    @property
    def pns_average(self) -> Decimal:
        if not self.pns_count:
            return Decimal(0)
        return (self.pns_jp / self.pns_count).quantize(Decimal("0.1"))

    @property
    def key(self) -> str:
        """The agency as a URL value ("0": employees whose unit has no agency)."""
        return str(self.agency_id or 0)


NO_AGENCY = "Tanpa perangkat daerah"


def _minimum_duty() -> Q:
    return Q(status__in=sorted(MINIMUM_DUTY_STATUSES))


def agency_attainment(user, year: int) -> list[AgencyAttainment]:
    """Per agency: PNS count, PNS with ≥ 20 JP, share, average JP and how many are below; PPPK
    apart. One grouped query whatever the number of employees (the names are paged apart, see
    `below_target_employees`).

    The scoped employee query is grouped by agency in an outer SELECT joined to the year's JP
    totals per employee (one hash join; a correlated subquery would be evaluated per aggregate).
    """
    inner = (
        Employee.objects.visible_to(user)
        .filter(is_active=True)
        .annotate(agency_ref=F("unit__agency_id"), agency_label=F("unit__agency__name"))
        .values("id", "status", "agency_ref", "agency_label")
        .order_by()
    )
    if inner.query.is_empty():
        return []
    sql, params = inner.query.sql_with_params()
    statuses = sorted(MINIMUM_DUTY_STATUSES)
    marks = ", ".join(["%s"] * len(statuses))
    pns = f"e.status IN ({marks})"
    jp = "COALESCE(j.total, 0)"
    outer = f"""
        SELECT e.agency_ref, e.agency_label,
               SUM(CASE WHEN {pns} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {pns} AND {jp} >= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN {pns} THEN {jp} ELSE 0 END),
               SUM(CASE WHEN {pns} THEN 0 ELSE 1 END),
               SUM(CASE WHEN {pns} THEN 0 ELSE {jp} END)
        FROM ({sql}) AS e
        LEFT JOIN (
            SELECT employee_id, SUM(jp) AS total FROM {JpEntry._meta.db_table}
            WHERE year = %s GROUP BY employee_id
        ) AS j ON j.employee_id = e.id
        GROUP BY e.agency_ref, e.agency_label
    """  # noqa: S608 - only placeholders and a table name are interpolated
    # A float: SQLite compares a Decimal parameter as text.
    args = [*statuses, *statuses, float(PNS_MINIMUM_JP), *statuses, *statuses, *statuses]
    args += [*params, year]
    with connection.cursor() as cursor:
        cursor.execute(outer, args)
        rows = cursor.fetchall()
    result = [
        AgencyAttainment(
            agency_id=agency_id,
            name=agency_name or NO_AGENCY,
            pns_count=int(pns_count or 0),
            pns_met=int(pns_met or 0),
            pns_jp=Decimal(pns_jp or ZERO).quantize(ZERO),
            pppk_count=int(pppk_count or 0),
            pppk_total=Decimal(pppk_total or ZERO).quantize(ZERO),
        )
        for agency_id, agency_name, pns_count, pns_met, pns_jp, pppk_count, pppk_total in rows
    ]
    return sorted(result, key=lambda a: a.name)


def below_target_employees(
    user, year: int, *, agency_id: int | None, query: str = ""
) -> QuerySet[Employee]:
    """Active PNS of one agency (None: units without an agency) below 20 JP, by name, with
    their JP; filtered by name words or a NIP prefix. Paged by the caller."""
    qs = with_jp_total(
        Employee.objects.visible_to(user).filter(_minimum_duty(), is_active=True), year
    ).filter(jp_total__lt=PNS_MINIMUM_JP)
    if agency_id:
        qs = qs.filter(unit__agency_id=agency_id)
    else:
        qs = qs.filter(Q(unit__isnull=True) | Q(unit__agency__isnull=True))
    qs = _search(qs, query)
    return qs.select_related("unit", "position").order_by("name", "nip")
