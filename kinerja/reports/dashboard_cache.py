"""The dashboard's figures, charts and their rendered HTML, kept in Django's cache.

Two layers. A whole dashboard (figures, charts and the HTML of the per-unit table) is cached per
scope, year and period under the scope's data version: a repeat request reads one entry. Under it,
the figures of every unit are cached as a row per unit (its whole subtree added up, with its
counts per period for the trend) under that unit's own data version, and a dashboard is the sum of
the rows of the units directly below its scope and of its direct staff. After a change, only the
rows on the changed unit's path are computed again: the regency recomputes one agency's row, and
that row is the sum of the agency's cached unit rows and of the changed unit's (a few small
queries), not the agency's whole subtree; the totals are always the sums of the rows shown.

The versions are counters that `kinerja.reports.signals` bumps whenever a record the dashboard
counts is written (a save, a delete, or a service's audited write): the regency's, and those of
every unit on the path of the changed record's unit (its agency and the units above and below it
down to the record's unit); a change whose unit is not known bumps the counter every unit shares.
The entries also expire after `settings.REPORTS_DASHBOARD_CACHE_SECONDS` (default 300 s), which
bounds the age of figures that change without either (bulk scripts, logins and announcement reads
in the adoption column, or a change made by another process when the cache is not shared between
processes); the page shows the time the oldest figures it adds up were computed ("Data per …").
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString

from kinerja.core import clock
from kinerja.evaluation.models import Period
from kinerja.organisations.models import PATH_SEGMENT, OrgUnit

from .charts import all_charts, chart_note
from .selectors.dashboard import (
    Dashboard,
    Figures,
    Selection,
    add_up,
    attach_org_results,
    compose,
    group_cut,
    group_rows,
    year_periods,
)

VERSION_KEY = "reports:data-version"  # the regency's: every change bumps it
AGENCIES_KEY = "reports:data-version:agencies"  # every unit's: a change of unknown unit
AGENCY_KEY = "reports:data-version:agency:{agency}"  # a unit's (named for the agencies first)
DASHBOARD_KEY = "reports:dashboard:v3:{version}:{year}:{scope}:{period}"
ROWS_KEY = "reports:dashboard-rows:v1:{year}:{period}:{unit}"
DIRECT = "direct"  # the rows of the scope's direct staff in a ROWS_KEY entry
ROW_HTML_KEY = "reports:dashboard-row-html:v1:{scope}:{year}:{period}"
ADOPTION_KEY = "reports:dashboard-adoption:v2:{year}:{day}"
DEFAULT_TIMEOUT = 300
# Up to this many changed units below a scope are brought up to date one by one (a unit with
# units below it from their rows); more are read again in one grouped pass over the scope.
FEW_CHANGED = 3


def _versions(keys: list[str]) -> list[int]:
    """The current values of the version counters (cache counters; never reused)."""
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        version = found.get(key)
        if version is None:
            # A fresh start (or an evicted counter) begins at the clock, so a value an old
            # entry was keyed on can never come back.
            version = time.time_ns()
            if not cache.add(key, version, None):
                version = cache.get(key, version)
        versions.append(int(version))
    return versions


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no counter yet (or evicted): any new value is unseen
        cache.set(key, time.time_ns(), None)


def data_version(unit_id: int | None = None) -> str:
    """The version of the data a dashboard counts: the regency's (None), or a unit's subtree
    (its own counter and the one every unit shares, for changes whose unit is unknown)."""
    if unit_id is None:
        return str(_versions([VERSION_KEY])[0])
    return _unit_versions([unit_id])[unit_id]


def _unit_versions(unit_ids: list[int]) -> dict[int, str]:
    """`data_version` of several units, with one read of the cache."""
    shared, *own = _versions([AGENCIES_KEY, *(AGENCY_KEY.format(agency=i) for i in unit_ids)])
    return {unit_id: f"{shared}.{v}" for unit_id, v in zip(unit_ids, own, strict=True)}


def bump_data_version(*unit_ids: int) -> None:
    """Make the figures that count a change stale: the regency's always, and those of the units
    on the path of the changed record's unit (from the root down to that unit) when known, else
    every unit's."""
    _incr(VERSION_KEY)
    if not unit_ids:
        _incr(AGENCIES_KEY)
    for unit_id in unit_ids:
        _incr(AGENCY_KEY.format(agency=unit_id))


