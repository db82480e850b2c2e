"""The team API's page (`team_page`).

One page of members by name with their full state, the totals per unit of the whole team and
what waits for the leader; the number of queries stays flat with the team's size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kinerja.core import clock
from kinerja.evaluation.models import PeriodSubmission
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import Skp

from ..cycle import periodic_periods
from ..domain import DEFAULT_ESCALATION_DAYS, skp_deadline
from ..models import FollowUp
from ..team import team_members
from .members import MEMBER_FIELDS, MemberState, _annotated_team, _member_states
from .totals import _closed_periods, _totals_by_unit
from .waiting import _waiting_counts

TEAM_PAGE_MAX = 100


@dataclass
class UnitTotal:
    """Totals of the members whose own unit is this one (the team API)."""

    unit_id: int
    name: str
    path: str
    members: int = 0
    skp_approved: int = 0
    skp_missing: int = 0
    late: int = 0
    jp_below_target: int = 0


@dataclass
class TeamPage:
    """One page of the team by name, the totals per unit of the whole team, and what waits
    for the leader (the team API)."""

    year: int
    today: dt.date
    deadline: dt.date
    count: int
    limit: int
    offset: int
    members: list[MemberState]
    units: list[UnitTotal]
    late_count: int
    skps_to_approve: int = 0
    reports_to_verify: int = 0
    stalled: list[Skp] = field(default_factory=list)
    escalation_days: int = DEFAULT_ESCALATION_DAYS
    evaluations_waiting: int = 0
    appeals_waiting: int = 0
    appeals_url: str = ""
    stalled_periods: list[PeriodSubmission] = field(default_factory=list)
    overdue_follow_ups: list[FollowUp] = field(default_factory=list)


def team_page(user, *, limit: int = 50, offset: int = 0, year: int | None = None) -> TeamPage:
    """Members `offset`.. by name (at most TEAM_PAGE_MAX) with their full state, the totals per
    unit of the whole team (grouped counts, as on the page) and what waits for the leader. The
    number of queries and of rows read per model stays flat with the team's size."""
    limit = max(1, min(limit, TEAM_PAGE_MAX))
    offset = max(0, offset)
    today = clock.today()
    year = year or today.year
    team = team_members(user)
    periods = periodic_periods(year)
    closed = _closed_periods(year, today, periods)
    counts = _totals_by_unit(team, year=year, today=today, closed=closed).counts
    ids = list(team.values_list("pk", flat=True)[offset : offset + limit])
    rows = list(
        _annotated_team(Employee.objects.filter(pk__in=ids), year)
        .select_related("unit", "position")
        .only(*MEMBER_FIELDS)
    )
    states = {
        m.employee.pk: m for m in _member_states(rows, year=year, today=today, periods=periods)
    }
    return TeamPage(
        year=year,
        today=today,
        deadline=skp_deadline(year),
        count=sum(c["members"] for c in counts.values()),
        limit=limit,
        offset=offset,
        members=[states[pk] for pk in ids if pk in states],
        units=_unit_totals(counts) if access_for(user).headed_unit_ids else [],
        late_count=sum(c["late"] for c in counts.values()),
        **_waiting_counts(user, today),
    )


def _unit_totals(counts: dict[int | None, dict]) -> list[UnitTotal]:
    """The per-unit counts with the units' names, in tree order (one query for the names)."""
    units = OrgUnit.objects.filter(pk__in=[u for u in counts if u is not None]).values_list(
        "pk", "name", "path"
    )
    return sorted(
        (
            UnitTotal(
                unit_id=pk,
                name=name,
                path=path,
                members=counts[pk]["members"],
                skp_approved=counts[pk]["skp_approved"],
                skp_missing=counts[pk]["skp_missing"],
                late=counts[pk]["late"],
                jp_below_target=counts[pk]["jp_below_target"],
            )
            for pk, name, path in units
        ),
        key=lambda t: t.path,
    )
