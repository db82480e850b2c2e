"""Reads: adoption figures per agency and for the regency, the names behind them, read rates.

Every figure is an aggregate grouped by agency, so the number of queries does not depend on the
number of employees (five queries for any number of agencies). The names behind a figure
(drill-down) use the same conditions, so a list always has as many rows as its count says.

Definitions (also on the page, in plain Indonesian):
- employees: active employees whose unit belongs to the agency;
- never logged in: without an active account, or with an account that never signed in;
- without SKP: not exempt from SKP and no SKP of the year in any status;
- not filled the current period: has an approved SKP of the year covering the current period
  and has not submitted that period (no submission, or still a draft);
- assessors with evaluations waiting: distinct pejabat penilai (counted in their own agency)
  with at least one period submission of the year submitted and not yet evaluated;
- announcement read rate: of the notifications "announcement" delivered in the year to the
  agency's employees, the share whose announcement the recipient has opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from kinerja.communication.models import Announcement, AnnouncementRead, Notification
from kinerja.core import clock
from kinerja.evaluation.models import Period, PeriodSubmission, SubmissionStatus
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp

from .models import AdoptionSnapshot

ANNOUNCEMENT_KIND = "announcement"
ANNOUNCEMENT_KEY_PREFIX = "announcement:"
REGENCY_LABEL = "Kabupaten Aceh Barat Daya"
# Announcement pk → agency id (None: outside any agency) → (delivered, read).
ReadCounts = dict[int, dict[int | None, tuple[int, int]]]
NOT_ALLOWED = (
    "Angka adopsi hanya untuk BKPSDM, pimpinan daerah, auditor, admin OPD dan kepala "
    "perangkat daerah."
)


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


def _rate(read: int, total: int) -> float | None:
    return read / total if total else None


def current_period(year: int, today: dt.date | None = None) -> Period | None:
    """The periodic period employees should be filling now.

    Windows overlap (Triwulan I may still be open in early April while Triwulan II has begun):
    the open window that closes first is the one due; with none open, the latest window that
    has opened (for a past year, its last period)."""
    today = today or clock.today()
    periods = Period.objects.filter(year=year).periodic()
    open_now = periods.filter(entry_opens__lte=today, entry_closes__gte=today)
    return (
        open_now.order_by("entry_closes", "number").first()
        or periods.filter(entry_opens__lte=today).order_by("-entry_opens", "-number").first()
    )


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=tz),
        dt.datetime(year + 1, 1, 1, tzinfo=tz),
    )


# --- Conditions shared by the counts and the name lists ---------------------------------------


def _never_logged_in_q() -> Q:
    return Q(user__isnull=True) | Q(user__is_active=False) | Q(user__last_login__isnull=True)


# The conditions are set memberships (`pk IN (SELECT ...)`), not correlated EXISTS: PostgreSQL
# hashes each subquery once instead of probing it per employee, which keeps the regency-wide
# count cheap (and under the planner's JIT threshold).


def _with_skp_ids(year: int) -> QuerySet[Skp]:
    return Skp.objects.filter(year=year).order_by().values("employee_id")


def _without_skp_q(year: int) -> Q:
    return Q(skp_exemption="") & ~Q(pk__in=_with_skp_ids(year))


def _due_q(period: Period | None) -> Q:
    """Has an approved SKP of the period's year that covers the period."""
    if period is None:
        return Q(pk__in=[])
    return Q(
        pk__in=Skp.objects.filter(
            year=period.year,
            status=SkpStatus.APPROVED,
            period_start__lte=period.end,
            period_end__gte=period.start,
        )
        .order_by()
        .values("employee_id")
    )


def _filled_q(period: Period | None) -> Q:
    if period is None:
        return Q(pk__in=[])
    return Q(
        pk__in=PeriodSubmission.objects.filter(period=period)
        .exclude(status=SubmissionStatus.DRAFT)
        .order_by()
        .values("skp__employee_id")
    )


def _not_filled_q(period: Period | None) -> Q:
    return _due_q(period) & ~_filled_q(period)


def _waiting_submissions(year: int) -> QuerySet[PeriodSubmission]:
    return PeriodSubmission.objects.filter(
        status=SubmissionStatus.SUBMITTED, period__year=year, skp__assessor__isnull=False
    )


