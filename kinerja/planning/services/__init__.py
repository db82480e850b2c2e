"""SKP use cases: one typed, keyword-only function each that checks permission, applies the
domain rule, saves, and audits. Modules by concern:

- `drafting`: opening an SKP for the employee's current position;
- `rhks` and `indicators`: the content of a draft (RHK, indicators and targets, lampiran,
  behaviour expectations);
- `workflow`: submission, approval, return and revision, with a version row per step;
- `distribution`: the matriks peran hasil (an RHK handed to subordinates).
"""

from kinerja.core.concurrency import StaleObjectError

from ..domain.workflow import TransitionError
from ._common import skp_snapshot
from .distribution import distribute_rhk
from .drafting import create_skp
from .indicators import (
    add_attachment,
    add_indicator,
    delete_attachment,
    delete_indicator,
    set_expectation,
    update_indicator,
)
from .rhks import AGREEMENT_CHOICE_MESSAGE, PARENT_CHOICE_MESSAGE, add_rhk, delete_rhk, update_rhk
from .workflow import (
    approve_many,
    approve_revision,
    approve_skp,
    reject_revision,
    request_revision,
    return_skp,
    submit_skp,
    withdraw_skp,
)

__all__ = [
    "AGREEMENT_CHOICE_MESSAGE",
    "PARENT_CHOICE_MESSAGE",
    "StaleObjectError",
    "TransitionError",
    "add_attachment",
    "add_indicator",
    "add_rhk",
    "approve_many",
    "approve_revision",
    "approve_skp",
    "create_skp",
    "delete_attachment",
    "delete_indicator",
    "delete_rhk",
    "distribute_rhk",
    "reject_revision",
    "request_revision",
    "return_skp",
    "set_expectation",
    "skp_snapshot",
    "submit_skp",
    "update_indicator",
    "update_rhk",
    "withdraw_skp",
]
