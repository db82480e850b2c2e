"""Reads of the leadership app: the team workspace, directions, field visits and follow-ups.

The workspace page (`workspace_page`) reads a constant number of queries and a bounded number
of rows whatever the team size: totals per unit are grouped counts whose conditions are hashed
set memberships, rolled up in Python to the direct sub-units of the headed (or chosen) unit; only
the members listed (one page of 50, plus the first ten late ones) get their full state, each an
annotation (correlated subqueries) on one employee query, with this period's evaluation state
from `cycle.period_states` (three queries). `workspace` computes every member's state for the
team API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from kinerja.core import clock
from kinerja.development.domain import progress
from kinerja.development.domain.duty import PNS_MINIMUM_JP, AsnStatus
from kinerja.development.models import JpEntry
from kinerja.development.selectors import reports_to_verify, with_jp_total
from kinerja.evaluation.models import Period, PeriodSubmission
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.domain.workflow import STATUS_LABELS, SkpStatus
from kinerja.planning.models import Skp
from kinerja.planning.selectors import assessor_q

from .cycle import (
    DRAFT,
    SUBMITTED,
    PeriodState,
    SkpSpan,
    appeals_url,
    appeals_waiting,
    evaluations_waiting,
    period_states,
    periodic_periods,
    stalled_periods,
)
from .domain import DEFAULT_ESCALATION_DAYS, is_skp_late, skp_deadline, stall_cutoff
from .models import Direction, DirectionAck, FieldVisit, FollowUp, FollowUpStatus
from .team import team_members, team_roots

PNS_STATUSES = (AsnStatus.PNS.value, AsnStatus.CPNS.value)


def escalation_days() -> int:
    return int(getattr(settings, "LEADERSHIP_ESCALATION_DAYS", DEFAULT_ESCALATION_DAYS))


@dataclass
class MemberState:
    employee: Employee
    skp_id: int | None
    skp_status: str | None
    jp_total: object
    jp_progress: object
    pending_directions: int
    open_follow_ups: int
    overdue_follow_ups: int = 0
    period: PeriodState | None = None
    late: bool = False
    skp_url: str = ""
    period_url: str = ""

    @property
    def period_state(self) -> str:
        """This period's realisation/evaluation in words ("" without an approved SKP)."""
        return self.period.label if self.period else ""

    @property
    def skp_status_label(self) -> str:
        return STATUS_LABELS[SkpStatus(self.skp_status)] if self.skp_status else "Belum ada SKP"


@dataclass
class UnitTotal:
    """Totals of the members whose own unit is this one (the team API)."""

    unit_id: int
    name: str
    path: str
    members: int = 0
    skp_approved: int = 0
    skp_missing: int = 0
    late: int = 0
    jp_below_target: int = 0


# The employee columns a member row shows (name, NIP, unit, position, and what the SKP duty and
# the JP target depend on).
MEMBER_FIELDS = (
    "name",
    "front_title",
    "back_title",
    "nip",
    "status",
    "skp_exemption",
    "unit__name",
    "unit__path",
    "position__name",
)