@dataclass
class CachedDashboard:
    board: Dashboard
    html: SafeString  # the summary, the per-unit table and the charts (user-independent)
    as_of: datetime


def _timeout() -> int:
    return int(getattr(settings, "REPORTS_DASHBOARD_CACHE_SECONDS", DEFAULT_TIMEOUT))


def cached_dashboard(*, year: int, scope: OrgUnit | None, period: Period | None) -> CachedDashboard:
    """The dashboard figures and their HTML (with the charts) for the scope, from the cache when
    current (the PDF export draws its charts again from `board`: the entry keeps them once).

    Nothing in the entry depends on the user: the caller checks that the user may see the scope,
    and names (the drill-down list) are read per request.
    """
    key = DASHBOARD_KEY.format(
        version=data_version(scope.pk if scope is not None else None),
        year=year,
        scope=scope.pk if scope is not None else "regency",
        period=period.pk if period is not None else "default",
    )
    entry = cache.get(key)
    if entry is None:
        board, as_of = cached_board(year=year, scope=scope, period=period)
        charts = all_charts(board)
        html = render_to_string(
            "reports/_dashboard_figures.html",
            {
                "board": board,
                "charts": charts,
                "chart_note": chart_note(board),
                "group_rows_html": _group_rows_html(board),
            },
        )
        entry = CachedDashboard(board=board, html=SafeString(html), as_of=as_of)
        timeout = _timeout()
        if timeout > 0:
            cache.set(key, entry, timeout)
    return entry


def _row_shown(g: Figures) -> tuple:
    """Everything a group's table row shows (with the scope, year and period of its entry)."""
    adoption = g.adoption
    return (
        g.unit.pk if g.unit is not None else None,
        g.unit.depth if g.unit is not None else None,
        g.name,
        g.headcount,
        g.approved_pct,
        tuple(g.skp.items()),
        g.realised_pct,
        g.mean_achievement,
        g.evaluated,
        tuple(n for _, n in g.predicate_rows),
        g.org_result,
        tuple(v.message for v in g.violations),
        g.appeals,
        g.jp_pct,
        (adoption.logged_in, adoption.employees) if adoption is not None else None,
    )


def _group_rows_html(board: Dashboard) -> list[SafeString]:
    """The per-unit table's rows, each rendered again only when what it shows changed (a table
    of 160 schools takes tens of milliseconds to render; after a change one row differs)."""
    key = ROW_HTML_KEY.format(
        scope=board.scope.pk if board.scope is not None else "regency",
        year=board.year,
        period=board.period.pk if board.period is not None else "none",
    )
    stored = cache.get(key) or {}
    template = get_template("reports/_dashboard_group_row.html")
    rendered = {}
    for g in board.groups:
        shown = _row_shown(g)
        html = stored.get(shown)
        if html is None:
            html = template.render({"g": g, "board": board})
        rendered[shown] = html
    if rendered.keys() != stored.keys():
        timeout = _timeout()
        if timeout > 0:
            cache.set(key, rendered, timeout)
    return [SafeString(rendered[_row_shown(g)]) for g in board.groups]


def cached_board(
    *, year: int, scope: OrgUnit | None, period: Period | None
) -> tuple[Dashboard, datetime]:
    """The dashboard added up from the cached rows of the units directly below the scope (and of
    its direct staff), computing only the rows whose unit's data changed; with the time the
    oldest of them was computed. The same figures as `selectors.dashboard.dashboard`."""
    periods, period = year_periods(year, period)
    rows = _Rows(year=year, period=period)
    groups, as_of = rows.below(scope)
    if scope is None:
        _attach_adoption(groups, year)
    board = compose(year=year, scope=scope, period=period, periods=periods, groups=groups)
    rows.store()
    return board, as_of


@dataclass
class _Level:
    """One scope's rows in the making: what the cache had, what must be read again."""

    parent: OrgUnit | None
    cut: int
    children: list[OrgUnit]
    roots: list[OrgUnit]  # the units whose staff are the scope's direct staff
    versions: dict[int, str]
    direct_version: str
    entry_key: str
    rows: dict[int, tuple[datetime, Figures]]
    direct_rows: tuple[datetime, list[Figures]] | None
    stale: list[OrgUnit]
    batch: list[OrgUnit]  # changed units read again from their staff's figures
    stepped: dict[int, _Level]  # changed units added up from the rows below them
    whole: bool  # more than a few changed: the scope is read again whole


