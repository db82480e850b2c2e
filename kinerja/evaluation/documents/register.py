"""The register of printouts: each issued document is an audit event (its code, the hash of
what it shows, a short statement), and a code is verified against the stored data."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.audit.services import record
from kinerja.core.documents import canonical_digest

from ..models import Evaluation, PredicateDetermination
from .content import (
    ANNUAL,
    DETERMINATION,
    PERIODIC,
    determination_is_intact,
    evaluation_content,
    evaluation_snapshot,
)

ISSUED = "evaluation.document_issued"
_MODELS = {
    PERIODIC: Evaluation,
    ANNUAL: Evaluation,
    DETERMINATION: PredicateDetermination,
}
CODE_RE = re.compile(r"^(EVP|EVT|PPK)-([1-9][0-9]{0,9})-([0-9A-F]{10})$")


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
