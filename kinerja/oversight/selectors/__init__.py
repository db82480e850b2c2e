"""Exceptions worth an auditor's look, read from the evaluation and planning records.

Each kind is one query (evidence reuse: two), whatever the number of rows, so the page and its
Excel export cost a constant number of queries. Rows hang off an SKP and are scoped through
`Skp.objects.visible_to(user)` like every other read of the cycle. Modules by concern:

- `kinds`: the kinds of exception, a `Finding`, and the page's `Filters`;
- `results`: ratings departing from the evidence, calibrations, appeals that changed the result;
- `timeliness`: reopened periods, late SKP approvals, late evaluations;
- `evidence`: the same file uploaded by more than one employee;
- `overview`: all kinds together, newest first, and their counts.
"""

from .evidence import evidence_reuse
from .kinds import KIND_LABELS, Filters, Finding, Kind
from .overview import SOURCES, counts, findings
from .results import calibrations, changed_appeals, rating_deviations
from .timeliness import late_evaluations, late_skp_approvals, reopenings

__all__ = [
    "KIND_LABELS",
    "SOURCES",
    "Filters",
    "Finding",
    "Kind",
    "calibrations",
    "changed_appeals",
    "counts",
    "evidence_reuse",
    "findings",
    "late_evaluations",
    "late_skp_approvals",
    "rating_deviations",
    "reopenings",
]