def _announcement_notifications(
    year: int, agency_ids: list[int] | None = None
) -> QuerySet[Notification]:
    """Announcement notifications of the year, each with `was_read`.

    A read mark matches a notification by "<user>:announcement:<pk>"; the marks' keys form one
    set that PostgreSQL hashes once (a correlated EXISTS per notification was costed per row,
    which also set off the planner's JIT compilation on every page view). With `agency_ids`, only
    the marks of people in those agencies are hashed (the notifications are filtered by the
    caller). Measured against an EXISTS semi-join on the notification's (recipient, dedupe_key)
    index and a correlated EXISTS on integer keys: neither was faster at 6,000 employees."""
    start, end = _year_bounds(year)
    marks = AnnouncementRead.objects.order_by()
    if agency_ids is not None:
        marks = marks.filter(user__employee__unit__agency_id__in=agency_ids)
    read_keys = marks.values(
        key=Concat(
            Cast("user_id", CharField()),
            Value(":" + ANNOUNCEMENT_KEY_PREFIX),
            Cast("announcement_id", CharField()),
            output_field=CharField(),
        )
    )
    return (
        Notification.objects.filter(
            kind=ANNOUNCEMENT_KIND,
            dedupe_key__startswith=ANNOUNCEMENT_KEY_PREFIX,
            created_at__gte=start,
            created_at__lt=end,
        )
        .annotate(
            read_key=Concat(
                Cast("recipient_id", CharField()),
                Value(":"),
                "dedupe_key",
                output_field=CharField(),
            )
        )
        .annotate(
            was_read=ExpressionWrapper(Q(read_key__in=read_keys), output_field=BooleanField())
        )
    )


# --- The figures -------------------------------------------------------------------------------


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


# --- Scope -------------------------------------------------------------------------------------


def can_view_adoption(user) -> bool:
    """Regency-wide readers, OPD admins and heads of an agency (a depth-1 unit)."""
    return bool(scoped_agency_ids(user)) or access_for(user).sees_all


def scoped_agency_ids(user) -> list[int] | None:
    """Agencies whose adoption the user may see: None = all (regency-wide roles), else a list
    (OPD admins: their agency; heads of a perangkat daerah: theirs). Empty list: none."""
    access = access_for(user)
    if not access.is_authenticated:
        return []
    if access.sees_all:
        return None
    paths = set(access.admin_unit_paths)
    if not paths and not access.headed_unit_ids:
        return []
    return list(
        OrgUnit.objects.filter(
            Q(path__in=sorted(paths)) | Q(pk__in=access.headed_unit_ids), depth=1
        )
        .order_by("name")
        .values_list("pk", flat=True)
    )


