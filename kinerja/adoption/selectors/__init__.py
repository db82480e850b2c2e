"""Reads: adoption figures per agency and for the regency, the names behind them, read rates.

Every figure is an aggregate grouped by agency, so the number of queries does not depend on the
number of employees (five queries for any number of agencies). The names behind a figure
(drill-down) use the same conditions, so a list always has as many rows as its count says.

Definitions (also on the page, in plain Indonesian):
- employees: active employees whose unit belongs to the agency;
- never logged in: without an active account, or with an account that never signed in;
- without SKP: not exempt from SKP and no SKP of the year in any status;
- not filled the current period: has an approved SKP of the year covering the current period
  and has not submitted that period (no submission, or still a draft);
- assessors with evaluations waiting: distinct pejabat penilai (counted in their own agency)
  with at least one period submission of the year submitted and not yet evaluated;
- announcement read rate: of the notifications "announcement" delivered in the year to the
  agency's employees, the share whose announcement the recipient has opened.

Modules by concern:

- `conditions`: the period due now (`current_period`) and the conditions every count and name
  list filters with;
- `figures`: `agency_adoption` (the figures per agency), `regency_totals`, and `sign_ins` (only
  who has signed in, for the dashboards);
- `scope`: which agencies a user may see (`scoped_agency_ids`, `adoption_for`);
- `people`: the employees behind one figure (`people_behind`);
- `read_rates`: announcement read rates (`read_counts`, `announcement_rates`);
- `trend`: the weekly snapshots and the live current week (`weekly_trend`).

Callers use `selectors.name(...)`; the public names are re-exported here.
"""

from .conditions import current_period
from .figures import (
    REGENCY_LABEL,
    AdoptionFigures,
    SignIns,
    agency_adoption,
    regency_totals,
    sign_ins,
)
from .people import PEOPLE_KINDS, people_behind
from .read_rates import (
    ANNOUNCEMENT_KEY_PREFIX,
    ANNOUNCEMENT_KIND,
    AnnouncementRate,
    ReadCounts,
    announcement_rates,
    read_counts,
)
from .scope import NOT_ALLOWED, adoption_for, can_view_adoption, scoped_agency_ids, visible_agencies
from .trend import WeekPoint, weekly_trend

__all__ = [
    "ANNOUNCEMENT_KEY_PREFIX",
    "ANNOUNCEMENT_KIND",
    "NOT_ALLOWED",
    "PEOPLE_KINDS",
    "REGENCY_LABEL",
    "AdoptionFigures",
    "AnnouncementRate",
    "ReadCounts",
    "SignIns",
    "WeekPoint",
    "adoption_for",
    "agency_adoption",
    "announcement_rates",
    "can_view_adoption",
    "current_period",
    "people_behind",
    "read_counts",
    "regency_totals",
    "scoped_agency_ids",
    "sign_ins",
    "visible_agencies",
    "weekly_trend",
]