# Group key of the one grouped pass of a request: the employee's whole unit path (each row of
# every level is then the sum of the unit paths under it).
FULL_PATH = 255


class _Rows:
    """The rows of one year and period: read from the cache, computed where stale (one grouped
    pass for every level a request needs), stored."""

    def __init__(self, *, year: int, period: Period | None):
        self.year, self.period = year, period
        self.period_key = period.pk if period is not None else "none"
        self.now = clock.now()
        self.changed: list[tuple[_Level, tuple[datetime, list[Figures]]]] = []

    def below(self, parent: OrgUnit | None) -> tuple[list[Figures], datetime]:
        """The rows of the units directly below `parent` (None: the regency) and of the staff
        directly in it (at the regency: in a root unit, or in no unit)."""
        level = self._plan(parent)
        selection = self._selection(level)
        figures = {}
        if selection is not None:
            figures = group_rows(
                year=self.year, period=self.period, selection=selection, cut=FULL_PATH
            )
        computed: list[Figures] = []
        groups, as_of = self._assemble(level, figures, computed)
        attach_org_results(computed, year=self.year, period=self.period)
        return groups, as_of

    def _plan(self, parent: OrgUnit | None) -> _Level:
        cut = group_cut(parent)
        units = OrgUnit.objects.annotate(
            path_length=Length("path"),
            has_children=Exists(OrgUnit.objects.filter(parent=OuterRef("pk"))),
        )
        if parent is None:
            units = list(units.filter(path_length__lte=cut))
            roots = [u for u in units if u.path_length < cut]
            children = [u for u in units if u.path_length == cut]
            direct_version = data_version(None)
        else:
            roots = [parent]
            children = list(units.filter(path__startswith=parent.path, path_length=cut))
            direct_version = data_version(parent.pk)
        versions = _unit_versions([u.pk for u in children])
        # One entry per scope, year and period holds the rows below the scope, each with the
        # version it was computed at (a few entries, however many units: a small cache keeps them).
        entry_key = ROWS_KEY.format(
            year=self.year,
            period=self.period_key,
            unit=parent.pk if parent is not None else "regency",
        )
        stored = cache.get(entry_key) or {}
        rows: dict[int, tuple[datetime, Figures]] = {}
        for unit in children:
            hit = stored.get(unit.pk)
            if hit is not None and hit[0] == versions[unit.pk]:
                rows[unit.pk] = (hit[1], hit[2])
        hit = stored.get(DIRECT)
        direct_rows = (hit[1], hit[2]) if hit is not None and hit[0] == direct_version else None
        stale = [u for u in children if u.pk not in rows]
        whole = len(stale) > FEW_CHANGED
        # A changed unit with units below it is the sum of their rows (most still cached); the
        # other changed units and the direct staff are read from their staff's figures.
        stepped = {u.pk: self._plan(u) for u in stale if not whole and u.has_children}
        batch = [u for u in stale if u.pk not in stepped]
        return _Level(
            parent=parent,
            cut=cut,
            children=children,
            roots=roots,
            versions=versions,
            direct_version=direct_version,
            entry_key=entry_key,
            rows=rows,
            direct_rows=direct_rows,
            stale=stale,
            batch=batch,
            stepped=stepped,
            whole=whole,
        )

    def _selection(self, top: _Level) -> Selection | None:
        """The employees whose figures the levels need read again, or None: all cached."""
        paths: list[str] = []
        unit_ids: list[int] = []
        unitless = False
        pending = [top]
        while pending:
            level = pending.pop()
            pending.extend(level.stepped.values())
            if level.whole:
                if level.parent is None:
                    return Selection(everyone=True)
                paths.append(level.parent.path)
                continue
            paths.extend(u.path for u in level.batch)
            if level.direct_rows is None:
                unit_ids.extend(u.pk for u in level.roots)
                unitless = unitless or level.parent is None
        if not (paths or unit_ids or unitless):
            return None
        return Selection(paths=tuple(paths), unit_ids=tuple(unit_ids), unitless=unitless)

    def _assemble(
        self, level: _Level, figures: dict[str | None, Figures], computed: list[Figures]
    ) -> tuple[list[Figures], datetime]:
        """The level's rows: cached, added up from the pass's figures per unit path, or from the
        rows of the level below; `computed` collects the rows whose organisation result is due."""
        cut, parent = level.cut, level.parent
        by_path = {u.path: u for u in (*level.children, *level.roots)}
        rows = level.rows
        if level.batch:
            parts: dict[str, list[Figures]] = {u.path: [] for u in level.batch}
            for key, own in figures.items():
                if key is not None and len(key) >= cut and key[:cut] in parts:
                    parts[key[:cut]].append(own)
            for unit in level.batch:
                row = add_up(unit.path, unit, parts[unit.path])
                rows[unit.pk] = (self.now, row)
                computed.append(row)
        direct_rows, changed = level.direct_rows, False
        if direct_rows is None:
            fresh = []
            for key, own in figures.items():
                at_root = parent is None and (key is None or len(key) < cut)
                if at_root or (parent is not None and key == parent.path):
                    row = add_up(key or "", by_path.get(key) if key else None, [own])
                    fresh.append(row)
            direct_rows, changed = (self.now, fresh), True
            if parent is None:  # the roots' direct staff: the root's own result, as ever shown
                computed.extend(fresh)
        for unit_id, below in level.stepped.items():
            parts_below, as_of = self._assemble(below, figures, computed)
            unit = below.parent
            row = add_up(unit.path, unit, parts_below)
            rows[unit_id] = (as_of, row)
            computed.append(row)
        # Today's units (the names a rename gives them) on the rows read from the cache.
        for unit in level.children:
            rows[unit.pk][1].unit = unit
        for row in direct_rows[1]:
            row.unit = by_path.get(row.key) if row.key else None
        if level.stale or changed:
            self.changed.append((level, direct_rows))
        groups = [row for _, row in rows.values()] + list(direct_rows[1])
        as_of = min([direct_rows[0], *(when for when, _ in rows.values())])
        return groups, as_of

    def store(self) -> None:
        """Keep the levels that changed (after their organisation results are attached), each
        row without its unit (the unit objects are read per request anyway)."""
        timeout = _timeout()
        if timeout <= 0 or not self.changed:
            return
        entries = {}
        for level, (direct_as_of, direct) in self.changed:
            rows = level.rows
            entries[level.entry_key] = {
                DIRECT: (level.direct_version, direct_as_of, [_bare(f) for f in direct]),
                **{
                    unit.pk: (level.versions[unit.pk], rows[unit.pk][0], _bare(rows[unit.pk][1]))
                    for unit in level.children
                },
            }
        cache.set_many(entries, timeout)