def visible_agencies(user) -> QuerySet[OrgUnit]:
    """The agencies the user may see figures of, ordered by name."""
    ids = scoped_agency_ids(user)
    qs = OrgUnit.objects.filter(depth=1, is_active=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("name", "pk")


def adoption_for(
    user, *, year: int, agency_id: int | None = None, today: dt.date | None = None
) -> dict[int, AdoptionFigures]:
    """The figures the user may see; `agency_id` narrows to one visible agency (else empty)."""
    ids = scoped_agency_ids(user)
    if agency_id is not None:
        if ids is not None and agency_id not in ids:
            return {}
        ids = [agency_id]
    if ids == []:
        return {}
    return agency_adoption(year=year, agency_ids=ids, today=today)


# --- Names behind the figures (drill-down) -----------------------------------------------------

PEOPLE_KINDS = {
    "never_logged_in": "Belum pernah masuk",
    "without_skp": "Belum memiliki SKP",
    "not_filled": "Belum mengisi periode berjalan",
    "assessors_waiting": "Pejabat penilai dengan penilaian menunggu",
}


def people_behind(
    *, kind: str, year: int, agency_ids: list[int] | None, today: dt.date | None = None
) -> QuerySet[Employee]:
    """The employees counted by one figure, with unit, agency, position and account loaded.

    For "assessors_waiting" each assessor carries `waiting` (submissions waiting on them).
    """
    if kind not in PEOPLE_KINDS:
        raise ValueError(f"Unknown adoption figure: {kind!r}")
    qs = Employee.objects.filter(is_active=True)
    if agency_ids is not None:
        qs = qs.filter(unit__agency_id__in=agency_ids)
    qs = qs.filter(unit__agency__depth=1, unit__agency__is_active=True)
    if kind == "never_logged_in":
        qs = qs.filter(_never_logged_in_q())
    elif kind == "without_skp":
        qs = qs.filter(_without_skp_q(year))
    elif kind == "not_filled":
        qs = qs.filter(_not_filled_q(current_period(year, today)))
    else:
        waiting = (
            _waiting_submissions(year)
            .filter(skp__assessor_id=OuterRef("pk"))
            .order_by()
            .values("skp__assessor_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        qs = qs.filter(Exists(_waiting_submissions(year).filter(skp__assessor_id=OuterRef("pk"))))
        qs = qs.annotate(waiting=Subquery(waiting, output_field=IntegerField()))
    return qs.select_related("unit", "unit__agency", "position", "user").order_by(
        "unit__agency__name", "name", "pk"
    )


# --- Announcement read rates ---------------------------------------------------------------------


@dataclass(frozen=True)
class AnnouncementRate:
    announcement_id: int
    title: str
    author_label: str
    publish_at: dt.datetime
    delivered: int
    read: int
    by_agency: dict[int | None, tuple[int, int]]

    @property
    def rate(self) -> float | None:
        return _rate(self.read, self.delivered)

    def agency_rate(self, agency_id: int) -> float | None:
        delivered, read = self.by_agency.get(agency_id, (0, 0))
        return _rate(read, delivered)


def read_counts(*, year: int, agency_ids: list[int] | None = None) -> ReadCounts:
    """Announcement pk → agency id → (notifications delivered, read), one grouped query.

    The heaviest count of the page (one row per recipient and announcement): the page counts
    it once and hands it to both `agency_adoption` and `announcement_rates`. With
    `agency_ids`, only recipients in those agencies count."""
    notes = _announcement_notifications(year, agency_ids)
    if agency_ids is not None:
        notes = notes.filter(recipient__employee__unit__agency_id__in=agency_ids)
    rows = (
        notes.values("dedupe_key", agency_id=F("recipient__employee__unit__agency_id"))
        .annotate(total=Count("pk"), read=Count("pk", filter=Q(was_read=True)))
        .order_by()
    )
    per: ReadCounts = {}
    for row in rows:
        try:
            pk = int(row["dedupe_key"].removeprefix(ANNOUNCEMENT_KEY_PREFIX))
        except ValueError:
            continue
        per.setdefault(pk, {})[row["agency_id"]] = (row["total"], row["read"])
    return per


def announcement_rates(
    *, year: int, agency_ids: list[int] | None = None, reads: ReadCounts | None = None
) -> list[AnnouncementRate]:
    """Read rate per announcement published in the year, overall and per agency (two queries,
    one with `reads` already counted).

    With `agency_ids`, only recipients in those agencies count (an agency admin sees their
    own people's reading, never another agency's)."""
    per = read_counts(year=year, agency_ids=agency_ids) if reads is None else reads
    if not per:
        return []
    announcements = Announcement.objects.filter(pk__in=list(per)).order_by("-publish_at", "-pk")
    result = []
    for a in announcements.only("pk", "title", "author_label", "publish_at"):
        by_agency = per[a.pk]
        result.append(
            AnnouncementRate(
                announcement_id=a.pk,
                title=a.title,
                author_label=a.author_label,
                publish_at=a.publish_at,
                delivered=sum(t for t, _ in by_agency.values()),
                read=sum(r for _, r in by_agency.values()),
                by_agency=by_agency,
            )
        )
    return result


# --- Trend over the weeks --------------------------------------------------------------------


@dataclass(frozen=True)
class WeekPoint:
    week_start: dt.date
    figures: AdoptionFigures
    is_live: bool = False


def weekly_trend(
    *,
    agency_ids: list[int] | None,
    current: AdoptionFigures,
    weeks: int = 12,
    today: dt.date | None = None,
) -> list[WeekPoint]:
    """The stored weekly snapshots of the last `weeks` weeks (summed over the agencies), then
    the current week computed live (`current`, the totals already on the page). One query."""
    today = today or clock.today()
    this_monday = today - dt.timedelta(days=today.weekday())
    since = this_monday - dt.timedelta(weeks=weeks)
    qs = AdoptionSnapshot.objects.filter(week_start__gte=since, week_start__lt=this_monday)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    counted = [
        "employees",
        "never_logged_in",
        "without_skp",
        "due_current_period",
        "not_filled_current_period",
        "assessors_with_evaluations_waiting",
        "evaluations_waiting",
        "announcements_delivered",
        "announcements_read",
    ]
    rows = (
        qs.values("week_start")
        .annotate(**{name: Sum(name) for name in counted})
        .order_by("week_start")
    )
    points = []
    for row in rows:
        values = {name: row[name] or 0 for name in counted}
        points.append(
            WeekPoint(
                week_start=row["week_start"],
                figures=AdoptionFigures(
                    agency_id=current.agency_id,
                    agency_name=current.agency_name,
                    announcement_read_rate=_rate(
                        values["announcements_read"], values["announcements_delivered"]
                    ),
                    **values,
                ),
            )
        )
    points.append(WeekPoint(week_start=this_monday, figures=current, is_live=True))
    return points
