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

Modules by concern:

- `keys`: the cache keys and the entries' lifetime;
- `versions`: the data version counters (`data_version`, `bump_data_version`);
- `page`: a whole dashboard with its HTML (`cached_dashboard`, `CachedDashboard`);
- `board`: a dashboard added up from the cached rows (`cached_board`), and the adoption column;
- `rows`: the per-unit rows, read from the cache and computed where stale.

Callers use `dashboard_cache.name(...)`; the public names are re-exported here. A constant is read
(and patched) in the module that defines it.
"""

from .board import cached_board
from .keys import (
    ADOPTION_KEY,
    AGENCIES_KEY,
    AGENCY_KEY,
    DASHBOARD_KEY,
    DEFAULT_TIMEOUT,
    DIRECT,
    ROW_HTML_KEY,
    ROWS_KEY,
    VERSION_KEY,
)
from .page import CachedDashboard, cached_dashboard
from .rows import FEW_CHANGED, FULL_PATH
from .versions import bump_data_version, data_version

__all__ = [
    "ADOPTION_KEY",
    "AGENCIES_KEY",
    "AGENCY_KEY",
    "DASHBOARD_KEY",
    "DEFAULT_TIMEOUT",
    "DIRECT",
    "FEW_CHANGED",
    "FULL_PATH",
    "ROWS_KEY",
    "ROW_HTML_KEY",
    "VERSION_KEY",
    "CachedDashboard",
    "bump_data_version",
    "cached_board",
    "cached_dashboard",
    "data_version",
]
