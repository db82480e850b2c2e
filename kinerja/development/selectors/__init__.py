"""Reads of competency development: ledgers, progress, team and agency attainment, analyses.

Every list is scoped through `visible_to(user)` and computed with a constant number of queries
(JP totals are a correlated SUM subquery, never a query per employee). Callers use
`selectors.name(...)`; the modules below group the reads by concern.
"""

# `_search` (development.team) is a private helper imported from here by another module:
# re-exported with `as`, kept out of `__all__`.
from ._common import _search as _search
from .analysis import (
    AgencyPlans,
    NeedsAnalysis,
    PlanConsolidation,
    PlannedActivity,
    needs_analysis,
    plan_consolidation,
)
from .assessor import (
    JpRow,
    TeamSummary,
    jp_rows,
    needs_to_confirm,
    reports_to_verify,
    team_jp,
    team_members,
    team_plans,
    team_summary,
)
from .attainment import NO_AGENCY, AgencyAttainment, agency_attainment, below_target_employees
from .charts import CHART_CACHE_SECONDS, attainment_chart_svg, needs_chart_svg
from .events import (
    EventSeats,
    catalogue,
    event_registrations,
    event_seats,
    manageable_events,
    open_events,
    target_participants,
)
from .improvement import (
    GUIDANCE_FORMS,
    PERFORMANCE_SOURCES,
    ProposedItem,
    Recommendation,
    improvement_plan_proposal,
    proposal_quarter,
    recommendations,
)
from .ledger import ZERO, employee_progress, jp_export_rows, jp_ledger, jp_total, with_jp_total
from .mine import MyDevelopment, my_development

__all__ = [
    "CHART_CACHE_SECONDS",
    "GUIDANCE_FORMS",
    "NO_AGENCY",
    "PERFORMANCE_SOURCES",
    "ZERO",
    "AgencyAttainment",
    "AgencyPlans",
    "EventSeats",
    "JpRow",
    "MyDevelopment",
    "NeedsAnalysis",
    "PlanConsolidation",
    "PlannedActivity",
    "ProposedItem",
    "Recommendation",
    "TeamSummary",
    "agency_attainment",
    "attainment_chart_svg",
    "below_target_employees",
    "catalogue",
    "employee_progress",
    "event_registrations",
    "event_seats",
    "improvement_plan_proposal",
    "jp_export_rows",
    "jp_ledger",
    "jp_rows",
    "jp_total",
    "manageable_events",
    "my_development",
    "needs_analysis",
    "needs_chart_svg",
    "needs_to_confirm",
    "open_events",
    "plan_consolidation",
    "proposal_quarter",
    "recommendations",
    "reports_to_verify",
    "target_participants",
    "team_jp",
    "team_members",
    "team_plans",
    "team_summary",
    "with_jp_total",
]
