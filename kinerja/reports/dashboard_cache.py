"""The dashboard's figures, charts and their rendered HTML, kept in Django's cache.

The aggregates read every SKP, realisation and evaluation of the year, the SVG charts take pygal
a few hundred milliseconds and the per-unit table (a hundred schools under the education agency)
tens more: computed and rendered once per scope, year and period, then served from the cache. The key carries a data version that `kinerja.reports.signals` bumps whenever a record the
dashboard counts is written (a save, a delete, or a service's audited write), so a change shows on
the next request. The entry also expires after `settings.REPORTS_DASHBOARD_CACHE_SECONDS` (default
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

from .charts import all_charts
from .selectors.dashboard import Dashboard, dashboard

VERSION_KEY = "reports:data-version"
DASHBOARD_KEY = "reports:dashboard:v1:{version}:{year}:{scope}:{period}"
DEFAULT_TIMEOUT = 300


def data_version() -> int:
    """The current version of the data the reports count (a cache counter; never reused)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or an evicted counter) begins at the clock, so a value an old entry
        # was keyed on can never come back.
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    return int(version)


def bump_data_version() -> None:
    """Make every cached dashboard stale: the next request computes its figures again."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet (or evicted): any new value is unseen
        cache.set(VERSION_KEY, time.time_ns(), None)


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
        version=data_version(),
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
            "reports/_dashboard_figures.html", {"board": board, "charts": charts}
        )
        entry = CachedDashboard(board=board, html=SafeString(html), as_of=as_of)
        timeout = _timeout()
        if timeout > 0:
            cache.set(key, entry, timeout)
    return entry


__all__ = ["CachedDashboard", "bump_data_version", "cached_dashboard", "data_version"]
