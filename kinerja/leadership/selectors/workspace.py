"""The Ruang Pimpinan page (`workspace_page`).

It reads a constant number of queries and a bounded number of rows whatever the team size: the
totals per unit (`totals`) are rolled up to the direct sub-units of the headed (or chosen) unit;
only the members listed (one page of PAGE_SIZE by name, plus the first LATE_LIST late ones) get
their full state (`members`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet

from kinerja.core import clock
from kinerja.evaluation.models import Period, PeriodSubmission
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import Skp

from ..cycle import DRAFT, periodic_periods
from ..domain import DEFAULT_ESCALATION_DAYS, skp_deadline
from ..models import FollowUp
from ..team import team_members, team_roots
from .members import MEMBER_FIELDS, MemberState, _annotated_team, _member_states
from .totals import (
    SubUnitTotal,
    _approved_skps,
    _closed_periods,
    _flag_q,
    _sub_unit_rows,
    _totals_by_unit,
)
from .waiting import _waiting_counts

PAGE_SIZE = 50
UNIT_ROWS = 25
LATE_LIST = 10
FILTERS = {
    "": "Semua anggota",
    "perhatian": "Perlu perhatian",
    "skp_terlambat": "SKP terlambat",
    "realisasi_terlambat": "Realisasi periode terlambat",
    "menunggu_penilaian": "Menunggu penilaian",
    "jp_kurang": "JP di bawah target",
    "tindak_lanjut": "Tindak lanjut lewat tenggat",
}


@dataclass
class WorkspacePage:
    year: int
    today: dt.date
    deadline: dt.date
    headed_units: list[OrgUnit]
    selected_unit: OrgUnit | None
    breadcrumbs: list[OrgUnit]
    units: list[SubUnitTotal]
    totals: SubUnitTotal | None
    all_units: bool
    page: Page
    members: list[MemberState]
    late: list[MemberState]
    late_count: int
    period_late: list[MemberState]
    period_late_count: int
    query: str
    filter: str
    skps_to_approve: int = 0
    reports_to_verify: int = 0
    stalled: list[Skp] = field(default_factory=list)
    escalation_days: int = DEFAULT_ESCALATION_DAYS
    evaluations_waiting: int = 0
    appeals_waiting: int = 0
    appeals_url: str = ""
    stalled_periods: list[PeriodSubmission] = field(default_factory=list)
    overdue_follow_ups: list[FollowUp] = field(default_factory=list)
    filters: dict = field(default_factory=lambda: FILTERS)

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or self.filter)

    @property
    def units_shown(self) -> list[SubUnitTotal]:
        """The sub-units needing most attention first; all of them on request."""
        return self.units if self.all_units else self.units[:UNIT_ROWS]

    @property
    def units_hidden(self) -> int:
        return len(self.units) - len(self.units_shown)


def workspace_page(
    user,
    *,
    unit_id: int | None = None,
    query: str = "",
    flag: str = "",
    page: str | int | None = None,
    all_units: bool = False,
    year: int | None = None,
) -> WorkspacePage:
    """The Ruang Pimpinan page: totals per direct sub-unit of the headed unit (or of the chosen
    unit), the members by name paged by 50 with search and filters, and what waits for the
    leader. The number of queries and of rows read per model stays flat with the team's size."""
    access = access_for(user)
    today = clock.today()
    year = year or today.year
    headed = list(
        OrgUnit.objects.filter(pk__in=access.headed_unit_ids)
        .only("pk", "name", "short_name", "path", "parent_id")
        .order_by("path")
    )
    selected = _selected_unit(user, unit_id)
    team = team_members(user)
    scope = team.filter(unit__path__startswith=selected.path) if selected else team
    outermost = set(team_roots(user))
    roots = [selected] if selected else [h for h in headed if h.path in outermost]
    periods = periodic_periods(year)
    closed = _closed_periods(year, today, periods)
    unit_counts = _totals_by_unit(scope, year=year, today=today, closed=closed)
    totals_by_unit = unit_counts.counts
    units, totals = _sub_unit_rows(unit_counts, roots)
    if totals is None:
        totals = SubUnitTotal(unit=selected) if selected else None
        if totals_by_unit:
            totals = totals or SubUnitTotal(unit=OrgUnit(name=""))
            for counts in totals_by_unit.values():
                totals.add(counts)
    flag = flag if flag in FILTERS else ""
    listed = scope
    query = (query or "").strip()[:100]
    if query:
        listed = listed.filter(Q(name__icontains=query) | Q(nip__startswith=query))
    if flag:
        listed = listed.filter(_flag_q(flag, year=year, today=today, closed=closed))
    ids = listed.values_list("pk", flat=True)
    if query or flag:
        paged = Paginator(ids, PAGE_SIZE).get_page(page)
    else:  # the whole scope: the totals have counted it (every unit, and members without one)
        known = sum(counts["members"] for counts in totals_by_unit.values())
        paged = CountedPaginator(ids, PAGE_SIZE, count=known).get_page(page)
    late_ids = _late_ids(scope, totals_by_unit, year=year, today=today)
    period_late_ids = _period_late_ids(scope, totals_by_unit, year=year, closed=closed)
    page_ids = list(paged.object_list)
    wanted = set(page_ids) | set(late_ids) | set(period_late_ids)
    rows = list(
        _annotated_team(Employee.objects.filter(pk__in=sorted(wanted)), year)
        .select_related("unit", "position")
        .only(*MEMBER_FIELDS)
    )
    states = {
        m.employee.pk: m for m in _member_states(rows, year=year, today=today, periods=periods)
    }
    return WorkspacePage(
        year=year,
        today=today,
        deadline=skp_deadline(year),
        headed_units=headed,
        selected_unit=selected,
        breadcrumbs=_breadcrumbs(selected, headed),
        units=units,
        totals=totals,
        all_units=all_units,
        page=paged,
        members=[states[pk] for pk in page_ids if pk in states],
        late=[states[pk] for pk in late_ids if pk in states],
        late_count=totals.late if totals else 0,
        period_late=[states[pk] for pk in period_late_ids if pk in states],
        period_late_count=totals.period_late if totals else 0,
        query=query,
        filter=flag,
        **_waiting_counts(user, today),
    )


