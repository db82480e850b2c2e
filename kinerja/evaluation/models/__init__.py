"""Evaluation models: periods, realisation and evidence, feedback and dialogue, ratings, the
organisation result, calibration, the penetapan predikat and appeals."""

from .appeals import Appeal, AppealDecision, AppealStatus
from .calibration import CalibrationAdjustment, OrgResult, PredicateDetermination
from .dialogue import ActionStatus, Dialogue, DialogueAction, Feedback
from .periods import EvaluationSchedule, Period, PeriodKind, PeriodReopening, Rhythm
from .ratings import Evaluation
from .realisation import Evidence, EvidenceKind, PeriodSubmission, Realisation, SubmissionStatus

__all__ = [
    "ActionStatus",
    "Appeal",
    "AppealDecision",
    "AppealStatus",
    "CalibrationAdjustment",
    "Dialogue",
    "DialogueAction",
    "Evaluation",
    "EvaluationSchedule",
    "Evidence",
    "EvidenceKind",
    "Feedback",
    "OrgResult",
    "Period",
    "PeriodKind",
    "PeriodReopening",
    "PeriodSubmission",
    "PredicateDetermination",
    "Realisation",
    "Rhythm",
    "SubmissionStatus",
]
