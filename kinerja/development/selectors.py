"""Reads of competency development: ledgers, progress, team and agency attainment, analyses.

Every list is scoped through `visible_to(user)` and computed with a constant number of queries
(JP totals are a correlated SUM subquery, never a query per employee).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee
from kinerja.organisations.selectors import current_assessor_map

from .domain import (
    MINIMUM_DUTY_STATUSES,
    PNS_MINIMUM_JP,
    ActivityForm,
    JpProgress,
    NeedSource,
    progress,
)
from .models import (
    SEAT_STATUSES,
    Activity,
    Competency,
    DevelopmentNeed,
    DevelopmentPlan,
    EventStatus,
    ExternalActivityReport,
    JpEntry,
    NeedStatus,
    PlanItem,
    Registration,
    RegistrationStatus,
    ReportStatus,
    TrainingEvent,
)

ZERO = Decimal("0.00")
_JP_FIELD = DecimalField(max_digits=8, decimal_places=2)


def jp_total(*, employee: Employee, year: int) -> Decimal:
    """The employee's JP for the year (sum of the ledger)."""
    total = JpEntry.objects.filter(employee=employee, year=year).aggregate(t=Sum("jp"))["t"]
    return Decimal(total or ZERO)


def jp_ledger(*, employee: Employee, year: int) -> QuerySet[JpEntry]:
    return JpEntry.objects.filter(employee=employee, year=year).select_related(
        "registration__event", "report"
    )


