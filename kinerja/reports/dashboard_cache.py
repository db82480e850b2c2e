"""The dashboard's figures, charts and their rendered HTML, kept in Django's cache.

The aggregates read every SKP, realisation and evaluation of the year, the SVG charts take pygal
a few hundred milliseconds and the per-unit table (a hundred schools under the education agency)
tens more: computed and rendered once per scope, year and period, then served from the cache.
The key carries a data version that `kinerja.reports.signals` bumps whenever a record the
dashboard counts is written (a save, a delete, or a service's audited write), so a change shows on
the next request. The versions are kept per agency: a change bumps the regency's version and its
agency's (or, when its agency is not known, the version every agency shares), so a unit's
dashboard stays cached while other agencies' data change. The entry also expires after `settings.REPORTS_DASHBOARD_CACHE_SECONDS` (default
300 s), which bounds the age of figures that change without either (bulk scripts, or a change
made by another process when the cache is not shared between processes); the page shows the time
the figures were computed ("Data per …").
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from kinerja.core import clock
from kinerja.evaluation.models import Period
from kinerja.organisations.models import OrgUnit

from .charts import all_charts, chart_note
from .selectors.dashboard import Dashboard, dashboard

VERSION_KEY = "reports:data-version"  # the regency's: every change bumps it
AGENCIES_KEY = "reports:data-version:agencies"  # every agency's: a change of unknown agency
AGENCY_KEY = "reports:data-version:agency:{agency}"
DASHBOARD_KEY = "reports:dashboard:v2:{version}:{year}:{scope}:{period}"
DEFAULT_TIMEOUT = 300


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


def data_version(agency_id: int | None = None) -> str:
    """The version of the data a dashboard counts: the regency's (None), or an agency's (its
    own counter and the one every agency shares, for changes whose agency is unknown)."""
    if agency_id is None:
        return str(_versions([VERSION_KEY])[0])
    shared, own = _versions([AGENCIES_KEY, AGENCY_KEY.format(agency=agency_id)])
    return f"{shared}.{own}"


def bump_data_version(*agency_ids: int) -> None:
    """Make the dashboards that count a change stale: the regency's always, and those of the
    change's agency and of the agencies above it (an agency may sit under another one's unit)
    when known, else every agency's."""
    _incr(VERSION_KEY)
    if not agency_ids:
        _incr(AGENCIES_KEY)
    for agency_id in agency_ids:
        _incr(AGENCY_KEY.format(agency=agency_id))


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
    # A unit's figures depend on its agency's data only (agency units point at themselves);
    # the regency and a unit above the agencies count everything.
    agency_id = scope.agency_id if scope is not None else None
    key = DASHBOARD_KEY.format(
        version=data_version(agency_id),
        year=year,
        scope=scope.pk if scope is not None else "regency",
        period=period.pk if period is not None else "default",
    )
    entry = cache.get(key)
    if entry is None:
        as_of = clock.now()
        board = dashboard(year=year, scope=scope, period=period)
        charts = all_charts(board)
        html = render_to_string(
            "reports/_dashboard_figures.html",
            {"board": board, "charts": charts, "chart_note": chart_note(board)},
        )
        entry = CachedDashboard(board=board, html=SafeString(html), as_of=as_of)
        timeout = _timeout()
        if timeout > 0:
            cache.set(key, entry, timeout)
    return entry


__all__ = ["CachedDashboard", "bump_data_version", "cached_dashboard", "data_version"]
