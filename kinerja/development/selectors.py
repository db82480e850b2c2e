"""Reads of competency development: ledgers, progress, team and agency attainment, analyses.

Every list is scoped through `visible_to(user)` and computed with a constant number of queries
(JP totals are a correlated SUM subquery, never a query per employee).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import (
    DecimalField,
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

from .domain import ActivityForm, JpProgress, NeedSource, is_below_target, progress
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
    """The team's JP with names, below-target PNS first (PPPK never flagged)."""
    rows = [
        JpRow(e, e.jp_total, progress(e.status, e.jp_total))
        for e in with_jp_total(team_members(user), year)
    ]
    return sorted(rows, key=lambda r: (not r.progress.below_target, r.employee.name))


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


def needs_to_confirm(user, year: int) -> list[DevelopmentNeed]:
    """Proposed needs of the employees the user assesses (or administers)."""
    needs = list(
        DevelopmentNeed.objects.visible_to(user)
        .filter(year=year, status=NeedStatus.PROPOSED)
        .select_related("employee", "competency")
        .order_by("employee__name", "id")
    )
    if not needs:
        return []
    allowed = _mine_to_decide(user, sorted({n.employee_id for n in needs}))
    return [n for n in needs if n.employee_id in allowed]


def team_plans(user, year: int) -> list[DevelopmentPlan]:
    """The year's development plans of the employees the user assesses (or administers),
    with their items, for the assessor to review and agree."""
    plans = list(
        DevelopmentPlan.objects.visible_to(user)
        .filter(year=year)
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
    if not plans:
        return []
    allowed = _mine_to_decide(user, sorted({p.employee_id for p in plans}))
    return [p for p in plans if p.employee_id in allowed]


# --- Agency and regency ----------------------------------------------------------------------


@dataclass
class AgencyAttainment:
    agency_id: int | None
    name: str
    pns_count: int = 0
    pns_met: int = 0
    pppk_count: int = 0
    pppk_total: Decimal = ZERO
    below: list[tuple[str, str, Decimal]] = field(default_factory=list)

    @property
    def share(self) -> Decimal:
        if not self.pns_count:
            return Decimal(0)
        return (Decimal(self.pns_met) / self.pns_count * 100).quantize(Decimal("0.1"))


def agency_attainment(user, year: int) -> list[AgencyAttainment]:
    """Per agency: PNS count, PNS with ≥ 20 JP, share, who is below by name; PPPK apart.

    One query whatever the number of employees: totals come from a correlated subquery.
    """
    rows = with_jp_total(
        Employee.objects.visible_to(user).filter(is_active=True), year
    ).values_list("name", "nip", "status", "unit__agency_id", "unit__agency__name", "jp_total")
    agencies: dict[int | None, AgencyAttainment] = {}
    for name, nip, status, agency_id, agency_name, total in rows.order_by("name", "nip"):
        total = Decimal(total or ZERO)
        agency = agencies.setdefault(
            agency_id, AgencyAttainment(agency_id, agency_name or "Tanpa perangkat daerah")
        )
        if status in ("pns", "cpns"):
            agency.pns_count += 1
            if is_below_target(status, total):
                agency.below.append((name, nip, total))
            else:
                agency.pns_met += 1
        else:
            agency.pppk_count += 1
            agency.pppk_total += total
    return sorted(agencies.values(), key=lambda a: a.name)


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


def attainment_chart_svg(rows: list[AgencyAttainment]) -> str:
    """Server-side SVG bar chart of the share of PNS meeting 20 JP per agency."""
    pygal = _pygal()

    chart = pygal.Bar(
        js=[],
        height=360,
        show_legend=False,
        range=(0, 100),
        x_label_rotation=30,
        title="PNS yang memenuhi 20 JP (%)",
    )
    chart.x_labels = [r.name for r in rows]
    chart.add("Memenuhi (%)", [float(r.share) for r in rows])
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
    from django.db.models import Count

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
    from django.db.models import Count

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
    pygal = _pygal()

    chart = pygal.HorizontalBar(
        js=[], height=360, show_legend=False, title="Kebutuhan per kompetensi"
    )
    top = analysis.competencies[:15]
    chart.x_labels = top
    chart.add("Kebutuhan", [analysis.totals[c] for c in top])
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
    from django.db.models import Count

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
