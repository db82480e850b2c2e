"""Evaluation pages: my period, the assessor's team page, calibration, dialogue, appeals and the
organisation's results. Thin: parse, call, render. One module per concern; urls.py and callers
use the names re-exported here."""

from ._common import STALE
from .appeal_pages import (
    REGISTER_AGENCY_KINDS,
    appeal,
    appeal_decide,
    appeal_explain,
    appeal_file,
    appeal_register,
    appeal_request,
    appeals,
)
from .calibration_pages import adjust, calibration
from .dialogue_pages import action_done, dialogue, dialogue_add, dialogues
from .org_result_pages import org_result_set, org_results
from .period_pages import (
    mine,
    period_page,
    period_page_response,
    save_realisation,
    submit,
    upload_evidence,
)
from .rating_pages import acknowledge, feedback, feedback_history, rate, team

# Employees per page on the calibration list. It lives here, not in calibration_pages, so that
# one setting (a test sets it on this package) is what the view reads at request time.
CALIBRATION_PAGE_SIZE = 50

__all__ = [
    "CALIBRATION_PAGE_SIZE",
    "REGISTER_AGENCY_KINDS",
    "STALE",
    "acknowledge",
    "action_done",
    "adjust",
    "appeal",
    "appeal_decide",
    "appeal_explain",
    "appeal_file",
    "appeal_register",
    "appeal_request",
    "appeals",
    "calibration",
    "dialogue",
    "dialogue_add",
    "dialogues",
    "feedback",
    "feedback_history",
    "mine",
    "org_result_set",
    "org_results",
    "period_page",
    "period_page_response",
    "rate",
    "save_realisation",
    "submit",
    "team",
    "upload_evidence",
]
