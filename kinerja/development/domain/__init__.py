"""Pure rules of the development app (no Django): activity forms, JP conversion, the yearly JP
duty, and development needs drawn from competency and performance gaps."""

from .activities import ActivityForm, LearningPath
from .conversion import (
    DEFAULT_RULES,
    MINUTES_PER_JP,
    ConversionBasis,
    ConversionRule,
    JpResult,
    compute_jp,
)
from .duty import (
    MINIMUM_DUTY_STATUSES,
    PNS_MINIMUM_JP,
    PPPK_CAP_JP,
    AsnStatus,
    JpProgress,
    JpTarget,
    is_below_target,
    jp_target,
    progress,
)
from .needs import (
    BEHAVIOUR_LABELS,
    BERAKHLAK_AS_A_WHOLE,
    IMPROVEMENT_PLAN_CODE,
    CompetencyGap,
    DevelopmentNeed,
    NeedSource,
    RhkAchievement,
    derive_needs,
)

__all__ = [
    "BEHAVIOUR_LABELS",
    "BERAKHLAK_AS_A_WHOLE",
    "DEFAULT_RULES",
    "IMPROVEMENT_PLAN_CODE",
    "MINIMUM_DUTY_STATUSES",
    "MINUTES_PER_JP",
    "PNS_MINIMUM_JP",
    "PPPK_CAP_JP",
    "ActivityForm",
    "AsnStatus",
    "CompetencyGap",
    "ConversionBasis",
    "ConversionRule",
    "DevelopmentNeed",
    "JpProgress",
    "JpResult",
    "JpTarget",
    "LearningPath",
    "NeedSource",
    "RhkAchievement",
    "compute_jp",
    "derive_needs",
    "is_below_target",
    "jp_target",
    "progress",
]
