"""What a group's figures carry besides its counts: its unit's organisation result with the
breaches of the distribution pattern, and (agencies only) adoption."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from kinerja.evaluation.domain import OrgPredicate, check_distribution
from kinerja.evaluation.models import OrgResult, Period

from .figures import Figures


def attach_org_results(groups: Iterable[Figures], *, year: int, period: Period | None) -> None:
    """The organisation result of each group's unit (the period's, else the year's) and the
    breaches of the SE MenPANRB 3/2023 pattern it allows (evaluation's domain rules); one query."""
    groups = list(groups)
    units = [f.unit for f in groups if f.unit is not None]
    for figures in groups:
        figures.org_result, figures.violations = None, []
    if not units:
        return
    results = OrgResult.objects.filter(unit__in=units, year=year)
    if period is not None and not period.is_annual:
        results = results.filter(Q(period=period) | Q(period__isnull=True))
    else:
        results = results.filter(period__isnull=True)
    chosen: dict[int, OrgResult] = {}
    for result in results:
        current = chosen.get(result.unit_id)
        if current is None or (current.period_id is None and result.period_id is not None):
            chosen[result.unit_id] = result
    for figures in groups:
        if figures.unit is None or figures.unit.pk not in chosen:
            continue
        figures.org_result = OrgPredicate(chosen[figures.unit.pk].predicate)
        figures.violations = check_distribution(figures.org_result, figures.predicates)


def _attach_adoption(groups, year: int) -> None:
    """Adoption per agency from the adoption app (only for groups that are agencies): who has
    ever signed in, of the agency's active employees."""
    agency_ids = [f.unit.pk for f in groups if f.unit is not None and f.unit.is_agency]
    if not agency_ids:
        return
    from kinerja.adoption.selectors import sign_ins

    figures_by_id = sign_ins(agency_ids=agency_ids)
    for figures in groups:
        if figures.unit is not None:
            figures.adoption = figures_by_id.get(figures.unit.pk)