def _annotated_team(qs: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    skp = Skp.objects.filter(employee=OuterRef("pk"), year=year).order_by(
        "is_closed", "-period_start"
    )
    pending = (
        DirectionAck.objects.filter(employee=OuterRef("pk"), acknowledged_at__isnull=True)
        .order_by()
        .values("employee")
        .annotate(n=Count("pk"))
        .values("n")
    )
    follow_ups = (
        FollowUp.objects.filter(owner=OuterRef("pk"), status=FollowUpStatus.OPEN)
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    overdue = (
        FollowUp.objects.filter(
            owner=OuterRef("pk"), status=FollowUpStatus.OPEN, due_date__lt=clock.today()
        )
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_jp_total(qs, year).annotate(
        skp_id=Subquery(skp.values("pk")[:1]),
        skp_status=Subquery(skp.values("status")[:1]),
        skp_start=Subquery(skp.values("period_start")[:1]),
        skp_end=Subquery(skp.values("period_end")[:1]),
        overdue_follow_ups=Coalesce(
            Subquery(overdue, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
        pending_directions=Coalesce(
            Subquery(pending, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
        open_follow_ups=Coalesce(
            Subquery(follow_ups, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
    )


def stalled_below(user, *, now: dt.datetime | None = None) -> QuerySet[Skp]:
    """SKPs submitted more than N days ago and not decided, whose assessor answers to the user.

    The user is the atasan pejabat penilai recorded on the SKP, or the assessor is in the user's
    team; SKPs the user assesses personally are in their own queue, not here.
    """
    access = access_for(user)
    if access.employee_id is None:
        return Skp.objects.none()
    now = now or clock.now()
    below = team_members(user).values("pk")
    return (
        Skp.objects.filter(
            Q(superior_id=access.employee_id) | Q(assessor_id__in=below),
            status=SkpStatus.SUBMITTED,
            is_closed=False,
            submitted_at__lt=stall_cutoff(now, escalation_days()),
        )
        .exclude(assessor_id=access.employee_id)
        .select_related("employee", "assessor")
        .order_by("submitted_at", "id")
    )


def _member_states(
    rows, *, year: int, today: dt.date, periods: list[Period] | None = None
) -> list[MemberState]:
    """MemberState of each annotated employee row (period states in two or three queries)."""
    states = period_states(
        {
            e.pk: SkpSpan(skp_id=e.skp_id, start=e.skp_start, end=e.skp_end)
            for e in rows
            if e.skp_status == SkpStatus.APPROVED
        },
        year=year,
        today=today,
        periods=periods,
    )
    skp_url = _url_pattern("planning:skp_detail", 1)
    period_url = _url_pattern("evaluation:period", 2)
    members = []
    for e in rows:
        period = states.get(e.pk)
        members.append(
            MemberState(
                employee=e,
                skp_id=e.skp_id,
                skp_status=e.skp_status,
                jp_total=e.jp_total,
                jp_progress=progress(e.status, e.jp_total),
                pending_directions=e.pending_directions,
                open_follow_ups=e.open_follow_ups,
                overdue_follow_ups=e.overdue_follow_ups,
                period=period,
                late=not e.skp_exemption
                and is_skp_late(status=e.skp_status, year=year, today=today),
                skp_url=skp_url.format(e.skp_id) if e.skp_id else "",
                period_url=period_url.format(period.skp_id, period.period_id) if period else "",
            )
        )
    return members


def _url_pattern(name: str, arity: int) -> str:
    """The route's URL with "{0}", "{1}"... for its arguments: a list of rows reverses the route
    once and formats it per row (reverse() per row is a noticeable part of a long page)."""
    markers = [str(987654320 + i) for i in range(arity)]
    url = reverse(name, args=markers)
    for i, marker in enumerate(markers):
        url = url.replace(marker, "{" + str(i) + "}")
    return url


def _selected_unit(user, unit_id: int | None) -> OrgUnit | None:
    """The unit chosen to drill into, inside the headed units (else OrgUnit.DoesNotExist)."""
    if unit_id is None:
        return None
    selected = OrgUnit.objects.filter(_paths_q(team_roots(user)), pk=unit_id).first()
    if selected is None:
        raise OrgUnit.DoesNotExist
    return selected


def _waiting_counts(user, today: dt.date) -> dict:
    """What waits for the leader; the rows listed carry their link (`url`), each route
    reversed once per list rather than once per row in the template."""
    waiting = {
        **_waiting_totals(user),
        "reports_to_verify": len(reports_to_verify(user)),
        "stalled": list(
            stalled_below(user)
            .select_related(None)
            .only("pk", "employee_name", "assessor_name", "submitted_at")[:STALLED_LIMIT]
        ),
        "escalation_days": escalation_days(),
        "appeals_url": appeals_url(),
        "stalled_periods": list(
            stalled_periods(user, today=today).only(
                "pk",
                "skp_id",
                "period_id",
                "skp__employee_name",
                "skp__assessor_name",
                "period__label",
                "period__year",
                "period__evaluation_deadline",
            )[:STALLED_LIMIT]
        ),
        "overdue_follow_ups": list(
            overdue_follow_ups_for_leader(user, today=today).only(
                "pk",
                "text",
                "due_date",
                "owner__name",
                "owner__front_title",
                "owner__back_title",
                "visit__place",
                "visit__date",
            )[:OVERDUE_FOLLOW_UP_LIMIT]
        ),
    }
    _link(waiting["stalled"], "planning:skp_detail", lambda s: (s.pk,))
    _link(waiting["stalled_periods"], "evaluation:period", lambda s: (s.skp_id, s.period_id))
    _link(waiting["overdue_follow_ups"], "leadership:field_visit", lambda f: (f.visit_id,))
    return waiting


class _CountOf(Subquery):
    """The number of rows of a queryset, as an expression (a scalar subquery)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def _waiting_totals(user) -> dict[str, int]:
    """SKPs to approve, periods to rate and appeals to decide: three counts in one query."""
    employee_id = getattr(user, "employee_id", None)
    counts = {
        "skps_to_approve": Skp.objects.filter(assessor_q(user), status=SkpStatus.SUBMITTED),
        "evaluations_waiting": evaluations_waiting(user),
        "appeals_waiting": appeals_waiting(user),
    }
    row = (
        Employee.objects.filter(pk=employee_id)
        .values(**{key: _CountOf(qs.order_by().values("pk")) for key, qs in counts.items()})
        .first()
        if employee_id is not None
        else None
    )
    return row or dict.fromkeys(counts, 0)


def _link(rows: list, route: str, args) -> None:
    if rows:
        pattern = _url_pattern(route, len(args(rows[0])))
        for row in rows:
            row.url = pattern.format(*args(row))


STALLED_LIMIT = 100
OVERDUE_FOLLOW_UP_LIMIT = 30


TEAM_PAGE_MAX = 100


@dataclass
class TeamPage:
    """One page of the team by name, the totals per unit of the whole team, and what waits
    for the leader (the team API)."""

    year: int
    today: dt.date
    deadline: dt.date
    count: int
    limit: int
    offset: int
    members: list[MemberState]
    units: list[UnitTotal]
    late_count: int
    skps_to_approve: int = 0
    reports_to_verify: int = 0
    stalled: list[Skp] = field(default_factory=list)
    escalation_days: int = DEFAULT_ESCALATION_DAYS
    evaluations_waiting: int = 0
    appeals_waiting: int = 0
    appeals_url: str = ""
    stalled_periods: list[PeriodSubmission] = field(default_factory=list)
    overdue_follow_ups: list[FollowUp] = field(default_factory=list)


def team_page(user, *, limit: int = 50, offset: int = 0, year: int | None = None) -> TeamPage:
    """Members `offset`.. by name (at most TEAM_PAGE_MAX) with their full state, the totals per
    unit of the whole team (grouped counts, as on the page) and what waits for the leader. The
    number of queries and of rows read per model stays flat with the team's size."""
    limit = max(1, min(limit, TEAM_PAGE_MAX))
    offset = max(0, offset)
    today = clock.today()
    year = year or today.year
    team = team_members(user)
    periods = periodic_periods(year)
    closed = _closed_periods(year, today, periods)
    counts = _totals_by_unit(team, year=year, today=today, closed=closed).counts
    ids = list(team.values_list("pk", flat=True)[offset : offset + limit])
    rows = list(
        _annotated_team(Employee.objects.filter(pk__in=ids), year)
        .select_related("unit", "position")
        .only(*MEMBER_FIELDS)
    )
    states = {
        m.employee.pk: m for m in _member_states(rows, year=year, today=today, periods=periods)
    }
    return TeamPage(
        year=year,
        today=today,
        deadline=skp_deadline(year),
        count=sum(c["members"] for c in counts.values()),
        limit=limit,
        offset=offset,
        members=[states[pk] for pk in ids if pk in states],
        units=_unit_totals(counts) if access_for(user).headed_unit_ids else [],
        late_count=sum(c["late"] for c in counts.values()),
        **_waiting_counts(user, today),
    )


def _unit_totals(counts: dict[int | None, dict]) -> list[UnitTotal]:
    """The per-unit counts with the units' names, in tree order (one query for the names)."""
    units = OrgUnit.objects.filter(pk__in=[u for u in counts if u is not None]).values_list(
        "pk", "name", "path"
    )
    return sorted(
        (
            UnitTotal(
                unit_id=pk,
                name=name,
                path=path,
                members=counts[pk]["members"],
                skp_approved=counts[pk]["skp_approved"],
                skp_missing=counts[pk]["skp_missing"],
                late=counts[pk]["late"],
                jp_below_target=counts[pk]["jp_below_target"],
            )
            for pk, name, path in units
        ),
        key=lambda t: t.path,
    )


# --- The workspace page: totals per sub-unit, members paged ----------------------------------

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


@dataclass(frozen=True)
class UnitRef:
    """What the totals table shows of a sub-unit (read as values, not model instances)."""

    pk: int
    name: str
    short_name: str
    path: str

    def __str__(self) -> str:
        return self.name


@dataclass
class SubUnitTotal:
    """Totals of one sub-unit's subtree (or of a unit's own members when `direct`)."""

    unit: OrgUnit | UnitRef
    direct: bool = False
    members: int = 0
    skp_approved: int = 0
    skp_missing: int = 0
    late: int = 0
    period_late: int = 0
    evaluations_waiting: int = 0
    jp_below_target: int = 0
    open_follow_ups: int = 0
    overdue_follow_ups: int = 0

    def add(self, other: dict) -> None:
        for key, value in other.items():
            setattr(self, key, getattr(self, key) + value)

    @property
    def attention(self) -> int:
        """Cases that need the leader: late SKPs and periods, waiting ratings, overdue actions."""
        return self.late + self.period_late + self.evaluations_waiting + self.overdue_follow_ups


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


def _approved_skps(year: int) -> QuerySet[Skp]:
    return Skp.objects.filter(year=year, is_closed=False, status=SkpStatus.APPROVED)


def _closed_periods(year: int, today: dt.date, periods: list[Period] | None = None) -> list[Period]:
    """Periodic periods of the year whose entry window has closed (a handful of rows; none read
    when the caller passes the year's `periodic_periods`)."""
    if periods is None:
        periods = periodic_periods(year)
    return [p for p in periods if p.entry_closes < today]


def _missed_q(closed: list[Period], prefix: str = "") -> Q:
    """SKPs (or the SKP at `prefix`, e.g. "open_skp__") with a closed period of their span that
    has no submission. One condition per closed period, each a hashed set of the period's
    submitted SKPs, instead of a probe per SKP and period."""
    missed = Q(pk__in=[])
    for period in closed:
        submitted = (
            PeriodSubmission.objects.filter(period_id=period.pk)
            .exclude(status=DRAFT)
            .order_by()
            .values("skp_id")
        )
        missed |= Q(
            **{f"{prefix}period_start__lte": period.end, f"{prefix}period_end__gte": period.start}
        ) & ~Q(**{f"{prefix}id__in": submitted})
    return missed


def _missed_period_skps(closed: list[Period], year: int) -> QuerySet[Skp]:
    """Approved open SKPs with a closed period of their span that has no submission (the
    members `period_late` lists)."""
    if not closed:
        return Skp.objects.none()
    return _approved_skps(year).filter(_missed_q(closed))


def _jp_met(year: int) -> QuerySet:
    return (
        JpEntry.objects.filter(year=year)
        .order_by()
        .values("employee_id")
        .annotate(t=Sum("jp"))
        .filter(t__gte=PNS_MINIMUM_JP)
        .values("employee_id")
    )


def _waiting_for_rating() -> QuerySet[PeriodSubmission]:
    """Submitted periods not rated yet (few; read through the status index)."""
    return PeriodSubmission.objects.filter(status=SUBMITTED)


def _flag_q(name: str, *, year: int, today: dt.date, closed: list[Period] | None = None) -> Q:
    """Members a filter of the page keeps (each a set condition, no per-row subquery).
    `closed` is `_closed_periods(year, today)` when the caller already has it."""
    if name == "skp_terlambat":
        if today <= skp_deadline(year):
            return Q(pk__in=[])
        return Q(skp_exemption="") & ~Q(pk__in=_approved_skps(year).values("employee_id"))
    if name == "realisasi_terlambat":
        if closed is None:
            closed = _closed_periods(year, today)
        return Q(pk__in=_missed_period_skps(closed, year).values("employee_id"))
    if name == "menunggu_penilaian":
        return Q(
            pk__in=_waiting_for_rating()
            .filter(skp__year=year, skp__is_closed=False)
            .values("skp__employee_id")
        )
    if name == "jp_kurang":
        return Q(status__in=PNS_STATUSES) & ~Q(pk__in=_jp_met(year))
    if name == "tindak_lanjut":
        return Q(
            pk__in=FollowUp.objects.filter(status=FollowUpStatus.OPEN, due_date__lt=today).values(
                "owner_id"
            )
        )
    if name == "perhatian":
        q = Q(pk__in=[])
        closed = _closed_periods(year, today) if closed is None else closed
        for part in ("skp_terlambat", "realisasi_terlambat", "menunggu_penilaian", "tindak_lanjut"):
            q |= _flag_q(part, year=year, today=today, closed=closed)
        return q
    return Q()


def _grouped(qs: QuerySet, unit_field: str, **aggregates) -> dict[int, dict]:
    return {
        row.pop("u"): row
        for row in qs.order_by().values(u=F(unit_field)).annotate(**aggregates)
        if row["u"] is not None
    }


def _flag(q: Q) -> ExpressionWrapper:
    return ExpressionWrapper(q, output_field=BooleanField())


@dataclass
class UnitCounts:
    """What `_totals_by_unit` reads: the counts per unit, and the units' paths."""

    counts: dict[int | None, dict]  # None: members without a unit (added to the team by override)
    paths: dict[int | None, str]


def _totals_by_unit(
    team: QuerySet[Employee], *, year: int, today: dt.date, closed: list[Period]
) -> UnitCounts:
    """Counts per unit (the employees' own unit) of the team, in two grouped queries.

    Each member is joined to their open SKP of the year (at most one: a constraint), so its
    state is read in the same pass over the team; the other conditions are set memberships
    (`id IN (SELECT ...)`) that PostgreSQL builds once and hashes. The rows are also grouped by
    the two flags some totals depend on (under the SKP duty, PNS), so that each condition is
    written, and evaluated, once per member."""
    approved = Q(open_skp__status=SkpStatus.APPROVED)
    closed_only = Skp.objects.filter(year=year, is_closed=True).order_by().values("employee_id")
    aggregates = {
        "members": Count("pk"),
        "with_skp": Count("pk", filter=Q(open_skp__isnull=False) | Q(pk__in=closed_only)),
        "skp_approved": Count("pk", filter=approved),
        "evaluations_waiting": Count(
            "pk", filter=Q(open_skp__id__in=_waiting_for_rating().order_by().values("skp_id"))
        ),
        "jp_met": Count("pk", filter=Q(status__in=PNS_STATUSES, pk__in=_jp_met(year))),
    }
    if closed:
        aggregates["period_late"] = Count("pk", filter=approved & _missed_q(closed, "open_skp__"))
    rows = (
        team.order_by()
        .alias(
            open_skp=FilteredRelation("skps", condition=Q(skps__year=year, skps__is_closed=False))
        )
        .values(
            u=F("unit_id"),
            path=F("unit__path"),
            due=_flag(Q(skp_exemption="")),
            pns=_flag(Q(status__in=PNS_STATUSES)),
        )
        .annotate(**aggregates)
    )
    follow_ups = _grouped(
        FollowUp.objects.filter(status=FollowUpStatus.OPEN, owner__in=team.order_by().values("pk")),
        "owner__unit_id",
        open_follow_ups=Count("pk"),
        overdue_follow_ups=Count("pk", filter=Q(due_date__lt=today)),
    )
    late_applies = today > skp_deadline(year)
    result: dict[int | None, dict] = {}
    paths: dict[int | None, str] = {}
    for row in rows:
        unit_id = row["u"]
        paths[unit_id] = row["path"] or ""
        counts = result.get(unit_id)
        if counts is None:
            f = follow_ups.get(unit_id, {})
            counts = result[unit_id] = {
                "members": 0,
                "skp_approved": 0,
                "skp_missing": 0,
                "late": 0,
                "period_late": 0,
                "evaluations_waiting": 0,
                "jp_below_target": 0,
                "open_follow_ups": f.get("open_follow_ups", 0),
                "overdue_follow_ups": f.get("overdue_follow_ups", 0),
            }
        counts["members"] += row["members"]
        counts["skp_approved"] += row["skp_approved"]
        counts["skp_missing"] += row["members"] - row["with_skp"]
        if row["due"] and late_applies:
            counts["late"] += row["members"] - row["skp_approved"]
        counts["period_late"] += row.get("period_late", 0)
        counts["evaluations_waiting"] += row["evaluations_waiting"]
        if row["pns"]:
            counts["jp_below_target"] += row["members"] - row["jp_met"]
    return UnitCounts(counts=result, paths=paths)


def _sub_unit_rows(
    totals: UnitCounts, roots: list[OrgUnit]
) -> tuple[list[SubUnitTotal], SubUnitTotal | None]:
    """Roll the per-unit counts up to the direct sub-units of each root (one query for the
    sub-units); a root's own members get a row of their own."""
    if not roots or not totals.counts:
        return [], None
    children = {
        path: UnitRef(pk=pk, name=name, short_name=short_name, path=path)
        for pk, name, short_name, path in OrgUnit.objects.filter(parent__in=roots)
        .order_by("path")
        .values_list("pk", "name", "short_name", "path")
    }
    rows: dict[tuple[int, bool], SubUnitTotal] = {}
    grand = SubUnitTotal(unit=roots[0])
    for unit_id, counts in totals.counts.items():
        path = totals.paths[unit_id]
        root = next((r for r in roots if path.startswith(r.path)), None)
        if root is None:
            continue  # a member reached by override, outside the headed units
        grand.add(counts)
        if unit_id == root.pk:
            row = rows.setdefault((root.pk, True), SubUnitTotal(unit=root, direct=True))
        else:
            child = children.get(path[: len(root.path) + _segment(root.path)])
            if child is None:
                continue
            row = rows.setdefault((child.pk, False), SubUnitTotal(unit=child))
        row.add(counts)
    ordered = sorted(rows.values(), key=lambda t: (-t.attention, t.unit.path, not t.direct))
    return ordered, grand


def _segment(path: str) -> int:
    """Length of one level of a materialised path ("0000001/")."""
    first = path.split("/", 1)[0]
    return len(first) + 1


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


# --- Directions ------------------------------------------------------------------------------


def pending_directions(user) -> QuerySet[DirectionAck]:
    """Directions the user received and has not acknowledged yet, newest first."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return DirectionAck.objects.none()
    return (
        DirectionAck.objects.filter(employee_id=employee_id, acknowledged_at__isnull=True)
        .select_related("direction", "direction__author", "direction__rhk")
        .order_by("-direction__created_at", "-id")
    )


def directions_for(user) -> QuerySet[Direction]:
    """Visible directions with counts of recipients and acknowledgements."""
    return (
        Direction.objects.visible_to(user)
        .select_related("author", "recipient", "rhk")
        .annotate(
            recipients=Count("acks"),
            acknowledged=Count("acks", filter=Q(acks__acknowledged_at__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )


def recent_directions(user, *, limit: int = 10) -> list[Direction]:
    """The last directions the user gave, with counts of recipients and acknowledgements (a
    count per direction listed, not a join of every acknowledgement of the team grouped)."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return []
    acks = DirectionAck.objects.filter(direction=OuterRef("pk")).order_by().values("direction")
    return list(
        Direction.objects.filter(author_id=employee_id)
        .select_related("recipient")
        .only(
            "pk",
            "text",
            "created_at",
            "recipient__name",
            "recipient__front_title",
            "recipient__back_title",
        )
        .annotate(
            recipients=_count_of(acks),
            acknowledged=_count_of(acks.filter(acknowledged_at__isnull=False)),
        )
        .order_by("-created_at", "-id")[:limit]
    )


def _count_of(grouped: QuerySet) -> Coalesce:
    """A correlated count of `grouped` (a queryset grouped by the outer row's key)."""
    return Coalesce(
        Subquery(grouped.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
        Value(0),
        output_field=IntegerField(),
    )


def received_directions(user) -> QuerySet[DirectionAck]:
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return DirectionAck.objects.none()
    return (
        DirectionAck.objects.filter(employee_id=employee_id)
        .select_related("direction", "direction__author", "direction__rhk")
        .order_by("-direction__created_at", "-id")
    )


# --- Field visits and follow-ups ---------------------------------------------------------------


def field_visits(user) -> QuerySet[FieldVisit]:
    return (
        FieldVisit.objects.visible_to(user)
        .select_related("leader", "kecamatan")
        .annotate(
            photo_count=Count("photos", distinct=True),
            open_follow_ups=Count(
                "follow_ups", filter=Q(follow_ups__status=FollowUpStatus.OPEN), distinct=True
            ),
        )
        .order_by("-date", "-id")
    )


def field_visit_detail(user, pk: int) -> FieldVisit:
    """One visible visit with everything its page shows; raises FieldVisit.DoesNotExist."""
    return (
        FieldVisit.objects.visible_to(user)
        .select_related("leader", "kecamatan")
        .prefetch_related("photos", "employees", "rhks", "follow_ups__owner")
        .get(pk=pk)
    )


def my_follow_ups(user) -> QuerySet[FollowUp]:
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(owner_id=employee_id)
        .select_related("visit", "visit__leader")
        .order_by("status", "due_date", "id")
    )


def my_open_follow_ups(user) -> QuerySet[FollowUp]:
    """The user's open follow-ups, earliest due date first (those without one last)."""
    return (
        my_follow_ups(user)
        .filter(status=FollowUpStatus.OPEN)
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def overdue_follow_ups_for_leader(user, *, today: dt.date) -> QuerySet[FollowUp]:
    """Open follow-ups past their due date, owned by the leader's team or from their visits."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(
            Q(owner__in=team_members(user).values("pk")) | Q(visit__leader_id=employee_id),
            status=FollowUpStatus.OPEN,
            due_date__lt=today,
        )
        .select_related("owner", "visit")
        .order_by("due_date", "id")
    )


def kecamatan_options() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(kind="kecamatan", is_active=True).order_by("name")


def rhk_options(user, *, year: int | None = None) -> QuerySet:
    """RHKs of this year's open SKPs of the leader and their team that the leader may see."""
    from kinerja.planning.models import Rhk

    year = year or clock.today().year
    employee_id = getattr(user, "employee_id", None)
    owners = Q(skp__employee__in=team_members(user).values("pk"))
    if employee_id:
        owners |= Q(skp__employee_id=employee_id)
    return (
        Rhk.objects.filter(owners, skp__year=year, skp__is_closed=False)
        .filter(skp__in=Skp.objects.visible_to(user).values("pk"))
        .select_related("skp")
        .order_by("skp__employee_name", "-group", "order", "id")
    )


# --- Choices of the direction form -------------------------------------------------------------

CHOICE_LIMIT = 60
SEARCH_LIMIT = 20


@dataclass
class DirectionChoices:
    """What the direction form lists: everyone and every team RHK for a small team; for a large
    one the leader's own RHKs, and the rest found by search."""

    members: list[Employee]
    rhks: list
    search: bool


def direction_choices(user, *, team_size: int | None = None) -> DirectionChoices:
    """`team_size`, when the caller knows it, spares reading the names of a large team."""
    members = []
    if team_size is None or team_size <= CHOICE_LIMIT:
        members = list(
            team_members(user)
            .select_related(None)
            .only("pk", "name", "front_title", "back_title", "nip")[: CHOICE_LIMIT + 1]
        )
    if len(members) <= CHOICE_LIMIT and (team_size is None or team_size <= CHOICE_LIMIT):
        return DirectionChoices(members=members, rhks=list(rhk_options(user)), search=False)
    from kinerja.planning.models import Rhk

    own = (
        Rhk.objects.filter(
            skp__employee_id=getattr(user, "employee_id", None),
            skp__year=clock.today().year,
            skp__is_closed=False,
        )
        .select_related("skp")
        .order_by("-group", "order", "id")
    )
    return DirectionChoices(members=[], rhks=list(own), search=True)


def field_visit_choices(user) -> DirectionChoices:
    """What the field-visit form lists: everyone and every team RHK for a small team; for a
    large one the members of the units the user heads directly (capped) and the user's own
    RHKs, the rest found by search."""
    choices = direction_choices(user)
    if not choices.search:
        return choices
    nearby = list(
        team_members(user)
        .filter(unit_id__in=access_for(user).headed_unit_ids)
        .select_related(None)
        .only("pk", "name", "front_title", "back_title", "nip")[:CHOICE_LIMIT]
    )
    return DirectionChoices(members=nearby, rhks=choices.rhks, search=True)


def search_team(user, query: str) -> list[Employee]:
    """Team members whose name or NIP matches, for the direction form's search."""
    return list(
        team_members(user)
        .filter(Q(name__icontains=query) | Q(nip__startswith=query))
        .select_related(None)
        .only("pk", "name", "front_title", "back_title", "nip")[:SEARCH_LIMIT]
    )


def search_rhks(user, query: str) -> list:
    """RHKs of the leader and their team whose text or owner's name matches."""
    return list(
        rhk_options(user).filter(Q(text__icontains=query) | Q(skp__employee_name__icontains=query))[
            :SEARCH_LIMIT
        ]
    )