def with_jp_total(qs: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    """Annotate `jp_total` on employees with one correlated subquery."""
    totals = (
        JpEntry.objects.filter(employee=OuterRef("pk"), year=year)
        .order_by()
        .values("employee")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    return qs.annotate(
        jp_total=Coalesce(
            Subquery(totals, output_field=_JP_FIELD), Value(ZERO), output_field=_JP_FIELD
        )
    )


def employee_progress(employee: Employee, total: Decimal) -> JpProgress:
    return progress(employee.status, total)


@dataclass
class MyDevelopment:
    """Everything on "Pengembangan Saya" for one year."""

    employee: Employee
    year: int
    total: Decimal
    progress: JpProgress
    ledger: list[JpEntry]
    needs: list[DevelopmentNeed]
    plan: DevelopmentPlan | None
    plan_items: list[PlanItem]
    registrations: list[Registration]
    reports: list[ExternalActivityReport]
    open_events: list[TrainingEvent]
    registered_event_ids: set[int] = field(default_factory=set)
    invited_event_ids: set[int] = field(default_factory=set)


def open_events(*, today: dt.date | None = None) -> QuerySet[TrainingEvent]:
    """Events open for registration that have not ended (the whole regency may see them)."""
    today = today or clock.today()
    return (
        TrainingEvent.objects.filter(status=EventStatus.OPEN, end_date__gte=today)
        .select_related("activity", "organiser_unit", "target_competency")
        .order_by("start_date", "title")
    )


def my_development(*, employee: Employee, year: int) -> MyDevelopment:
    ledger = list(jp_ledger(employee=employee, year=year))
    total = sum((e.jp for e in ledger), ZERO)
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    items = (
        list(plan.items.select_related("need", "activity", "event").order_by("quarter", "id"))
        if plan
        else []
    )
    registrations = list(
        Registration.objects.filter(employee=employee)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__activity")
        .order_by("-event__start_date")
    )
    return MyDevelopment(
        employee=employee,
        year=year,
        total=total,
        progress=progress(employee.status, total),
        ledger=ledger,
        needs=list(
            DevelopmentNeed.objects.filter(employee=employee, year=year)
            .select_related("competency")
            .order_by("status", "id")
        ),
        plan=plan,
        plan_items=items,
        registrations=registrations,
        reports=list(
            ExternalActivityReport.objects.filter(employee=employee).select_related("verified_by")
        ),
        open_events=list(open_events()),
        registered_event_ids={
            r.event_id for r in registrations if r.status != RegistrationStatus.INVITED
        },
        invited_event_ids={
            r.event_id for r in registrations if r.status == RegistrationStatus.INVITED
        },
    )


# --- Team ----------------------------------------------------------------------------------


def team_members(user) -> QuerySet[Employee]:
    """The subtree of the units the user heads plus override assessees (not the user)."""
    access = access_for(user)
    parts = [Q(unit__path__startswith=p) for p in access.headed_unit_paths]
    if access.override_assessee_ids:
        parts.append(Q(pk__in=sorted(access.override_assessee_ids)))
    if not parts:
        return Employee.objects.none()
    return (
        Employee.objects.filter(reduce(or_, parts), is_active=True)
        .exclude(pk=access.employee_id)
        .select_related("unit", "position")
        .order_by("name", "nip")
    )


@dataclass(frozen=True)
class JpRow:
    employee: Employee
    total: Decimal
    progress: JpProgress


def team_jp(user, year: int) -> list[JpRow]:
    """The whole team's JP with names (those the user assesses), below-target PNS first (PPPK
    never flagged). The team page pages `team.team(...)` instead."""
    from .team import team

    return [JpRow(e, e.jp_total, progress(e.status, e.jp_total)) for e in team(user, year)]


def jp_rows(employees) -> list[JpRow]:
    """Rows of a page of employees annotated with `jp_total`."""
    return [JpRow(e, e.jp_total, progress(e.status, e.jp_total)) for e in employees]


@dataclass(frozen=True)
class TeamSummary:
    members: int
    below_target: int


def team_summary(user, year: int) -> TeamSummary:
    """How many the user assesses and how many PNS among them are below 20 JP (one query)."""
    from .team import below_target_q, members

    totals = with_jp_total(members(user), year).aggregate(
        n=Count("pk"), below=Count("pk", filter=below_target_q())
    )
    return TeamSummary(members=totals["n"] or 0, below_target=totals["below"] or 0)


def _mine_to_decide(user, employee_ids: list[int]) -> set[int]:
    """Of these employees, those whose assessor is the user, or who are in the user's admin scope."""
    access = access_for(user)
    assessors = current_assessor_map(employee_ids)
    mine = {e for e, a in assessors.items() if a is not None and a == access.employee_id}
    if access.manages_all:
        mine |= set(employee_ids)
    elif access.admin_unit_paths:
        mine |= set(
            Employee.objects.filter(
                reduce(or_, (Q(unit__path__startswith=p) for p in access.admin_unit_paths)),
                pk__in=employee_ids,
            ).values_list("pk", flat=True)
        )
    mine.discard(access.employee_id)
    return mine


def reports_to_verify(user) -> list[ExternalActivityReport]:
    """Submitted reports the user may decide (own reports excluded)."""
    reports = list(
        ExternalActivityReport.objects.visible_to(user)
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("employee", "employee__unit")
        .order_by("created_at")
    )
    if not reports:
        return []
    allowed = _mine_to_decide(user, sorted({r.employee_id for r in reports}))
    return [r for r in reports if r.employee_id in allowed]


def needs_to_confirm(user, year: int, *, query: str = "") -> QuerySet[DevelopmentNeed]:
    """Proposed needs of the employees the user assesses (or administers), by employee name;
    filtered by the employee's name or NIP. Paged by the caller."""
    from .team import decidable

    qs = (
        DevelopmentNeed.objects.visible_to(user)
        .filter(decidable(user), year=year, status=NeedStatus.PROPOSED)
        .select_related("employee", "competency")
        .order_by("employee__name", "id")
    )
    return _search(qs, query, "employee__")


def team_plans(user, year: int, *, query: str = "") -> QuerySet[DevelopmentPlan]:
    """The year's development plans of the employees the user assesses (or administers), with
    their items, for the assessor to review and agree. Paged by the caller."""
    from .team import decidable

    qs = (
        DevelopmentPlan.objects.visible_to(user)
        .filter(decidable(user), year=year)
        .select_related("employee")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=PlanItem.objects.select_related("activity", "event", "need").order_by(
                    "quarter", "id"
                ),
            )
        )
        .order_by("employee__name", "id")
    )
    return _search(qs, query, "employee__")


# --- Agency and regency ----------------------------------------------------------------------


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


def _search(qs: QuerySet, query: str, prefix: str = "") -> QuerySet:
    """Name words (all must appear) or, for digits, a NIP prefix."""
    query = (query or "").strip()
    if not query:
        return qs
    digits = query.replace(" ", "")
    if digits.isdigit():
        return qs.filter(**{f"{prefix}nip__startswith": digits})
    for word in query.split()[:5]:
        qs = qs.filter(**{f"{prefix}name__icontains": word})
    return qs


