"""What the official documents state: the content of an employee's periodic or annual evaluation
document (and the snapshot its hash is taken of), and the statement of a signed penetapan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from kinerja.core.documents import canonical_digest
from kinerja.planning.domain.behaviour import BERAKHLAK, CoreValue
from kinerja.planning.models import BehaviourExpectation, Indicator, Rhk, Skp

from ..domain import OrgPredicate, Predicate
from ..models import (
    Appeal,
    AppealStatus,
    Evaluation,
    Evidence,
    Feedback,
    OrgResult,
    Period,
    PredicateDetermination,
    Realisation,
)
from ..selectors.achievement import IndicatorProgress, progress_rows
from ..selectors.annual import annual_overview

PERIODIC, ANNUAL, DETERMINATION = "EVP", "EVT", "PPK"
TITLES = {
    PERIODIC: "Evaluasi Kinerja Pegawai Periodik",
    ANNUAL: "Dokumen Evaluasi Kinerja Pegawai (Tahunan)",
    DETERMINATION: "Penetapan Predikat Kinerja Pegawai",
}


# --- the content of an evaluation document --------------------------------------------------


@dataclass
class RhkBlock:
    rhk: Rhk
    rows: list[IndicatorProgress]
    feedback: list[Feedback]
    evidence_count: int = 0


@dataclass
class ValueBlock:
    value: CoreValue
    expectation: str
    feedback: list[Feedback]


@dataclass
class EvaluationContent:
    evaluation: Evaluation
    skp: Skp
    period: Period
    utama: list[RhkBlock]
    tambahan: list[RhkBlock]
    values: list[ValueBlock]
    periods: list[Evaluation] = field(default_factory=list)
    appeal: Appeal | None = None
    org_result: OrgResult | None = None
    annual_rule: str = ""

    @property
    def kind(self) -> str:
        return ANNUAL if self.period.is_annual else PERIODIC


def _realisations(skp: Skp, period: Period, indicator_ids: list[int]) -> dict[int, Realisation]:
    """The period's realisation per indicator. For the year, a missing annual entry falls back
    to the latest periodic one (realisation values are cumulative)."""
    qs = Realisation.objects.filter(indicator_id__in=indicator_ids)
    if not period.is_annual:
        return {r.indicator_id: r for r in qs.filter(period=period)}
    chosen: dict[int, Realisation] = {}
    rows = qs.filter(period__year=period.year).select_related("period").order_by("period__end")
    for realisation in rows:
        current = chosen.get(realisation.indicator_id)
        if current is None or not current.period.is_annual:
            chosen[realisation.indicator_id] = realisation
    return chosen


def evaluation_content(evaluation: Evaluation) -> EvaluationContent:
    """Everything the evaluation document shows, in a fixed number of queries."""
    evaluation = Evaluation.objects.select_related(
        "skp__employee", "skp__unit", "skp__position", "period"
    ).get(pk=evaluation.pk)
    skp, period = evaluation.skp, evaluation.period
    indicators = list(
        Indicator.objects.filter(rhk__skp=skp)
        .select_related("rhk__parent")
        .order_by("-rhk__group", "rhk__order", "rhk_id", "order", "id")
    )
    rhks = list(skp.rhks.select_related("parent").order_by("-group", "order", "id"))
    realisations = _realisations(skp, period, [i.pk for i in indicators])
    rows = progress_rows(skp, period, indicators, realisations)
    feedback = Feedback.objects.filter(skp=skp).select_related("rhk").order_by("created_at", "id")
    if not period.is_annual:
        feedback = feedback.filter(Q(period=period) | Q(period__isnull=True))
    by_rhk: dict[int, list[Feedback]] = defaultdict(list)
    by_value: dict[str, list[Feedback]] = defaultdict(list)
    for item in feedback:
        if item.rhk_id:
            by_rhk[item.rhk_id].append(item)
        if item.value_code:
            by_value[item.value_code].append(item)
    evidence = Evidence.objects.filter(skp=skp, appeal__isnull=True)
    evidence = evidence.filter(period__year=period.year) if period.is_annual else evidence
    if not period.is_annual:
        evidence = evidence.filter(period=period)
    evidence_by_rhk: dict[int | None, int] = defaultdict(int)
    for rhk_id in evidence.values_list("realisation__indicator__rhk_id", flat=True):
        evidence_by_rhk[rhk_id] += 1
    rows_by_rhk: dict[int, list[IndicatorProgress]] = defaultdict(list)
    for row in rows:
        rows_by_rhk[row.indicator.rhk_id].append(row)
    blocks = [
        RhkBlock(
            rhk=rhk,
            rows=rows_by_rhk.get(rhk.pk, []),
            feedback=by_rhk.get(rhk.pk, []),
            evidence_count=evidence_by_rhk.get(rhk.pk, 0),
        )
        for rhk in rhks
    ]
    expectations = {
        e.value_code: e.text for e in BehaviourExpectation.objects.filter(skp=skp).only("text")
    }
    periods: list[Evaluation] = []
    org_result, rule = None, ""
    if period.is_annual:
        org_result = OrgResult.objects.filter(
            unit_id=agency_id(skp), year=period.year, period__isnull=True
        ).first()
        overview = annual_overview(skp)
        periods, rule = overview.periods, overview.rule.label
    appeal = (
        Appeal.objects.filter(evaluation=evaluation, status=AppealStatus.DECIDED)
        .order_by("-decided_at")
        .first()
    )
    return EvaluationContent(
        evaluation=evaluation,
        skp=skp,
        period=period,
        utama=[b for b in blocks if b.rhk.group == "utama"],
        tambahan=[b for b in blocks if b.rhk.group != "utama"],
        values=[
            ValueBlock(v, expectations.get(v.code, ""), by_value.get(v.code, [])) for v in BERAKHLAK
        ],
        periods=periods,
        appeal=appeal,
        org_result=org_result,
        annual_rule=rule,
    )


def _number(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def evaluation_snapshot(content: EvaluationContent) -> dict[str, Any]:
    """The data the document prints, as plain values (its digest is the content hash)."""
    e, skp = content.evaluation, content.skp

    def block(b: RhkBlock) -> dict[str, Any]:
        return {
            "rhk": b.rhk.text,
            "indicators": [
                {
                    "text": r.indicator.text,
                    "target": r.indicator.target_display,
                    "value": _number(r.realisation.value) if r.realisation else None,
                    "realisation": r.realisation.text if r.realisation else "",
                    "narrative": r.realisation.narrative if r.realisation else "",
                }
                for r in b.rows
            ],
            "feedback": [[f.pk, f.author_name, f.text] for f in b.feedback],
            "evidence": b.evidence_count,
        }

    return {
        "kind": content.kind,
        "employee": [skp.employee_name, skp.employee.nip, skp.position_name, skp.unit_name],
        "assessor": [e.assessor_name, e.assessor_nip, e.assessor_position],
        "period": [content.period.year, content.period.label],
        "utama": [block(b) for b in content.utama],
        "tambahan": [block(b) for b in content.tambahan],
        "values": [
            [v.value.code, v.expectation, [f.pk for f in v.feedback]] for v in content.values
        ],
        "ratings": [e.work_rating, e.behaviour_rating, e.predicate],
        "flags": [e.work_from_org_result, e.is_calibrated, e.is_final],
        "delivered_on": e.delivered_on,
        "acknowledged_at": e.acknowledged_at,
        "periods": [[p.period.label, p.predicate] for p in content.periods],
        "appeal": [content.appeal.pk, content.appeal.decision] if content.appeal else None,
        "org": content.org_result.predicate if content.org_result else None,
    }


def evaluation_statement(content: EvaluationContent) -> dict[str, Any]:
    """What the verification page may repeat: only what the printed document states."""
    e, skp = content.evaluation, content.skp
    return {
        "title": TITLES[content.kind],
        "employee": skp.employee_name,
        "position": skp.position_name,
        "agency": skp.agency_name,
        "period": f"{content.period.label} {content.period.year}",
        "predicate": e.predicate_label,
        "assessor": e.assessor_name,
        "date": e.delivered_on.isoformat(),
    }


# --- the penetapan predikat kinerja -------------------------------------------------------


def determination_statement(determination: PredicateDetermination) -> dict[str, Any]:
    data = determination.distribution
    org = data.get("org_predicate")
    return {
        "title": TITLES[DETERMINATION],
        "agency": data.get("agency", ""),
        "year": data.get("year"),
        "org_predicate": OrgPredicate(org).label if org else "",
        "total": data.get("total", 0),
        "counts": [[Predicate(p).label, data.get("counts", {}).get(p, 0)] for p in Predicate],
        "signer": determination.signer_name,
        "signer_position": determination.signer_position,
        "date": timezone.localdate(determination.signed_at).isoformat(),
    }


def determination_is_intact(determination: PredicateDetermination) -> bool:
    """The signed distribution still hashes to the value frozen when it was signed."""
    return canonical_digest(determination.distribution) == determination.content_hash


def agency_id(skp: Skp) -> int | None:
    unit = skp.unit
    return (unit.agency_id or unit.pk) if unit is not None else None
