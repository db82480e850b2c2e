"""Organisational plans: the regent's goals (RPJMD) and each agency's Perjanjian Kinerja.

Goals are kept by BKPSDM; an agency's Perjanjian Kinerja by its OPD admin or BKPSDM. Modules by
concern:

- `goals`: the regent's goals for a year (sasaran daerah);
- `agreements`: the rows of an agency's Perjanjian Kinerja (sasaran, IKU, targets);
- `imports`: the Excel import of Perjanjian Kinerja rows, which validates every row first and
  then saves all rows in one transaction, or none; and its template.
"""

from .agreements import (
    add_agreement_target,
    can_manage_agreement,
    delete_agreement_target,
    update_agreement_target,
)
from .goals import can_manage_goals, create_goal, delete_goal, update_goal
from .imports import ImportResult, agreement_template, import_agreement_targets

__all__ = [
    "ImportResult",
    "add_agreement_target",
    "agreement_template",
    "can_manage_agreement",
    "can_manage_goals",
    "create_goal",
    "delete_agreement_target",
    "delete_goal",
    "import_agreement_targets",
    "update_agreement_target",
    "update_goal",
]
