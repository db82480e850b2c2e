"""A dashboard added up from the cached rows of the units below its scope, with the adoption
column of the regency level from its own daily entry."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache

from kinerja.core import clock
from kinerja.evaluation.models import Period
from kinerja.organisations.models import PATH_SEGMENT, OrgUnit

from ..selectors.dashboard import Dashboard, Figures, compose, year_periods
from .keys import ADOPTION_KEY, _timeout
from .rows import _Rows
from .versions import _unit_versions


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
