"""Totals per unit of a team, and the conditions of the workspace filters.

The counts are two grouped queries whose conditions are hashed set memberships
(`id IN (SELECT ...)`), rolled up in Python by `_sub_unit_rows` to the direct sub-units of a
root. `_flag_q` gives each filter as a condition on employees built from the same parts
(`_missed_q`, `_jp_met`, `_waiting_for_rating`), so a filtered list agrees with its total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
)

from kinerja.development.domain.duty import PNS_MINIMUM_JP, AsnStatus
from kinerja.development.models import JpEntry
from kinerja.evaluation.models import Period, PeriodSubmission
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp

from ..cycle import DRAFT, SUBMITTED, periodic_periods
from ..domain import skp_deadline
from ..models import FollowUp, FollowUpStatus

PNS_STATUSES = (AsnStatus.PNS.value, AsnStatus.CPNS.value)


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
