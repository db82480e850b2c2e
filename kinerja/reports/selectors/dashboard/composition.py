"""The dashboard put together: its groups named and ordered, the total row as the sum of the
groups, the trend over the year's periods, the breadcrumbs; and `dashboard`, the read that
computes it all now."""

from __future__ import annotations

from collections.abc import Iterable

from kinerja.evaluation.models import Period
from kinerja.organisations.models import OrgUnit
from kinerja.planning.domain.orgplan import MonitoringStatus

from .attachments import _attach_adoption, attach_org_results
from .figures import Dashboard, Figures, TrendPoint, _pct
from .grouped import group_rows
from .periods import year_periods
from .selection import Selection, group_cut


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
