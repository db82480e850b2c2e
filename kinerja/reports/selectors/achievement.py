"""Capaian kinerja organisasi: each IKU of an agency's Perjanjian Kinerja with its achievement
for a period, and the organisation result proposed from it.

An IKU's realisation comes from the outcome data the agency entered for the period
(`OutcomeMeasurement`: e.g. a health service index) when there is one; otherwise from the
realisations of the JPT and administrator RHKs linked to it (a JPT RHK linked to the PK target,
or an administrator RHK intervening in such a JPT RHK): the mean of their indicators' achievement
against the target due by the period's end, computed by evaluation's own progress rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.db.models.functions import Coalesce

from kinerja.evaluation.domain import achievement_pct
from kinerja.evaluation.models import OrgResult, Period
from kinerja.evaluation.selectors.achievement import progress_for_many
from kinerja.organisations.models import OrgUnit
from kinerja.planning.models import AgreementTarget, PerformanceAgreement, Rhk, Skp

from ..domain import Proposal, period_target, propose_org_result
from ..models import OutcomeMeasurement

SOURCE_OUTCOME = "outcome"
SOURCE_RHK = "rhk"
SOURCE_LABELS = {
    SOURCE_OUTCOME: "Data capaian perangkat daerah",
    SOURCE_RHK: "Realisasi RHK JPT/administrator",
    "": "Belum ada data",
}


@dataclass
class IkuRow:
    target: AgreementTarget
    period_target: Decimal
    measurement: OutcomeMeasurement | None
    rhk_count: int
    rhk_indicator_count: int
    rhk_pct: Decimal | None

    @property
    def source(self) -> str:
        if self.measurement is not None:
            return SOURCE_OUTCOME
        return SOURCE_RHK if self.rhk_pct is not None else ""

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    @property
    def achievement(self) -> Decimal | None:
        if self.measurement is not None:
            return achievement_pct(
                self.period_target,
                None,
                self.measurement.value,
                lower_is_better=self.measurement.lower_is_better,
            ).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return self.rhk_pct

    @property
    def realisation_display(self) -> str:
        if self.measurement is not None:
            value = f"{self.measurement.value.normalize():f}".replace(".", ",")
            return f"{value} {self.target.target_unit}".strip()
        if self.rhk_pct is not None:
            return f"dari {self.rhk_indicator_count} indikator {self.rhk_count} RHK"
        return "—"

    @property
    def explanation(self) -> str:
        if self.measurement is not None:
            return self.measurement.explanation
        if self.rhk_pct is not None:
            return "Rata-rata capaian indikator RHK yang mengintervensi IKU ini."
        return ""


@dataclass
class Achievement:
    agency: OrgUnit
    year: int
    period: Period | None
    agreement: PerformanceAgreement | None
    rows: list[IkuRow]
    proposal: Proposal | None
    org_result: OrgResult | None

    @property
    def measured(self) -> list[IkuRow]:
        return [r for r in self.rows if r.achievement is not None]


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}".replace(".", ",")


def agency_achievement(*, agency: OrgUnit, year: int, period: Period | None) -> Achievement:
    """The agency's IKUs for the period with their achievement (a constant number of queries)."""
    agreement = (
        PerformanceAgreement.objects.filter(unit=agency, year=year).select_related("unit").first()
    )
    targets = list(agreement.targets.order_by("order", "id")) if agreement is not None else []
    rows: list[IkuRow] = []
    proposal = None
    org_result = None
    if period is not None:
        org_lookup = Q(period__isnull=True) if period.is_annual else Q(period=period)
        org_result = OrgResult.objects.filter(org_lookup, unit=agency, year=year).first()
    if not targets or period is None:
        return Achievement(agency, year, period, agreement, rows, proposal, org_result)
    measurements = {
        m.agreement_target_id: m
        for m in OutcomeMeasurement.objects.filter(agreement_target__in=targets, period=period)
    }
    # The RHKs linked to the targets first (a few ids): with `parent_id IN (those ids)` both sides
    # of the OR use their foreign-key index (a join to the parent under the OR, or a subquery,
    # scanned every RHK of the regency).
    linked_parents = list(
        Rhk.objects.filter(agreement_target__in=targets).values_list("pk", flat=True)
    )
    linked = list(
        Rhk.objects.filter(
            Q(agreement_target__in=targets) | Q(parent__in=linked_parents),
            skp__year=year,
            skp__is_closed=False,
        )
        .filter(Q(skp__form_type="jpt") | Q(skp__position_kind="administrator"))
        .annotate(iku_id=Coalesce("agreement_target_id", "parent__agreement_target_id"))
        .select_related("skp")
    )
    target_of_rhk = {rhk.pk: rhk.iku_id for rhk in linked}
    skps: dict[int, Skp] = {rhk.skp_id: rhk.skp for rhk in linked}
    progress = progress_for_many(list(skps.values()), period) if skps else {}
    pcts: dict[int, list[Decimal]] = {}
    rhks_with_data: dict[int, set[int]] = {}
    for skp_rows in progress.values():
        for row in skp_rows:
            iku_id = target_of_rhk.get(row.indicator.rhk_id)
            if iku_id is None or row.period_pct is None:
                continue
            pcts.setdefault(iku_id, []).append(row.period_pct)
            rhks_with_data.setdefault(iku_id, set()).add(row.indicator.rhk_id)
    for target in targets:
        values = pcts.get(target.pk, [])
        mean = (
            (sum(values) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if values
            else None
        )
        rows.append(
            IkuRow(
                target=target,
                period_target=period_target(
                    target.target_value,
                    [target.target_q1, target.target_q2, target.target_q3, target.target_q4],
                    period.kind,
                    period.number,
                ),
                measurement=measurements.get(target.pk),
                rhk_count=len(rhks_with_data.get(target.pk, ())),
                rhk_indicator_count=len(values),
                rhk_pct=mean,
            )
        )
    proposal = propose_org_result([r.achievement for r in rows if r.achievement is not None])
    return Achievement(agency, year, period, agreement, rows, proposal, org_result)


def annex_rows(achievement: Achievement) -> list[list[str]]:
    """The capaian kinerja annex (LKjIP): indicator, target, realisation, achievement, note."""
    rows = []
    for n, row in enumerate(achievement.rows, start=1):
        rows.append(
            [
                str(n),
                row.target.objective,
                row.target.indicator,
                f"{_fmt(row.period_target)} {row.target.target_unit}".strip(),
                row.realisation_display,
                f"{_fmt(row.achievement)}%" if row.achievement is not None else "—",
                row.explanation or row.source_label,
            ]
        )
    return rows


def agencies_achievement_means(*, year: int, agency_ids: list[int]) -> dict[int, Decimal]:
    """Mean IKU achievement per agency for the public page, from outcome data of the year's
    latest measured period (one query). RHK-derived figures stay on the agency's own page."""
    rows = (
        OutcomeMeasurement.objects.filter(
            agreement_target__agreement__year=year,
            agreement_target__agreement__unit_id__in=agency_ids,
            period__year=year,
        )
        .select_related("agreement_target__agreement", "period")
        .order_by("period__end", "period__kind")
    )
    by_agency: dict[int, dict[int, OutcomeMeasurement]] = {}
    for m in rows:
        agency_id = m.agreement_target.agreement.unit_id
        by_agency.setdefault(agency_id, {})[m.agreement_target_id] = m  # the latest wins
    result: dict[int, Decimal] = {}
    for agency_id, measured in by_agency.items():
        values = []
        for m in measured.values():
            t = m.agreement_target
            target = period_target(
                t.target_value,
                [t.target_q1, t.target_q2, t.target_q3, t.target_q4],
                m.period.kind,
                m.period.number,
            )
            values.append(
                min(achievement_pct(target, None, m.value, lower_is_better=m.lower_is_better), 200)
            )
        if values:
            result[agency_id] = (sum(values) / len(values)).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
    return result
