"""The calibration page per perangkat daerah: counts, the allowed pattern and its breaches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from ..domain import (
    DistributionRule,
    OrgPredicate,
    Predicate,
    Violation,
    allowed_counts,
    check_distribution,
    rules_for,
)
from ..models import (
    CalibrationAdjustment,
    Evaluation,
    OrgResult,
    Period,
    PeriodKind,
    PredicateDetermination,
)


def agency_q(agency: OrgUnit, prefix: str = "skp__") -> Q:
    return Q(**{f"{prefix}unit__agency": agency}) | Q(**{f"{prefix}unit": agency})


def can_view_calibration(user, agency: OrgUnit) -> bool:
    access = access_for(user)
    return (
        access.sees_all
        or agency.pk in access.headed_unit_ids
        or access.manages_unit_path(agency.path)
    )


def predicate_counts(agency: OrgUnit, year: int) -> dict[Predicate, int]:
    """Annual predicates of the agency's employees, counted by the database (one query)."""
    rows = (
        Evaluation.objects.filter(
            agency_q(agency), period__year=year, period__kind=PeriodKind.ANNUAL
        )
        .values("predicate")
        .annotate(n=Count("id"))
    )
    return {Predicate(r["predicate"]): r["n"] for r in rows}


@dataclass
class GroupRow:
    predicate: Predicate
    count: int
    low: int | None
    high: int | None
    in_breach: bool
    names: list[str]


@dataclass
class CalibrationPage:
    agency: OrgUnit
    year: int
    annual: Period | None
    org_result: OrgResult | None
    counts: dict[Predicate, int]
    evaluations: list[Evaluation]
    violations: list[Violation]
    rules: tuple[DistributionRule, ...]
    groups: list[GroupRow]
    adjustments: list[CalibrationAdjustment]
    determination: PredicateDetermination | None
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def org_predicate(self) -> OrgPredicate | None:
        return OrgPredicate(self.org_result.predicate) if self.org_result else None


def agency_calibration(user, *, agency: OrgUnit, year: int) -> CalibrationPage:
    """Everything the calibration page shows, in a constant number of queries."""
    annual = Period.objects.filter(year=year, kind=PeriodKind.ANNUAL).first()
    org_result = OrgResult.objects.filter(unit=agency, year=year, period__isnull=True).first()
    evaluations = list(
        Evaluation.objects.filter(
            agency_q(agency), period__year=year, period__kind=PeriodKind.ANNUAL
        )
        .select_related("skp", "skp__employee")
        .order_by("skp__employee_name", "id")
    )
    counts = predicate_counts(agency, year)
    by_predicate: dict[str, list[str]] = defaultdict(list)
    for evaluation in evaluations:
        by_predicate[evaluation.predicate].append(evaluation.skp.employee_name)
    violations: list[Violation] = []
    rules: tuple[DistributionRule, ...] = ()
    bounds: dict[Predicate, tuple[int, int]] = {}
    notes = []
    total = sum(counts.values())
    if org_result is not None:
        org = OrgPredicate(org_result.predicate)
        violations = check_distribution(org, counts)
        rules = rules_for(org)
        bounds = allowed_counts(org, total)
        if org is OrgPredicate.BAIK and total == 1:
            notes.append("Unit dengan satu pegawai tidak dapat memenuhi pola untuk capaian Baik.")
    else:
        notes.append("Capaian kinerja organisasi tahun ini belum ditetapkan oleh Bupati.")
    breached = {p for v in violations for p in v.predicates}
    groups = [
        GroupRow(
            predicate=p,
            count=counts.get(p, 0),
            low=bounds[p][0] if p in bounds else None,
            high=bounds[p][1] if p in bounds else None,
            in_breach=p in breached,
            names=by_predicate.get(p.value, []),
        )
        for p in Predicate
    ]
    return CalibrationPage(
        agency=agency,
        year=year,
        annual=annual,
        org_result=org_result,
        counts=counts,
        evaluations=evaluations,
        violations=violations,
        rules=rules,
        groups=groups,
        adjustments=list(
            CalibrationAdjustment.objects.filter(evaluation__in=[e.pk for e in evaluations])
            .select_related("evaluation__skp", "by")
            .order_by("-at")
        ),
        determination=PredicateDetermination.objects.filter(agency=agency, year=year).first(),
        notes=notes,
    )


def regency_distribution(year: int) -> dict[int, dict[Predicate, int]]:
    """Annual predicate counts for every perangkat daerah in one aggregate query."""
    rows = (
        Evaluation.objects.filter(period__year=year, period__kind=PeriodKind.ANNUAL)
        .values("skp__unit__agency_id", "predicate")
        .annotate(n=Count("id"))
    )
    result: dict[int, dict[Predicate, int]] = defaultdict(dict)
    for row in rows:
        result[row["skp__unit__agency_id"]][Predicate(row["predicate"])] = row["n"]
    return dict(result)