def _pygal():
    """Import pygal without its legacy import hook.

    pygal appends a `sys.meta_path` finder for map plugins that has no `find_spec`; every later
    import scan (Django's template-tag discovery) then raises ImportWarning, an error under our
    warning policy. No map plugin is used, so the finder is removed.
    """
    import sys

    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


CHART_CACHE_SECONDS = 60 * 60


def _cached_svg(kind: str, data: object, draw: Callable[[], str]) -> str:
    """Drawing a pygal chart costs more than the page's queries; the same data gives the same
    SVG, so it is cached under a hash of exactly what the chart shows (no invalidation needed:
    changed data is a different key)."""
    digest = hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()
    key = f"development:chart:{kind}:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, CHART_CACHE_SECONDS)
    return svg


def attainment_chart_svg(rows: list[AgencyAttainment]) -> str:
    """Server-side SVG bar chart of the share of PNS meeting 20 JP per agency."""
    data = [(r.name, float(r.share)) for r in rows]
    return _cached_svg("attainment", data, lambda: _draw_attainment(data))


def _draw_attainment(data: list[tuple[str, float]]) -> str:
    pygal = _pygal()

    chart = pygal.Bar(
        js=[],
        height=360,
        show_legend=False,
        range=(0, 100),
        x_label_rotation=30,
        title="PNS yang memenuhi 20 JP (%)",
    )
    chart.x_labels = [name for name, _share in data]
    chart.add("Memenuhi (%)", [share for _name, share in data])
    return chart.render(is_unicode=True)


@dataclass
class NeedsAnalysis:
    agencies: list[str]
    competencies: list[str]
    counts: dict[tuple[str, str], int]
    totals: dict[str, int]

    def row(self, competency: str) -> list[int]:
        return [self.counts.get((competency, a), 0) for a in self.agencies]


def needs_analysis(user, year: int) -> NeedsAnalysis:
    """Regency training-needs analysis: open needs by competency × agency (one query)."""

    rows = (
        DevelopmentNeed.objects.visible_to(user)
        .filter(year=year)
        .exclude(status=NeedStatus.CLOSED)
        .values("competency__name", "source", "employee__unit__agency__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    agencies: set[str] = set()
    for row in rows:
        competency = row["competency__name"] or _SOURCE_AS_TOPIC.get(row["source"], "Lainnya")
        agency = row["employee__unit__agency__name"] or "Tanpa perangkat daerah"
        counts[(competency, agency)] += row["n"]
        totals[competency] += row["n"]
        agencies.add(agency)
    competencies = sorted(totals, key=lambda c: (-totals[c], c))
    return NeedsAnalysis(sorted(agencies), competencies, dict(counts), dict(totals))


@dataclass
class PlannedActivity:
    """One activity across the plans in scope: who plans it, when, and in which agencies."""

    name: str
    form: str
    agreed: int = 0
    draft: int = 0
    by_quarter: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 5), 0))
    by_agency: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.agreed + self.draft

    @property
    def quarters(self) -> list[int]:
        return [self.by_quarter[q] for q in range(1, 5)]

    @property
    def agencies(self) -> list[tuple[str, int]]:
        return sorted(self.by_agency.items(), key=lambda a: (-a[1], a[0]))


@dataclass
class AgencyPlans:
    name: str
    agreed: int = 0
    draft: int = 0


@dataclass
class PlanConsolidation:
    activities: list[PlannedActivity]
    agencies: list[AgencyPlans]


