"""Planning pages. Modules by concern:

- `skps`: my SKP, the SKP with its RHK and history, its PDF and verification, copying last year's;
- `content`: editing a draft's RHKs, indicators and lampiran, and the behaviour expectations;
- `workflow`: one workflow step on an SKP, and the assessor's review queue;
- `cascading`: handing an RHK to subordinates, and the cascade tree with its coverage lists;
- `org_plans`: the regent's goals and the agencies' Perjanjian Kinerja;
- `imports`: importing Perjanjian Kinerja targets from Excel, and the template;
- `monitoring`: SKP monitoring per unit, with reminders.
"""

from ._common import STALE_MESSAGE
from .cascading import cascade, cascade_coverage, cascade_node, distribute
from .content import (
    attachment_add,
    attachment_delete,
    expectations,
    indicator_add,
    indicator_delete,
    indicator_edit,
    rhk_add,
    rhk_delete,
    rhk_edit,
)
from .imports import org_import, org_import_template
from .monitoring import monitoring_page, monitoring_remind
from .org_plans import (
    GOALS_ONLY_BKPSDM,
    STALE_ORG_MESSAGE,
    agreement_target_delete,
    agreement_target_edit,
    goal_delete,
    goal_edit,
    org_performance,
)
from .skps import copy_previous, my_skp, position_change, skp_detail, skp_pdf, verify
from .workflow import ACTION_SERVICES, DONE_MESSAGES, review_queue, skp_action

__all__ = [
    "ACTION_SERVICES",
    "DONE_MESSAGES",
    "GOALS_ONLY_BKPSDM",
    "STALE_MESSAGE",
    "STALE_ORG_MESSAGE",
    "agreement_target_delete",
    "agreement_target_edit",
    "attachment_add",
    "attachment_delete",
    "cascade",
    "cascade_coverage",
    "cascade_node",
    "copy_previous",
    "distribute",
    "expectations",
    "goal_delete",
    "goal_edit",
    "indicator_add",
    "indicator_delete",
    "indicator_edit",
    "monitoring_page",
    "monitoring_remind",
    "my_skp",
    "org_import",
    "org_import_template",
    "org_performance",
    "position_change",
    "review_queue",
    "rhk_add",
    "rhk_delete",
    "rhk_edit",
    "skp_action",
    "skp_detail",
    "skp_pdf",
    "verify",
]
