"""The link from evaluation results to development needs.

The development app must work before the evaluation app stores results, so needs from performance
gaps come through a small provider protocol: a function that answers, for an employee and a year,
the predicate, the behaviour ratings and the RHK achievements. The default provider answers
nothing; the evaluation app supplies a real one (pass it to `derive_needs_for`, or name it in the
`KINERJA_PERFORMANCE_SIGNALS` setting as a dotted path).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .domain import RhkAchievement


@dataclass(frozen=True)
class PerformanceSignals:
    """What the evaluation says about an employee's year (empty when not evaluated yet)."""

    predicate: str | None = None
    behaviour_ratings: Mapping[str, str] = field(default_factory=dict)
    rhk_achievements: Sequence[RhkAchievement] = ()


class PerformanceSignalsProvider(Protocol):
    def __call__(self, *, employee_id: int, year: int) -> PerformanceSignals: ...


def no_performance_signals(*, employee_id: int, year: int) -> PerformanceSignals:
    """The default: no evaluation results are known."""
    return PerformanceSignals()


def configured_provider() -> PerformanceSignalsProvider:
    path = getattr(settings, "KINERJA_PERFORMANCE_SIGNALS", "")
    return import_string(path) if path else no_performance_signals