def _bare(figures: Figures) -> Figures:
    return replace(figures, unit=None, adoption=None)


def _attach_adoption(groups: list[Figures], year: int) -> None:
    """The adoption column (agencies on the regency level: who has ever signed in), per agency
    from one cache entry per year and day, each agency's count with the version it was computed
    at."""
    agencies = [
        f.unit
        for f in groups
        if f.unit is not None and f.unit.is_agency and len(f.unit.path) == 2 * PATH_SEGMENT
    ]
    if not agencies:
        return
    versions = _unit_versions([a.pk for a in agencies])
    key = ADOPTION_KEY.format(year=year, day=clock.today().isoformat())
    stored = cache.get(key) or {}
    figures = {
        pk: hit[1]
        for pk, hit in ((a.pk, stored.get(a.pk)) for a in agencies)
        if hit is not None and hit[0] == versions[pk]
    }
    missing = [a.pk for a in agencies if a.pk not in figures]
    if missing:
        from kinerja.adoption.selectors import sign_ins

        fresh = sign_ins(agency_ids=missing)
        for pk in missing:
            figures[pk] = fresh.get(pk)
        timeout = _timeout()
        if timeout > 0:
            cache.set(key, {pk: (versions[pk], figures[pk]) for pk in figures}, timeout)
    for f in groups:
        if f.unit is not None:
            f.adoption = figures.get(f.unit.pk)


__all__ = [
    "CachedDashboard",
    "bump_data_version",
    "cached_board",
    "cached_dashboard",
    "data_version",
]
