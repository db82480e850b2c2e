"""The cache keys of the dashboards' entries and version counters, and how long entries live.

A running cache holds entries under these keys: an entry whose format changes takes a new `vN`.
So does an entry of pickled objects whose class moved to another module (29 November: the
dashboard, rows and adoption entries hold `Figures`, `Dashboard` and `SignIns`, which moved into
the selectors' submodules), so that during a rolling deploy old and new workers never read each
other's entries.
"""

from __future__ import annotations

from django.conf import settings

VERSION_KEY = "reports:data-version"  # the regency's: every change bumps it
AGENCIES_KEY = "reports:data-version:agencies"  # every unit's: a change of unknown unit
AGENCY_KEY = "reports:data-version:agency:{agency}"  # a unit's (named for the agencies first)
DASHBOARD_KEY = "reports:dashboard:v4:{version}:{year}:{scope}:{period}"
ROWS_KEY = "reports:dashboard-rows:v2:{year}:{period}:{unit}"
DIRECT = "direct"  # the rows of the scope's direct staff in a ROWS_KEY entry
ROW_HTML_KEY = "reports:dashboard-row-html:v1:{scope}:{year}:{period}"
ADOPTION_KEY = "reports:dashboard-adoption:v3:{year}:{day}"
DEFAULT_TIMEOUT = 300


def _timeout() -> int:
    return int(getattr(settings, "REPORTS_DASHBOARD_CACHE_SECONDS", DEFAULT_TIMEOUT))