def plan_consolidation(user, year: int) -> PlanConsolidation:
    """The year's individual plans consolidated per activity, quarter and agency (two queries),
    for BKPSDM (the regency) or an agency admin (their agency) to plan and budget trainings."""

    plans = DevelopmentPlan.objects.visible_to(user).filter(year=year)
    rows = (
        PlanItem.objects.filter(plan__in=plans)
        .values(
            "activity__name",
            "activity__form",
            "event__title",
            "event__activity__form",
            "quarter",
            "plan__status",
            "plan__employee__unit__agency__name",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    activities: dict[tuple[str, str], PlannedActivity] = {}
    for row in rows:
        name = row["event__title"] or row["activity__name"] or "-"
        form = row["event__activity__form"] or row["activity__form"] or ""
        label = ActivityForm(form).label if form in ActivityForm._value2member_map_ else ""
        entry = activities.setdefault((name, label), PlannedActivity(name, label))
        if row["plan__status"] == "agreed":
            entry.agreed += row["n"]
        else:
            entry.draft += row["n"]
        entry.by_quarter[row["quarter"]] += row["n"]
        agency = row["plan__employee__unit__agency__name"] or "Tanpa perangkat daerah"
        entry.by_agency[agency] = entry.by_agency.get(agency, 0) + row["n"]
    agencies: dict[str, AgencyPlans] = {}
    for row in (
        plans.values("employee__unit__agency__name", "status").annotate(n=Count("id")).order_by()
    ):
        name = row["employee__unit__agency__name"] or "Tanpa perangkat daerah"
        entry = agencies.setdefault(name, AgencyPlans(name))
        if row["status"] == "agreed":
            entry.agreed += row["n"]
        else:
            entry.draft += row["n"]
    return PlanConsolidation(
        activities=sorted(activities.values(), key=lambda a: (-a.total, a.name)),
        agencies=sorted(agencies.values(), key=lambda a: a.name),
    )


_SOURCE_AS_TOPIC = {
    "performance_predicate": "Rencana perbaikan kinerja",
    "behaviour": "Perilaku kerja (BerAKHLAK)",
    "rhk_below_target": "Capaian RHK",
}


def needs_chart_svg(analysis: NeedsAnalysis) -> str:
    """The 15 competencies most needed (cached on exactly those figures)."""
    data = [(c, analysis.totals[c]) for c in analysis.competencies[:15]]
    return _cached_svg("needs", data, lambda: _draw_needs(data))


def _draw_needs(data: list[tuple[str, int]]) -> str:
    pygal = _pygal()

    chart = pygal.HorizontalBar(
        js=[], height=360, show_legend=False, title="Kebutuhan per kompetensi"
    )
    chart.x_labels = [name for name, _n in data]
    chart.add("Kebutuhan", [n for _name, n in data])
    return chart.render(is_unicode=True)


@dataclass(frozen=True)
class Recommendation:
    events: list[TrainingEvent]
    activities: list[Activity]


# A performance gap with no competency attached is worked on with the assessor's guidance.
GUIDANCE_FORMS = (
    ActivityForm.COACHING.value,
    ActivityForm.MENTORING.value,
    ActivityForm.BIMBINGAN_DI_TEMPAT_KERJA.value,
)
PERFORMANCE_SOURCES = frozenset(
    {
        NeedSource.PERFORMANCE_PREDICATE.value,
        NeedSource.BEHAVIOUR.value,
        NeedSource.RHK_BELOW_TARGET.value,
    }
)


def recommendations(need: DevelopmentNeed, *, today: dt.date | None = None) -> Recommendation:
    """Upcoming open events and catalogue activities for a need.

    A need tied to a competency gets what builds that competency; a performance gap without one
    (the predicate, BerAKHLAK, an RHK) gets coaching, mentoring and on-the-job guidance.
    """
    if need.competency_id is not None:
        match_event = Q(target_competency_id=need.competency_id) | Q(
            activity__competencies=need.competency_id
        )
        match_activity = Q(competencies=need.competency_id)
    elif need.source in PERFORMANCE_SOURCES:
        match_event = Q(activity__form__in=GUIDANCE_FORMS)
        match_activity = Q(form__in=GUIDANCE_FORMS)
    else:
        return Recommendation([], [])
    events = list(open_events(today=today).filter(match_event).distinct()[:5])
    activities = list(
        Activity.objects.filter(match_activity, is_active=True).distinct().order_by("name")[:5]
    )
    return Recommendation(events, activities)


@dataclass(frozen=True)
class ProposedItem:
    """A line the improvement plan proposes: the performance need, an activity, a quarter."""

    need: DevelopmentNeed
    activity: Activity | None
    quarter: int


def proposal_quarter(year: int, *, today: dt.date | None = None) -> int:
    """Improvement starts now: the current quarter of this year, Q1 of a later year."""
    today = today or clock.today()
    if year > today.year:
        return 1
    if year < today.year:
        return 4
    return (today.month - 1) // 3 + 1


def improvement_plan_proposal(
    needs: list[DevelopmentNeed],
    plan_items: list[PlanItem],
    *,
    year: int,
    today: dt.date | None = None,
) -> list[ProposedItem] | None:
    """The improvement plan proposed to an employee rated Butuh Perbaikan or below.

    None when no open predicate need exists. Otherwise one line per open performance need not
    already in the plan, with the first recommended activity (None when the catalogue has no
    fitting activity yet).
    """
    open_needs = [n for n in needs if n.status != NeedStatus.CLOSED]
    if not any(n.source == NeedSource.PERFORMANCE_PREDICATE for n in open_needs):
        return None
    planned = {item.need_id for item in plan_items if item.need_id}
    quarter = proposal_quarter(year, today=today)
    proposal = []
    for need in open_needs:
        if need.source not in PERFORMANCE_SOURCES or need.pk in planned:
            continue
        recommended = getattr(need, "recommended", None) or recommendations(need, today=today)
        activity = recommended.activities[0] if recommended.activities else None
        proposal.append(ProposedItem(need, activity, quarter))
    return proposal


def catalogue() -> QuerySet[Activity]:
    return Activity.objects.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("name"))
    ).order_by("name")


