"""The cached rows: the figures of each unit (its whole subtree added up, with its counts per
period for the trend) under that unit's data version, one entry per scope, year and period; the
stale ones are computed again in one grouped pass, or added up from the rows below them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length

from kinerja.core import clock
from kinerja.evaluation.models import Period
from kinerja.organisations.models import OrgUnit

from ..selectors.dashboard import (
    Figures,
    Selection,
    add_up,
    attach_org_results,
    group_cut,
    group_rows,
)
from .keys import DIRECT, ROWS_KEY, _timeout
from .versions import _unit_versions, data_version

# Up to this many changed units below a scope are brought up to date one by one (a unit with
# units below it from their rows); more are read again in one grouped pass over the scope.
FEW_CHANGED = 3


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
