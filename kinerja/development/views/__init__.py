"""Pages under /pengembangan/: the employee's, the assessor's and BKPSDM's.

`urls.py` names each page as `views.name`; the modules below group the pages by audience and
concern.
"""

from .analysis import ATTAINMENT_PAGE_SIZE, attainment, export_jp, needs_analysis
from .assessor import (
    TEAM_PAGE_SIZE,
    TEAM_PLANS_PAGE_SIZE,
    need_add,
    need_status,
    report_decide,
    team,
)
from .conversion import rules
from .employee import cancel, certificate, derive, feedback, mine, register, report_external
from .events import (
    activity_edit,
    admin,
    event_detail,
    event_edit,
    invite_targets,
    registration_action,
)
from .plans import plan_adopt_improvement, plan_agree, plan_item_add, plan_pdf, plan_verify

__all__ = [
    "ATTAINMENT_PAGE_SIZE",
    "TEAM_PAGE_SIZE",
    "TEAM_PLANS_PAGE_SIZE",
    "activity_edit",
    "admin",
    "attainment",
    "cancel",
    "certificate",
    "derive",
    "event_detail",
    "event_edit",
    "export_jp",
    "feedback",
    "invite_targets",
    "mine",
    "need_add",
    "need_status",
    "needs_analysis",
    "plan_adopt_improvement",
    "plan_agree",
    "plan_item_add",
    "plan_pdf",
    "plan_verify",
    "register",
    "registration_action",
    "report_decide",
    "report_external",
    "rules",
    "team",
]
