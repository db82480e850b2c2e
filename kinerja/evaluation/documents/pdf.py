"""The PDFs: the periodic or annual evaluation document, and the signed penetapan predikat
kinerja, each registered as issued and carrying its verification QR."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.core.documents import GOVERNMENT, PLACE, canonical_digest, qr_data_uri, write_pdf
from kinerja.organisations.domain.nip import format_nip

from ..domain import OrgPredicate, Predicate
from ..models import Evaluation, PredicateDetermination
from .content import (
    ANNUAL,
    DETERMINATION,
    TITLES,
    agency_id,
    determination_statement,
    evaluation_content,
    evaluation_snapshot,
    evaluation_statement,
)
from .register import Issued, issue, verify_path


def _nip(value: str) -> str:
    return format_nip(value) if value else ""


def evaluation_pdf(*, actor: Any, evaluation: Evaluation, absolute) -> tuple[bytes, Issued]:
    """The periodic or annual evaluation document; `absolute` turns a path into a full URL."""
    content = evaluation_content(evaluation)
    issued = issue(
        actor=actor,
        obj=content.evaluation,
        kind=content.kind,
        digest=canonical_digest(evaluation_snapshot(content)),
        statement=evaluation_statement(content),
        agency_id=agency_id(content.skp),
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
