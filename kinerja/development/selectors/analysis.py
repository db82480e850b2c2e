"""Regency planning reads: the training-needs analysis and the consolidated development plans."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Count,
)

from ..domain import (
    ActivityForm,
)
from ..models import (
    DevelopmentNeed,
    DevelopmentPlan,
    NeedStatus,
    PlanItem,
)


@dataclass
class NeedsAnalysis:
    agencies: list[str]
    competencies: list[str]
    counts: dict[tuple[str, str], int]
    totals: dict[str, int]

    def row(self, competency: str) -> list[int]:
        return [self.counts.get((competency, a), 0) for a in self.agencies]


def needs_analysis(user, year: int) -> NeedsAnalysis:
    """Regency training-needs analysis: open needs by competency × agency (one query)."""

    rows = (
        DevelopmentNeed.objects.visible_to(user)
        .filter(year=year)
        .exclude(status=NeedStatus.CLOSED)
        .values("competency__name", "source", "employee__unit__agency__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    agencies: set[str] = set()
    for row in rows:
        competency = row["competency__name"] or _SOURCE_AS_TOPIC.get(row["source"], "Lainnya")
        agency = row["employee__unit__agency__name"] or "Tanpa perangkat daerah"
        counts[(competency, agency)] += row["n"]
        totals[competency] += row["n"]
        agencies.add(agency)
    competencies = sorted(totals, key=lambda c: (-totals[c], c))
    return NeedsAnalysis(sorted(agencies), competencies, dict(counts), dict(totals))


@dataclass
class PlannedActivity:
    """One activity across the plans in scope: who plans it, when, and in which agencies."""

    name: str
    form: str
    agreed: int = 0
    draft: int = 0
    by_quarter: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 5), 0))
    by_agency: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.agreed + self.draft

    @property
    def quarters(self) -> list[int]:
        return [self.by_quarter[q] for q in range(1, 5)]

    @property
    def agencies(self) -> list[tuple[str, int]]:
        return sorted(self.by_agency.items(), key=lambda a: (-a[1], a[0]))


@dataclass
class AgencyPlans:
    name: str
    agreed: int = 0
    draft: int = 0


@dataclass
class PlanConsolidation:
    activities: list[PlannedActivity]
    agencies: list[AgencyPlans]


def plan_consolidation(user, year: int) -> PlanConsolidation:
    """The year's individual plans consolidated per activity, quarter and agency (two queries),
    for BKPSDM (the regency) or an agency admin (their agency) to plan and budget trainings."""

    plans = DevelopmentPlan.objects.visible_to(user).filter(year=year)
    rows = (
        PlanItem.objects.filter(plan__in=plans)
        .values(
            "activity__name",
            "activity__form",
            "event__title",
            "event__activity__form",
            "quarter",
            "plan__status",
            "plan__employee__unit__agency__name",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    activities: dict[tuple[str, str], PlannedActivity] = {}
    for row in rows:
        name = row["event__title"] or row["activity__name"] or "-"
        form = row["event__activity__form"] or row["activity__form"] or ""
        label = ActivityForm(form).label if form in ActivityForm._value2member_map_ else ""
        entry = activities.setdefault((name, label), PlannedActivity(name, label))
        if row["plan__status"] == "agreed":
            entry.agreed += row["n"]
        else:
            entry.draft += row["n"]
        entry.by_quarter[row["quarter"]] += row["n"]
        agency = row["plan__employee__unit__agency__name"] or "Tanpa perangkat daerah"
        entry.by_agency[agency] = entry.by_agency.get(agency, 0) + row["n"]
    agencies: dict[str, AgencyPlans] = {}
    for row in (
        plans.values("employee__unit__agency__name", "status").annotate(n=Count("id")).order_by()
    ):
        name = row["employee__unit__agency__name"] or "Tanpa perangkat daerah"
        entry = agencies.setdefault(name, AgencyPlans(name))
        if row["status"] == "agreed":
            entry.agreed += row["n"]
        else:
            entry.draft += row["n"]
    return PlanConsolidation(
        activities=sorted(activities.values(), key=lambda a: (-a.total, a.name)),
        agencies=sorted(agencies.values(), key=lambda a: a.name),
    )


_SOURCE_AS_TOPIC = {
    "performance_predicate": "Rencana perbaikan kinerja",
    "behaviour": "Perilaku kerja (BerAKHLAK)",
    "rhk_below_target": "Capaian RHK",
}
