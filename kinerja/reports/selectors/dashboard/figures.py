"""The dashboard's figures: one group's counts (`Figures`, also the total row), a point of the
trend over the year's periods, and the dashboard they make up."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kinerja.evaluation.domain import OrgPredicate, Predicate, Violation
from kinerja.evaluation.models import Period
from kinerja.organisations.models import OrgUnit
from kinerja.planning.domain.orgplan import MONITORING_LABELS, MonitoringStatus

SKP_COLUMNS = tuple(MonitoringStatus)


def _pct(numerator: int | float | Decimal, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class Figures:
    """The figures of one group (or of the whole scope, for the total row)."""

    key: str
    name: str
    unit: OrgUnit | None = None
    headcount: int = 0
    skp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SKP_COLUMNS, 0))
    indicators: int = 0
    realised: int = 0
    achievement_sum: float = 0.0
    evaluated: int = 0
    predicates: dict[Predicate, int] = field(default_factory=lambda: dict.fromkeys(Predicate, 0))
    appeals: int = 0
    appeals_open: int = 0
    appeals_changed: int = 0
    pns: int = 0
    pns_met: int = 0
    pppk: int = 0
    org_result: OrgPredicate | None = None
    violations: list[Violation] = field(default_factory=list)
    adoption: object | None = None
    # Per period of the year (period id → count): this group's share of the trend.
    realised_by_period: dict[int, int] = field(default_factory=dict)
    evaluated_by_period: dict[int, int] = field(default_factory=dict)
    seen: bool = False  # some record of the group was counted (groups without any are not shown)

    @property
    def skp_total(self) -> int:
        return sum(n for status, n in self.skp.items() if status != MonitoringStatus.NONE)

    @property
    def approved(self) -> int:
        return self.skp[MonitoringStatus.APPROVED]

    @property
    def approved_pct(self) -> Decimal | None:
        return _pct(self.approved, self.headcount)

    @property
    def realised_pct(self) -> Decimal | None:
        return _pct(self.realised, self.indicators)

    @property
    def mean_achievement(self) -> Decimal | None:
        if not self.realised:
            return None
        return Decimal(self.achievement_sum / self.realised).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def evaluated_pct(self) -> Decimal | None:
        return _pct(self.evaluated, self.approved)

    @property
    def jp_pct(self) -> Decimal | None:
        return _pct(self.pns_met, self.pns)

    @property
    def predicate_total(self) -> int:
        return sum(self.predicates.values())

    @property
    def skp_rows(self) -> list[tuple[str, str, int]]:
        return [(s.value, MONITORING_LABELS[s], self.skp[s]) for s in SKP_COLUMNS]

    @property
    def predicate_rows(self) -> list[tuple[Predicate, int]]:
        return [(p, self.predicates[p]) for p in Predicate]


@dataclass
class TrendPoint:
    period: Period
    evaluated: int
    realised: int
    evaluated_pct: Decimal | None
    realised_pct: Decimal | None


@dataclass
class Dashboard:
    year: int
    scope: OrgUnit | None
    period: Period | None
    periods: list[Period]
    groups: list[Figures]
    total: Figures
    trend: list[TrendPoint]
    breadcrumbs: list[OrgUnit]

    @property
    def title(self) -> str:
        return self.scope.name if self.scope is not None else "Kabupaten Aceh Barat Daya"
