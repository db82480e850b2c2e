"""The official evaluation documents: the periodic and annual evaluation of one employee and the
penetapan predikat kinerja of a perangkat daerah, with verification code, QR and content hash.

Every printout is registered in the audit trail (action `evaluation.document_issued`, on the
evaluation or the determination) with its code, the SHA-256 of what it shows and a short
statement of what it states. The chain of the audit trail makes that register tamper-evident, and
no table of its own is needed. The code names the kind and the object (`EVP-12-…` periodic,
`EVT-12-…` annual, `PPK-3-…` penetapan) followed by random characters, so it cannot be guessed,
and printing the same content again gives the same code.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.audit.services import record
from kinerja.core.documents import GOVERNMENT, PLACE, canonical_digest, qr_data_uri, write_pdf
from kinerja.organisations.domain.nip import format_nip
from kinerja.planning.domain.behaviour import BERAKHLAK, CoreValue
from kinerja.planning.models import BehaviourExpectation, Indicator, Rhk, Skp

from .domain import OrgPredicate, Predicate
from .models import (
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
from .selectors.achievement import IndicatorProgress, progress_rows
from .selectors.annual import annual_overview

ISSUED = "evaluation.document_issued"
PERIODIC, ANNUAL, DETERMINATION = "EVP", "EVT", "PPK"
TITLES = {
    PERIODIC: "Evaluasi Kinerja Pegawai Periodik",
    ANNUAL: "Dokumen Evaluasi Kinerja Pegawai (Tahunan)",
    DETERMINATION: "Penetapan Predikat Kinerja Pegawai",
}
_MODELS = {
    PERIODIC: Evaluation,
    ANNUAL: Evaluation,
    DETERMINATION: PredicateDetermination,
}
CODE_RE = re.compile(r"^(EVP|EVT|PPK)-([1-9][0-9]{0,9})-([0-9A-F]{10})$")


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
            unit_id=_agency_id(skp), year=period.year, period__isnull=True
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


# --- the register of printouts ------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    code: str
    kind: str
    content_hash: str
    issued_at: dt.datetime
    statement: dict[str, Any]


def _events(obj: Any):
    return AuditEvent.objects.filter(
        action=ISSUED, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("seq")


def _issued(event: AuditEvent) -> Issued:
    after = event.after or {}
    return Issued(
        code=after["code"],
        kind=after["kind"],
        content_hash=after["hash"],
        issued_at=event.created_at,
        statement=after.get("statement") or {},
    )


@transaction.atomic
def issue(
    *, actor: Any, obj: Any, kind: str, digest: str, statement: dict[str, Any], agency_id=None
) -> Issued:
    """Register a printout; the same content printed again reuses its code."""
    for event in _events(obj):
        if (event.after or {}).get("hash") == digest:
            return _issued(event)
    code = f"{kind}-{obj.pk}-{secrets.token_hex(5).upper()}"
    event = record(
        actor=actor,
        action=ISSUED,
        obj=obj,
        agency_id=agency_id,
        after={"code": code, "kind": kind, "hash": digest, "statement": statement},
    )
    return _issued(event)


@dataclass(frozen=True)
class Verification:
    issued: Issued
    is_current: bool


def verify(code: str) -> Verification | None:
    """The printout a code names, and whether the stored content still matches it."""
    match = CODE_RE.match((code or "").strip().upper()[:40])
    if match is None:
        return None
    kind, pk = match.group(1), int(match.group(2))
    model = _MODELS[kind]
    events = AuditEvent.objects.filter(
        action=ISSUED, object_type=model._meta.label_lower, object_id=str(pk)
    )
    found = next((e for e in events if (e.after or {}).get("code") == match.group(0)), None)
    if found is None:
        return None
    issued = _issued(found)
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        return Verification(issued, is_current=False)
    if kind == DETERMINATION:
        current = determination_is_intact(obj) and obj.content_hash == issued.content_hash
    else:
        current = canonical_digest(evaluation_snapshot(evaluation_content(obj))) == (
            issued.content_hash
        )
    return Verification(issued, is_current=current)


def verify_path(code: str) -> str:
    return reverse("evaluation:verify", args=[code])


def _nip(value: str) -> str:
    return format_nip(value) if value else ""


def _agency_id(skp: Skp) -> int | None:
    unit = skp.unit
    return (unit.agency_id or unit.pk) if unit is not None else None


# --- the PDFs --------------------------------------------------------------------------------


def evaluation_pdf(*, actor: Any, evaluation: Evaluation, absolute) -> tuple[bytes, Issued]:
    """The periodic or annual evaluation document; `absolute` turns a path into a full URL."""
    content = evaluation_content(evaluation)
    issued = issue(
        actor=actor,
        obj=content.evaluation,
        kind=content.kind,
        digest=canonical_digest(evaluation_snapshot(content)),
        statement=evaluation_statement(content),
        agency_id=_agency_id(content.skp),
    )
    verify_url = absolute(verify_path(issued.code))
    template = (
        "evaluation/documents/annual_pdf.html"
        if content.kind == ANNUAL
        else "evaluation/documents/periodic_pdf.html"
    )
    pdf = write_pdf(
        template,
        {
            "c": content,
            "e": content.evaluation,
            "skp": content.skp,
            "groups": [("A. UTAMA", content.utama), ("B. TAMBAHAN", content.tambahan)],
            "assessor_nip": _nip(content.evaluation.assessor_nip),
            "superior_nip": _nip(content.skp.superior_nip),
            "org_label": content.org_result.predicate_label
            if content.org_result
            else "Belum ditetapkan",
            "annual_rule": content.annual_rule,
            "title": TITLES[content.kind],
            "issued": issued,
            "government": GOVERNMENT,
            "place": PLACE,
            "qr": qr_data_uri(verify_url),
            "verify_url": verify_url,
        },
    )
    return pdf, issued


@dataclass
class DeterminationRow:
    predicate: Predicate
    count: int
    share: str
    names: list[dict[str, Any]]


def determination_pdf(
    *, actor: Any, determination: PredicateDetermination, absolute
) -> tuple[bytes, Issued]:
    """The signed penetapan predikat kinerja of an agency, as frozen when it was signed."""
    data = determination.distribution
    issued = issue(
        actor=actor,
        obj=determination,
        kind=DETERMINATION,
        digest=determination.content_hash,
        statement=determination_statement(determination),
        agency_id=determination.agency_id,
    )
    verify_url = absolute(verify_path(issued.code))
    total = int(data.get("total") or 0)
    counts = data.get("counts") or {}
    employees = data.get("employees") or []
    groups = [
        DeterminationRow(
            predicate=p,
            count=int(counts.get(p.value, 0)),
            share=f"{(Decimal(counts.get(p.value, 0)) * 100 / total):.1f}".replace(".", ",")
            if total
            else "0,0",
            names=[x for x in employees if x.get("predicate") == p.value],
        )
        for p in Predicate
    ]
    org = data.get("org_predicate")
    pdf = write_pdf(
        "evaluation/documents/determination_pdf.html",
        {
            "d": determination,
            "data": data,
            "org_label": OrgPredicate(org).label if org else "belum ditetapkan",
            "groups": groups,
            "employees": [
                {
                    **x,
                    "predicate_label": Predicate(x["predicate"]).label,
                    "nip_display": _nip(x.get("nip", "")),
                }
                for x in employees
            ],
            "calibrated": any(x.get("calibrated") for x in employees),
            "signer_nip": _nip(determination.signer_nip),
            "violations": [
                v if isinstance(v, dict) else {"message": v, "explanation": ""}
                for v in data.get("violations") or []
            ],
            "title": TITLES[DETERMINATION],
            "issued": issued,
            "government": GOVERNMENT,
            "place": PLACE,
            "qr": qr_data_uri(verify_url),
            "verify_url": verify_url,
        },
    )
    return pdf, issued
