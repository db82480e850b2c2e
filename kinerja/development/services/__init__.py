"""Writes of competency development: one keyword-only function per use case.

Each checks permission, applies the domain rule, saves, and audits. Callers use
`services.name(...)`; the modules below group the use cases by concern.
"""

from ._common import ConflictError
from .catalogue import save_activity, save_event, set_event_status
from .external import reject_report, report_external_activity, verify_report
from .jp import jp_for, reset_conversion_rule, rule_in_force, save_conversion_rule
from .needs import add_need, competency_gaps, confirm_need, derive_needs_for, set_need_status
from .plans import add_plan_item, adopt_improvement_plan, agree_plan
from .registrations import (
    cancel_registration,
    complete_event_participant,
    give_feedback,
    invite_targets,
    invite_to_event,
    mark_attendance,
    register_for_event,
)

__all__ = [
    "ConflictError",
    "add_need",
    "add_plan_item",
    "adopt_improvement_plan",
    "agree_plan",
    "cancel_registration",
    "competency_gaps",
    "complete_event_participant",
    "confirm_need",
    "derive_needs_for",
    "give_feedback",
    "invite_targets",
    "invite_to_event",
    "jp_for",
    "mark_attendance",
    "register_for_event",
    "reject_report",
    "report_external_activity",
    "reset_conversion_rule",
    "rule_in_force",
    "save_activity",
    "save_conversion_rule",
    "save_event",
    "set_event_status",
    "set_need_status",
    "verify_report",
]
