"""Competency development models: the competency dictionary and standards, the activity catalogue,
training events and registrations, externally reported activities, the JP conversion rules and
ledger, development needs and development plans."""

from ._common import BASIS_CHOICES, FORM_CHOICES, LEVEL_VALIDATORS, EmployeeScopedQuerySet
from .competencies import Competency, CompetencyKind, EmployeeCompetency, PositionCompetency
from .external import ExternalActivityReport, ReportStatus
from .jp import ConversionRuleSetting, JpEntry
from .needs import MANUAL_SOURCE, NEED_SOURCE_CHOICES, DevelopmentNeed, NeedStatus
from .plans import DevelopmentPlan, PlanDocument, PlanItem, PlanItemStatus, PlanStatus
from .trainings import (
    SEAT_STATUSES,
    Activity,
    EventStatus,
    Registration,
    RegistrationStatus,
    TrainingEvent,
    certificate_path,
)

__all__ = [
    "BASIS_CHOICES",
    "FORM_CHOICES",
    "LEVEL_VALIDATORS",
    "MANUAL_SOURCE",
    "NEED_SOURCE_CHOICES",
    "SEAT_STATUSES",
    "Activity",
    "Competency",
    "CompetencyKind",
    "ConversionRuleSetting",
    "DevelopmentNeed",
    "DevelopmentPlan",
    "EmployeeCompetency",
    "EmployeeScopedQuerySet",
    "EventStatus",
    "ExternalActivityReport",
    "JpEntry",
    "NeedStatus",
    "PlanDocument",
    "PlanItem",
    "PlanItemStatus",
    "PlanStatus",
    "PositionCompetency",
    "Registration",
    "RegistrationStatus",
    "ReportStatus",
    "TrainingEvent",
    "certificate_path",
]
