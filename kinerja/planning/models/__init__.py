"""Planning models: organisational goals, the Perjanjian Kinerja with its IKU, and the SKP with
its RHK, indicators, expectations, lampiran, versions, printed documents and example RHK.

The choices enums and label tables the fields are built from are re-exported too, as they were
importable from this module before it became a package.
"""

from ..domain.behaviour import BERAKHLAK
from ..domain.forms import (
    APPROACH_LABELS,
    ASPECT_LABELS,
    ATTACHMENT_LABELS,
    CASCADING_LABELS,
    GROUP_LABELS,
    PERSPECTIVE_LABELS,
    Approach,
    FormType,
)
from ..domain.workflow import STATUS_LABELS, SkpStatus
from .content import BehaviourExpectation, Indicator, Rhk, SkpAttachment
from .examples import RhkExample
from .org_plans import AgreementTarget, OrgGoal, PerformanceAgreement, PerformanceAgreementQuerySet
from .skp import Skp, SkpDocument, SkpQuerySet, SkpVersion

__all__ = [
    "APPROACH_LABELS",
    "ASPECT_LABELS",
    "ATTACHMENT_LABELS",
    "BERAKHLAK",
    "CASCADING_LABELS",
    "GROUP_LABELS",
    "PERSPECTIVE_LABELS",
    "STATUS_LABELS",
    "AgreementTarget",
    "Approach",
    "BehaviourExpectation",
    "FormType",
    "Indicator",
    "OrgGoal",
    "PerformanceAgreement",
    "PerformanceAgreementQuerySet",
    "Rhk",
    "RhkExample",
    "Skp",
    "SkpAttachment",
    "SkpDocument",
    "SkpQuerySet",
    "SkpStatus",
    "SkpVersion",
]
