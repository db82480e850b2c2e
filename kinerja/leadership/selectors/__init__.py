"""Reads of the leadership app: the team workspace, directions, field visits and follow-ups.

One module per concern: `members` (a member's row and state), `totals` (counts per unit and
the filter conditions), `workspace` (the Ruang Pimpinan page), `roster` (the team API's page),
`waiting` (what waits for the leader, escalations), `directions`, `visits` (field visits and
follow-ups) and `choices` (what the forms list, and their search). Callers use
`selectors.name(...)`; the names are re-exported here.

The page sizes and list limits (PAGE_SIZE, CHOICE_LIMIT, SEARCH_LIMIT...) are not re-exported:
each is read by the module that defines it, so a test changes it there
(`monkeypatch.setattr(selectors.choices, "CHOICE_LIMIT", 1)`); a copy here would take a patch
without effect.
"""

from ..team import team_members
from .choices import (
    DirectionChoices,
    direction_choices,
    field_visit_choices,
    kecamatan_options,
    rhk_options,
    search_rhks,
    search_team,
)
from .directions import directions_for, pending_directions, received_directions, recent_directions
from .members import MemberState
from .roster import TEAM_PAGE_MAX, TeamPage, UnitTotal, team_page
from .totals import SubUnitTotal, UnitCounts, UnitRef
from .visits import (
    field_visit_detail,
    field_visits,
    my_follow_ups,
    my_open_follow_ups,
    overdue_follow_ups_for_leader,
)
from .waiting import escalation_days, stalled_below
from .workspace import FILTERS, CountedPaginator, WorkspacePage, workspace_page

__all__ = [
    "FILTERS",
    "TEAM_PAGE_MAX",
    "CountedPaginator",
    "DirectionChoices",
    "MemberState",
    "SubUnitTotal",
    "TeamPage",
    "UnitCounts",
    "UnitRef",
    "UnitTotal",
    "WorkspacePage",
    "direction_choices",
    "directions_for",
    "escalation_days",
    "field_visit_choices",
    "field_visit_detail",
    "field_visits",
    "kecamatan_options",
    "my_follow_ups",
    "my_open_follow_ups",
    "overdue_follow_ups_for_leader",
    "pending_directions",
    "received_directions",
    "recent_directions",
    "rhk_options",
    "search_rhks",
    "search_team",
    "stalled_below",
    "team_members",  # the team itself lives in ..team; views and services read it from here
    "team_page",
    "workspace_page",
]