class CountedPaginator(Paginator):
    """A paginator told its count (already known from grouped totals) instead of counting."""

    def __init__(self, object_list, per_page, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def _units_with(totals_by_unit: dict[int | None, dict], key: str) -> list[int]:
    return sorted(
        unit_id for unit_id, counts in totals_by_unit.items() if unit_id is not None and counts[key]
    )


def _late_ids(
    scope: QuerySet[Employee], totals_by_unit: dict[int | None, dict], *, year: int, today: dt.date
) -> list[int]:
    """The first late members by name, read only in the units whose totals have some (the
    totals and this list use the same condition, so they agree)."""
    units = _units_with(totals_by_unit, "late")
    if not units:
        return []
    return list(
        scope.filter(unit_id__in=units)
        .filter(_flag_q("skp_terlambat", year=year, today=today))
        .values_list("pk", flat=True)[:LATE_LIST]
    )


def _period_late_ids(
    scope: QuerySet[Employee],
    totals_by_unit: dict[int | None, dict],
    *,
    year: int,
    closed: list[Period],
) -> list[int]:
    """The first members by name with a missed period, among the units whose totals have some.
    The same condition as the `realisasi_terlambat` filter, but checked per SKP of those units
    (an index probe per SKP and closed period) instead of hashing every submission of the
    year, since the candidates are few."""
    units = _units_with(totals_by_unit, "period_late")
    if not units or not closed:
        return []
    candidates = scope.filter(unit_id__in=units)
    missed = Q(pk__in=[])
    for period in closed:
        submitted = PeriodSubmission.objects.filter(skp_id=OuterRef("pk"), period_id=period.pk)
        missed |= Q(period_start__lte=period.end, period_end__gte=period.start) & ~Exists(
            submitted.exclude(status=DRAFT)
        )
    skps = _approved_skps(year).filter(missed, employee_id__in=candidates.order_by().values("pk"))
    return list(
        candidates.filter(pk__in=skps.values("employee_id")).values_list("pk", flat=True)[
            :LATE_LIST
        ]
    )


def _selected_unit(user, unit_id: int | None) -> OrgUnit | None:
    """The unit chosen to drill into, inside the headed units (else OrgUnit.DoesNotExist)."""
    if unit_id is None:
        return None
    selected = OrgUnit.objects.filter(_paths_q(team_roots(user)), pk=unit_id).first()
    if selected is None:
        raise OrgUnit.DoesNotExist
    return selected


def _paths_q(paths) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(path__startswith=p)
    return q


def _breadcrumbs(selected: OrgUnit | None, headed: list[OrgUnit]) -> list[OrgUnit]:
    """The units between the headed unit and the chosen one, for the way back up."""
    if selected is None:
        return []
    root = next((h for h in headed if selected.path.startswith(h.path)), None)
    if root is None or root.pk == selected.pk:
        return []
    ancestors = [
        u
        for u in OrgUnit.objects.filter(path__startswith=root.path, depth__lt=selected.depth)
        .only("pk", "name", "short_name", "path", "depth")
        .order_by("depth")
        if selected.path.startswith(u.path)
    ]
    return ancestors
