"""The performance dashboard: per group of employees (agencies of the regency, or the units
directly under a unit), SKP completion, realisation progress, predicates against the curve,
appeals, JP attainment, adoption, and the trend over the year's periods.

Every figure is a database aggregate grouped by the employee's unit path cut at the level below
the scope (`Substr(path, 1, len(scope.path) + PATH_SEGMENT)`), so the number of queries does not
grow with employees, SKPs or units. Employees count where they work today (their current unit);
those exempt from an SKP (`skp_exemption`) and inactive ones are left out, as in planning's
monitoring.

Modules by concern:

- `figures`: `Figures` (one group's counts, and the total row), `TrendPoint`, `Dashboard`;
- `selection`: which employees a read counts (`Selection`) and the group key (`group_cut`);
- `expressions`: the SQL of an indicator's achievement and of an employee's JP total;
- `periods`: the year's periods and the default one (`year_periods`, `default_period`);
- `grouped`: the grouped read of every figure (`group_rows`);
- `attachments`: organisation results and pattern breaches (`attach_org_results`), adoption;
- `composition`: the dashboard from its groups (`compose`, `add_up`) and `dashboard` itself;
- `drilldown`: the names behind the figures (`people`, `people_in_scope`).

Callers import from `selectors.dashboard`; the public names are re-exported here.
"""

from .attachments import attach_org_results
from .composition import add_up, compose, dashboard
from .drilldown import PersonRow, people, people_in_scope
from .figures import SKP_COLUMNS, Dashboard, Figures, TrendPoint
from .grouped import PNS_STATUSES, group_rows
from .periods import default_period, year_periods
from .selection import Selection, group_cut

__all__ = [
    "PNS_STATUSES",
    "SKP_COLUMNS",
    "Dashboard",
    "Figures",
    "PersonRow",
    "Selection",
    "TrendPoint",
    "add_up",
    "attach_org_results",
    "compose",
    "dashboard",
    "default_period",
    "group_cut",
    "group_rows",
    "people",
    "people_in_scope",
    "year_periods",
]
