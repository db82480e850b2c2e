"""The performance dashboard: per group of employees (agencies of the regency, or the units
directly under a unit), SKP completion, realisation progress, predicates against the curve,
appeals, JP attainment, adoption, and the trend over the year's periods.

Every figure is a database aggregate grouped by the employee's unit path cut at the level below
the scope (`Substr(path, 1, len(scope.path) + PATH_SEGMENT)`), so the number of queries does not
grow with employees, SKPs or units. Employees count where they work today (their current unit);
those exempt from an SKP (`skp_exemption`) and inactive ones are left out, as in planning's
monitoring.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Least, Substr

from kinerja.development.domain.duty import PNS_MINIMUM_JP, is_below_target
from kinerja.development.models import JpEntry
from kinerja.evaluation.domain import OrgPredicate, Predicate, Violation, check_distribution
from kinerja.evaluation.models import Appeal, Evaluation, OrgResult, Period, PeriodKind
from kinerja.evaluation.models.realisation import Realisation
from kinerja.organisations.models import PATH_SEGMENT, Employee, OrgUnit
from kinerja.planning.domain.orgplan import MONITORING_LABELS, MonitoringStatus, monitoring_status
from kinerja.planning.models import Indicator, Skp

PNS_STATUSES = ("pns", "cpns")
SKP_COLUMNS = tuple(MonitoringStatus)


def _pct(numerator: int | float | Decimal, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class Figures:
    """The figures of one group (or of the whole scope, for the total row)."""

    key: str
    name: str
    unit: OrgUnit | None = None
    headcount: int = 0
    skp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SKP_COLUMNS, 0))
    indicators: int = 0
    realised: int = 0
    achievement_sum: float = 0.0
    evaluated: int = 0
    predicates: dict[Predicate, int] = field(default_factory=lambda: dict.fromkeys(Predicate, 0))
    appeals: int = 0
    appeals_open: int = 0
    appeals_changed: int = 0
    pns: int = 0
    pns_met: int = 0
    pppk: int = 0
    org_result: OrgPredicate | None = None
    violations: list[Violation] = field(default_factory=list)
    adoption: object | None = None
    # Per period of the year (period id → count): this group's share of the trend.
    realised_by_period: dict[int, int] = field(default_factory=dict)
    evaluated_by_period: dict[int, int] = field(default_factory=dict)
    seen: bool = False  # some record of the group was counted (groups without any are not shown)

    @property
    def skp_total(self) -> int:
        return sum(n for status, n in self.skp.items() if status != MonitoringStatus.NONE)

    @property
    def approved(self) -> int:
        return self.skp[MonitoringStatus.APPROVED]

    @property
    def approved_pct(self) -> Decimal | None:
        return _pct(self.approved, self.headcount)

    @property
    def realised_pct(self) -> Decimal | None:
        return _pct(self.realised, self.indicators)

    @property
    def mean_achievement(self) -> Decimal | None:
        if not self.realised:
            return None
        return Decimal(self.achievement_sum / self.realised).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def evaluated_pct(self) -> Decimal | None:
        return _pct(self.evaluated, self.approved)

    @property
    def jp_pct(self) -> Decimal | None:
        return _pct(self.pns_met, self.pns)

    @property
    def predicate_total(self) -> int:
        return sum(self.predicates.values())

    @property
    def skp_rows(self) -> list[tuple[str, str, int]]:
        return [(s.value, MONITORING_LABELS[s], self.skp[s]) for s in SKP_COLUMNS]

    @property
    def predicate_rows(self) -> list[tuple[Predicate, int]]:
        return [(p, self.predicates[p]) for p in Predicate]


@dataclass
class TrendPoint:
    period: Period
    evaluated: int
    realised: int
    evaluated_pct: Decimal | None
    realised_pct: Decimal | None


@dataclass
class Dashboard:
    year: int
    scope: OrgUnit | None
    period: Period | None
    periods: list[Period]
    groups: list[Figures]
    total: Figures
    trend: list[TrendPoint]
    breadcrumbs: list[OrgUnit]

    @property
    def title(self) -> str:
        return self.scope.name if self.scope is not None else "Kabupaten Aceh Barat Daya"


@dataclass(frozen=True)
class Selection:
    """Which employees a grouped read counts: those under any of `paths`, those working in one
    of `unit_ids` itself, those without a unit (`unitless`), or everyone (`everyone`)."""

    paths: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()
    unitless: bool = False
    everyone: bool = False

    @classmethod
    def of(cls, scope: OrgUnit | None) -> Selection:
        return cls(everyone=True) if scope is None else cls(paths=(scope.path,))

    def q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}is_active": True, f"{prefix}skp_exemption": ""})
        if self.everyone:
            return q
        parts = [Q(**{f"{prefix}unit__path__startswith": path}) for path in self.paths]
        if self.unit_ids:
            parts.append(Q(**{f"{prefix}unit__in": list(self.unit_ids)}))
        if self.unitless:
            parts.append(Q(**{f"{prefix}unit__isnull": True}))
        if not parts:
            return Q(pk__in=[])
        return q & reduce(or_, parts)


def _scope_employees(scope: OrgUnit | None, prefix: str = "") -> Q:
    return Selection.of(scope).q(prefix)


def group_cut(scope: OrgUnit | None) -> int:
    """The length of the group keys: the unit path cut at the level below the scope (the
    regency's level below is the perangkat daerah: the children of the root unit)."""
    return (len(scope.path) if scope is not None else PATH_SEGMENT) + PATH_SEGMENT


def _key(prefix: str, cut: int):
    """The group key: the employee's unit path cut at the level below the scope."""
    return Substr(f"{prefix}unit__path", 1, cut)


def _achievement_expr() -> Case:
    """`evaluation.domain.achievement_pct` for a point or range target, in SQL (capped at 200)."""
    value = Cast("value", FloatField())
    low = Cast("indicator__target_min", FloatField())
    high = Cast(Coalesce("indicator__target_max", "indicator__target_min"), FloatField())
    return Case(
        When(Q(value__gte=F("indicator__target_min")) & Q(value__lte=high), then=Value(100.0)),
        When(
            Q(value__gt=high) & Q(indicator__target_min__gt=0),
            then=Least(value * Value(100.0) / high, Value(200.0)),
        ),
        When(Q(value__gt=high), then=Value(200.0)),
        default=value * Value(100.0) / low,
        output_field=FloatField(),
    )


def _jp_total_subquery(year: int) -> Subquery:
    totals = (
        JpEntry.objects.filter(employee=OuterRef("pk"), year=year)
        .order_by()
        .values("employee")
        .annotate(t=Sum("jp"))
        .values("t")
    )
    return Subquery(totals)


def default_period(year: int, periods: list[Period]) -> Period | None:
    """The annual period when it has evaluations, else the latest periodic one that has."""
    # One index probe per period (a semi-join), not a scan of the year's evaluations.
    evaluated = set(
        Period.objects.filter(year=year)
        .filter(Exists(Evaluation.objects.filter(period=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    for period in sorted(periods, key=lambda p: (p.kind != PeriodKind.ANNUAL, -p.number)):
        if period.pk in evaluated:
            return period
    periodic = [p for p in periods if not p.is_annual]
    return periodic[0] if periodic else (periods[0] if periods else None)


def year_periods(year: int, period: Period | None) -> tuple[list[Period], Period | None]:
    """The year's periods in calendar order, and the period shown (the default when None)."""
    periods = list(Period.objects.filter(year=year).order_by("kind", "number"))
    periods.sort(key=lambda p: (p.is_annual, p.start, p.number))
    if period is None:
        period = default_period(year, periods)
    return periods, period


def group_rows(
    *, year: int, period: Period | None, selection: Selection, cut: int
) -> dict[str | None, Figures]:
    """The figures of the selected employees grouped by their unit path cut at `cut` (None: no
    unit), in seven queries whatever the number of groups, employees and records; each group
    carries its counts per period for the trend. Units, names and organisation results are
    attached by the caller."""
    groups: dict[str | None, Figures] = {}

    def group(key: str | None) -> Figures:
        if key not in groups:
            groups[key] = Figures(key=key or "", name="", seen=True)
        return groups[key]

    def scoped(prefix: str) -> Q:
        return selection.q(prefix)

    # Head-count and JP attainment (one query; JP totals are a correlated subquery).
    people = (
        Employee.objects.filter(scoped(""))
        .annotate(jp=Coalesce(_jp_total_subquery(year), Value(Decimal(0))))
        .values(key=_key("", cut))
        .annotate(
            headcount=Count("pk"),
            pns=Count("pk", filter=Q(status__in=PNS_STATUSES)),
            pns_met=Count("pk", filter=Q(status__in=PNS_STATUSES, jp__gte=PNS_MINIMUM_JP)),
        )
        .order_by()
    )
    for row in people:
        figures = group(row["key"])
        figures.headcount = row["headcount"]
        figures.pns, figures.pns_met = row["pns"], row["pns_met"]
        figures.pppk = row["headcount"] - row["pns"]

    open_skps = Skp.objects.open().filter(Q(year=year) & scoped("employee__"))
    for row in (
        open_skps.values("status", key=_key("employee__", cut)).annotate(n=Count("pk")).order_by()
    ):
        group(row["key"]).skp[monitoring_status(row["status"])] += row["n"]

    def open_skp(prefix: str) -> Q:
        # The open SKPs of the year of employees in scope, as join conditions (not an IN
        # subquery over the same SKPs: one pass over each table).
        return Q(**{f"{prefix}is_closed": False, f"{prefix}year": year}) & scoped(
            f"{prefix}employee__"
        )

    indicators = Indicator.objects.filter(open_skp("rhk__skp__"), target_min__isnull=False).values(
        key=_key("rhk__skp__employee__", cut)
    )
    for row in indicators.annotate(n=Count("pk")).order_by():
        group(row["key"]).indicators = row["n"]

    # Realisations: the chosen period's per group (with the achievement), and a count per group
    # and period for the trend. One grouped pass would compute the achievement of every period's
    # rows and cost more than the two (EXPLAIN ANALYZE at 6,000 employees: 145 ms against 70 ms).
    realised = Realisation.objects.filter(
        open_skp("indicator__rhk__skp__"),
        value__isnull=False,
        indicator__target_min__isnull=False,
    )
    if period is not None:
        for row in (
            realised.filter(period=period)
            .values(key=_key("indicator__rhk__skp__employee__", cut))
            .annotate(n=Count("pk"), pct=Sum(_achievement_expr()))
            .order_by()
        ):
            figures = group(row["key"])
            figures.realised, figures.achievement_sum = row["n"], float(row["pct"] or 0)
    for row in (
        realised.filter(period__year=year)
        .values("period_id", key=_key("indicator__rhk__skp__employee__", cut))
        .annotate(n=Count("pk"))
        .order_by()
    ):
        group(row["key"]).realised_by_period[row["period_id"]] = row["n"]

    # Evaluations of every period of the year, grouped once by group, period and predicate: the
    # chosen period's figures per group and the trend both come from these rows.
    evaluations = Evaluation.objects.filter(Q(period__year=year) & scoped("skp__employee__"))
    for row in (
        evaluations.values("period_id", "predicate", key=_key("skp__employee__", cut))
        .annotate(n=Count("pk"))
        .order_by()
    ):
        figures = group(row["key"])
        by_period = figures.evaluated_by_period
        by_period[row["period_id"]] = by_period.get(row["period_id"], 0) + row["n"]
        if period is not None and row["period_id"] == period.pk:
            figures.predicates[Predicate(row["predicate"])] += row["n"]
            figures.evaluated += row["n"]

    appeals = Appeal.objects.filter(
        Q(evaluation__period__year=year) & scoped("evaluation__skp__employee__")
    )
    for row in (
        appeals.values(key=_key("evaluation__skp__employee__", cut))
        .annotate(
            n=Count("pk"),
            open=Count("pk", filter=~Q(status="decided")),
            changed=Count("pk", filter=Q(decision="change")),
        )
        .order_by()
    ):
        figures = group(row["key"])
        figures.appeals, figures.appeals_open, figures.appeals_changed = (
            row["n"],
            row["open"],
            row["changed"],
        )
    return groups


def dashboard(
    *,
    year: int,
    scope: OrgUnit | None,
    period: Period | None = None,
    with_adoption: bool = True,
) -> Dashboard:
    """All dashboard figures for the scope (None: the regency), in a constant number of queries,
    computed now (`reports.dashboard_cache` serves the same figures from cached rows).

    The caller checks that the user may see the scope; names are not part of this read.
    """
    periods, period = year_periods(year, period)
    rows = group_rows(year=year, period=period, selection=Selection.of(scope), cut=group_cut(scope))
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=[k for k in rows if k])}
    for key, figures in rows.items():
        figures.unit = units.get(key)
    # The scope's own "(langsung)" row holds only its direct staff: the scope's result and
    # pattern belong to the total row, not to that row.
    attach_org_results(
        [f for f in rows.values() if scope is None or f.unit != scope], year=year, period=period
    )
    if with_adoption and scope is None:
        # Adoption is a column per agency, shown on the regency level only.
        _attach_adoption(rows.values(), year)
    return compose(year=year, scope=scope, period=period, periods=periods, groups=rows.values())


def compose(
    *,
    year: int,
    scope: OrgUnit | None,
    period: Period | None,
    periods: list[Period],
    groups: Iterable[Figures],
) -> Dashboard:
    """The dashboard from its groups' figures (with their units and organisation results): the
    names, the order, the total (the sum of the groups), the scope's result and the trend."""
    groups = [figures for figures in groups if figures.seen]
    for figures in groups:
        unit = figures.unit
        if unit is None:
            figures.name = "Tanpa unit kerja"
        elif (scope is not None and unit.pk == scope.pk) or (scope is None and unit.depth == 0):
            figures.name = f"{unit.name} (langsung)"
        else:
            figures.name = unit.name
        _count_no_skp(figures)

    total = Figures(key=scope.path if scope else "", name="Jumlah", unit=scope)
    for figures in groups:
        _add(total, figures)
    _count_no_skp(total)
    if scope is not None:
        attach_org_results([total], year=year, period=period)
    # (The regency has no single organisation result.)

    ordered = sorted(
        groups,
        key=lambda f: (f.unit is None, scope is not None and f.unit == scope, f.name),
    )
    trend = _trend(periods, total)
    breadcrumbs = []
    if scope is not None:
        ids = [int(part) for part in scope.path.split("/") if part]
        by_id = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids)}
        breadcrumbs = [by_id[i] for i in ids if i in by_id]
    return Dashboard(
        year=year,
        scope=scope,
        period=period,
        periods=periods,
        groups=ordered,
        total=total,
        trend=trend,
        breadcrumbs=breadcrumbs,
    )


def _add(total: Figures, figures: Figures) -> None:
    total.headcount += figures.headcount
    for status, n in figures.skp.items():
        total.skp[status] += n
    total.indicators += figures.indicators
    total.realised += figures.realised
    total.achievement_sum += figures.achievement_sum
    total.evaluated += figures.evaluated
    for predicate, n in figures.predicates.items():
        total.predicates[predicate] += n
    total.appeals += figures.appeals
    total.appeals_open += figures.appeals_open
    total.appeals_changed += figures.appeals_changed
    total.pns += figures.pns
    total.pns_met += figures.pns_met
    total.pppk += figures.pppk
    for mine, theirs in (
        (total.realised_by_period, figures.realised_by_period),
        (total.evaluated_by_period, figures.evaluated_by_period),
    ):
        for period_id, n in theirs.items():
            mine[period_id] = mine.get(period_id, 0) + n
    total.seen = total.seen or figures.seen


def add_up(key: str, unit: OrgUnit | None, parts: Iterable[Figures]) -> Figures:
    """One group's figures as the sum of its parts (the groups below it and its direct staff)."""
    figures = Figures(key=key, name="", unit=unit)
    for part in parts:
        _add(figures, part)
    _count_no_skp(figures)
    return figures


def _count_no_skp(figures: Figures) -> None:
    # "No SKP" is not an SKP status: count it as the rest of the head-count.
    figures.skp[MonitoringStatus.NONE] = max(figures.headcount - figures.skp_total, 0)


def attach_org_results(groups: Iterable[Figures], *, year: int, period: Period | None) -> None:
    """The organisation result of each group's unit (the period's, else the year's) and the
    breaches of the SE MenPANRB 3/2023 pattern it allows (evaluation's domain rules); one query."""
    groups = list(groups)
    units = [f.unit for f in groups if f.unit is not None]
    for figures in groups:
        figures.org_result, figures.violations = None, []
    if not units:
        return
    results = OrgResult.objects.filter(unit__in=units, year=year)
    if period is not None and not period.is_annual:
        results = results.filter(Q(period=period) | Q(period__isnull=True))
    else:
        results = results.filter(period__isnull=True)
    chosen: dict[int, OrgResult] = {}
    for result in results:
        current = chosen.get(result.unit_id)
        if current is None or (current.period_id is None and result.period_id is not None):
            chosen[result.unit_id] = result
    for figures in groups:
        if figures.unit is None or figures.unit.pk not in chosen:
            continue
        figures.org_result = OrgPredicate(chosen[figures.unit.pk].predicate)
        figures.violations = check_distribution(figures.org_result, figures.predicates)


def _attach_adoption(groups, year: int) -> None:
    """Adoption per agency from the adoption app (only for groups that are agencies): who has
    ever signed in, of the agency's active employees."""
    agency_ids = [f.unit.pk for f in groups if f.unit is not None and f.unit.is_agency]
    if not agency_ids:
        return
    from kinerja.adoption.selectors import sign_ins

    figures_by_id = sign_ins(agency_ids=agency_ids)
    for figures in groups:
        if figures.unit is not None:
            figures.adoption = figures_by_id.get(figures.unit.pk)


def _trend(periods: list[Period], total: Figures) -> list[TrendPoint]:
    """Per period: evaluations given and realisations entered, against today's SKPs."""
    realised, evaluated = total.realised_by_period, total.evaluated_by_period
    return [
        TrendPoint(
            period=p,
            evaluated=evaluated.get(p.pk, 0),
            realised=realised.get(p.pk, 0),
            evaluated_pct=_pct(evaluated.get(p.pk, 0), total.approved),
            realised_pct=_pct(realised.get(p.pk, 0), total.indicators),
        )
        for p in periods
    ]


@dataclass
class PersonRow:
    employee: Employee
    skp_status: MonitoringStatus
    predicate: Predicate | None
    jp: Decimal
    below_jp: bool

    @property
    def skp_label(self) -> str:
        return MONITORING_LABELS[self.skp_status]


def people(*, employees: QuerySet[Employee], year: int, period: Period | None) -> list[PersonRow]:
    """Names for the drill-down: the given (already scoped, already paged) employees with their
    SKP status, the period's predicate and JP (one query: a page's worth of index look-ups)."""
    status = (
        Skp.objects.open()
        .filter(year=year, employee=OuterRef("pk"))
        .order_by("-pk")
        .values("status")
    )
    annotations = {
        "jp": Coalesce(_jp_total_subquery(year), Value(Decimal(0))),
        "open_skp_status": Subquery(status[:1]),
    }
    if period is not None:
        predicate = (
            Evaluation.objects.filter(period=period, skp__employee=OuterRef("pk"))
            .order_by("-pk")
            .values("predicate")
        )
        annotations["period_predicate"] = Subquery(predicate[:1])
    rows = employees.select_related("unit", "position").annotate(**annotations)
    result = []
    for employee in rows:
        jp = Decimal(employee.jp or 0)
        predicate = getattr(employee, "period_predicate", None)
        result.append(
            PersonRow(
                employee=employee,
                skp_status=monitoring_status(employee.open_skp_status),
                predicate=Predicate(predicate) if predicate else None,
                jp=jp,
                below_jp=is_below_target(employee.status, jp),
            )
        )
    return result


def people_in_scope(user, scope: OrgUnit) -> QuerySet[Employee]:
    """Employees of the scope the user may see by name (organisations' row-level access)."""
    return (
        Employee.objects.visible_to(user)
        .filter(_scope_employees(scope))
        .order_by("unit__path", "name", "pk")
    )


__all__ = [
    "Dashboard",
    "Figures",
    "PersonRow",
    "Selection",
    "TrendPoint",
    "add_up",
    "attach_org_results",
    "compose",
    "dashboard",
    "group_cut",
    "group_rows",
    "people",
    "people_in_scope",
    "year_periods",
]
