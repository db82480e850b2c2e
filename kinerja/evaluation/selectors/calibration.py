"""The calibration page per perangkat daerah: counts, the allowed pattern and its breaches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

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


@dataclass
class CalibrationPage:
    """The agency's distribution summary; the employees themselves are listed page by page by
    `calibration_employees`, so the page costs the same for 20 or 2,000 employees."""

    agency: OrgUnit
    year: int
    annual: Period | None
    org_result: OrgResult | None
    counts: dict[Predicate, int]
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


RECENT_ADJUSTMENTS = 10


def _annual_of_agency(agency: OrgUnit, year: int, prefix: str = "") -> Q:
    return agency_q(agency, f"{prefix}skp__") & Q(
        **{f"{prefix}period__year": year, f"{prefix}period__kind": PeriodKind.ANNUAL}
    )


def agency_calibration(user, *, agency: OrgUnit, year: int) -> CalibrationPage:
    """The calibration summary of an agency: counts (one aggregate query), the allowed pattern,
    its breaches, the latest adjustments and the determination, in a constant number of queries."""
    annual = Period.objects.filter(year=year, kind=PeriodKind.ANNUAL).first()
    org_result = OrgResult.objects.filter(unit=agency, year=year, period__isnull=True).first()
    counts = predicate_counts(agency, year)
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
        )
        for p in Predicate
    ]
    adjustments = list(
        CalibrationAdjustment.objects.filter(_annual_of_agency(agency, year, "evaluation__"))
        .select_related("evaluation__skp")
        .only(
            "id",
            "from_predicate",
            "to_predicate",
            "reason",
            "at",
            "evaluation__id",
            "evaluation__skp__id",
            "evaluation__skp__employee_name",
        )
        .order_by("-at", "-id")[:RECENT_ADJUSTMENTS]
    )
    return CalibrationPage(
        agency=agency,
        year=year,
        annual=annual,
        org_result=org_result,
        counts=counts,
        violations=violations,
        rules=rules,
        groups=groups,
        adjustments=adjustments,
        determination=PredicateDetermination.objects.filter(agency=agency, year=year).first(),
        notes=notes,
    )


def calibration_employees(
    user, *, agency: OrgUnit, year: int, predicate: str = "", query: str = ""
) -> QuerySet[Evaluation]:
    """The agency's annual evaluations the user may see, by name, filtered by predicate and by
    name or NIP; only the shown columns are read, so a page of 50 is one small query."""
    qs = (
        Evaluation.objects.visible_to(user)
        .filter(_annual_of_agency(agency, year))
        .select_related("skp", "skp__employee")
        .only(
            "id",
            "version",
            "predicate",
            "is_calibrated",
            "is_final",
            "skp__id",
            "skp__employee_name",
            "skp__position_name",
            "skp__employee__id",
            "skp__employee__nip",
        )
    )
    if predicate in {p.value for p in Predicate}:
        qs = qs.filter(predicate=predicate)
    query = (query or "").strip()
    if query:
        digits = query.replace(" ", "")
        if digits.isdigit():
            qs = qs.filter(skp__employee__nip__startswith=digits)
        else:
            for word in query.split():
                qs = qs.filter(skp__employee_name__icontains=word)
    return qs.order_by("skp__employee_name", "id")


@dataclass(frozen=True)
class DeterminedEmployee:
    """One employee as frozen into the signed penetapan."""

    evaluation_id: int
    skp_id: int
    employee_id: int
    nip: str
    name: str
    position: str
    predicate: str
    calibrated: bool


def determination_employees(agency: OrgUnit, year: int) -> list[DeterminedEmployee]:
    """Every annual predicate of the agency, by name, as plain values (one query)."""
    rows = (
        Evaluation.objects.filter(_annual_of_agency(agency, year))
        .order_by("skp__employee_name", "id")
        .values_list(
            "id",
            "skp_id",
            "skp__employee_id",
            "skp__employee__nip",
            "skp__employee_name",
            "skp__position_name",
            "predicate",
            "is_calibrated",
        )
    )
    return [DeterminedEmployee(*row) for row in rows]


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
