"""API: periods, realisation, evidence upload, submission, ratings, distribution; scoped like pages.

Every endpoint module registers on the one `router` (from `_common`) that the project includes.
Importing a module registers its endpoints, so each is imported here exactly once, in the order
the OpenAPI document lists them; operation ids are fixed on each endpoint so they do not follow
the module a function lives in.
"""

# isort: off
from ._common import Id, Text, Year, router
from .period_endpoints import (
    EvaluationOut,
    EvidenceItemOut,
    EvidenceOut,
    PeriodOut,
    RatingIn,
    RealisationIn,
    RealisationOut,
    SubmissionOut,
    evidence,
    evidence_list,
    periods,
    rating,
    realisation,
    submit,
)
from .calibration_endpoints import (
    BreachOut,
    DeterminationIn,
    DeterminationOut,
    DistributionOut,
    determination_sign,
    distribution,
)
from .feedback_endpoints import (
    FeedbackFilter,
    FeedbackIn,
    FeedbackOut,
    feedback_give,
    feedback_list,
)
from .org_result_endpoints import (
    OrgResultFilter,
    OrgResultIn,
    OrgResultOut,
    org_result_set,
    org_results,
)
from .appeal_endpoints import (
    AppealFilter,
    AppealOut,
    DecisionIn,
    ExplanationIn,
    appeal_decide,
    appeal_detail,
    appeal_explain,
    appeal_file,
    appeal_request_explanations,
    appeals,
)
# isort: on

__all__ = [
    "AppealFilter",
    "AppealOut",
    "BreachOut",
    "DecisionIn",
    "DeterminationIn",
    "DeterminationOut",
    "DistributionOut",
    "EvaluationOut",
    "EvidenceItemOut",
    "EvidenceOut",
    "ExplanationIn",
    "FeedbackFilter",
    "FeedbackIn",
    "FeedbackOut",
    "Id",
    "OrgResultFilter",
    "OrgResultIn",
    "OrgResultOut",
    "PeriodOut",
    "RatingIn",
    "RealisationIn",
    "RealisationOut",
    "SubmissionOut",
    "Text",
    "Year",
    "appeal_decide",
    "appeal_detail",
    "appeal_explain",
    "appeal_file",
    "appeal_request_explanations",
    "appeals",
    "determination_sign",
    "distribution",
    "evidence",
    "evidence_list",
    "feedback_give",
    "feedback_list",
    "org_result_set",
    "org_results",
    "periods",
    "rating",
    "realisation",
    "router",
    "submit",
]