def manageable_events(user) -> QuerySet[TrainingEvent]:
    """Events the user organises: all for BKPSDM, their agency's for an OPD admin."""
    access = access_for(user)
    qs = TrainingEvent.objects.select_related("activity", "organiser_unit").order_by(
        "-start_date", "title"
    )
    if access.manages_all:
        return qs
    if not access.admin_unit_paths:
        return qs.none()
    return qs.filter(
        reduce(or_, (Q(organiser_unit__path__startswith=p) for p in access.admin_unit_paths))
    )


@dataclass(frozen=True)
class EventSeats:
    taken: int
    waiting: int
    invited: int
    rating: Decimal | None = None


def event_seats(event: TrainingEvent) -> EventSeats:
    """Seats taken against the quota, the waiting list, open invitations, mean feedback."""

    counts = dict(
        event.registrations.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    from django.db.models import Avg

    rating = event.registrations.aggregate(r=Avg("feedback_rating"))["r"]
    return EventSeats(
        taken=sum(counts.get(s, 0) for s in SEAT_STATUSES),
        waiting=counts.get(RegistrationStatus.WAITLISTED, 0),
        invited=counts.get(RegistrationStatus.INVITED, 0),
        rating=Decimal(str(rating)) if rating is not None else None,
    )


def target_participants(user, event: TrainingEvent) -> QuerySet[Employee]:
    """Active employees the event targets (by position, unit subtree, or an open need on its
    competency) whom the user sees and who have no place in it yet. Empty without targets."""
    parts = []
    position_ids = [p.pk for p in event.target_positions.all()]
    if position_ids:
        parts.append(Q(position_id__in=position_ids))
    unit_paths = [u.path for u in event.target_units.all()]
    parts += [Q(unit__path__startswith=path) for path in unit_paths]
    if event.target_competency_id:
        parts.append(
            Q(
                pk__in=DevelopmentNeed.objects.filter(
                    competency_id=event.target_competency_id, year=event.start_date.year
                )
                .exclude(status=NeedStatus.CLOSED)
                .values("employee_id")
            )
        )
    if not parts:
        return Employee.objects.none()
    return (
        Employee.objects.visible_to(user)
        .filter(reduce(or_, parts), is_active=True)
        .exclude(pk__in=event.registrations.values("employee_id"))
        .select_related("unit")
        .order_by("name", "nip")
    )


def event_registrations(event: TrainingEvent) -> QuerySet[Registration]:
    return event.registrations.select_related("employee", "employee__unit").order_by(
        "registered_at", "id"
    )


def jp_export_rows(user, year: int) -> QuerySet[Employee]:
    """Visible employees with their JP total for the year (for the Excel export)."""
    return (
        with_jp_total(Employee.objects.visible_to(user).filter(is_active=True), year)
        .select_related("unit", "unit__agency", "position")
        .order_by("unit__path", "name")
    )
