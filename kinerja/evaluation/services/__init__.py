"""Writes of the evaluation app: one typed, keyword-only function per use case."""

from .appeals import (
    decide_appeal,
    file_appeal,
    give_explanation,
    is_superior_of,
    request_explanations,
)
from .calibration import adjust_predicate, can_calibrate
from .determination import can_sign_determination, sign_predicate_determination
from .dialogue import NewAction, complete_action, give_feedback, record_dialogue
from .periods import entry_open, reopen_period, set_period_window, set_schedule
from .ratings import acknowledge, can_set_org_result, org_result_for, rate, set_org_result
from .realisation import (
    add_evidence_file,
    add_evidence_link,
    delete_evidence,
    record_realisation,
    submission_for,
    submit_period,
)

__all__ = [
    "NewAction",
    "acknowledge",
    "add_evidence_file",
    "add_evidence_link",
    "adjust_predicate",
    "can_calibrate",
    "can_set_org_result",
    "can_sign_determination",
    "complete_action",
    "decide_appeal",
    "delete_evidence",
    "entry_open",
    "file_appeal",
    "give_explanation",
    "give_feedback",
    "is_superior_of",
    "org_result_for",
    "rate",
    "record_dialogue",
    "record_realisation",
    "reopen_period",
    "request_explanations",
    "set_org_result",
    "set_period_window",
    "set_schedule",
    "sign_predicate_determination",
    "submission_for",
    "submit_period",
]
