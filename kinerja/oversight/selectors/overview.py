"""All kinds together: the findings a user may see, newest first, and their tally by kind."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .evidence import evidence_reuse
from .kinds import Filters, Finding, Kind
from .results import calibrations, changed_appeals, rating_deviations
from .timeliness import late_evaluations, late_skp_approvals, reopenings

SOURCES = {
    Kind.RATING_DEVIATION: rating_deviations,
    Kind.CALIBRATION: calibrations,
    Kind.REOPENED: reopenings,
    Kind.LATE_SKP_APPROVAL: late_skp_approvals,
    Kind.LATE_EVALUATION: late_evaluations,
    Kind.EVIDENCE_REUSE: evidence_reuse,
    Kind.APPEAL_CHANGED: changed_appeals,
}


def findings(user, filters: Filters) -> list[Finding]:
    """All exceptions the user may see, newest first (a constant number of queries)."""
    kinds = [Kind(filters.kind)] if filters.kind in set(Kind) else list(Kind)
    found: list[Finding] = []
    for kind in kinds:
        found.extend(SOURCES[kind](user, filters))
    found.sort(key=lambda f: (f.when or dt.date.min, f.kind.value, f.ref), reverse=True)
    return found


def counts(found: list[Finding]) -> list[tuple[Kind, int]]:
    tally: dict[Kind, int] = defaultdict(int)
    for f in found:
        tally[f.kind] += 1
    return [(k, tally[k]) for k in Kind]
