"""The official SKP document: content hash, verification code, and the WeasyPrint PDF."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.documents import PLACE, qr_data_uri

from .domain.behaviour import BERAKHLAK
from .domain.forms import ATTACHMENT_LABELS, AttachmentKind
from .models import Skp, SkpDocument

__all__ = ["PLACE", "content_hash", "is_current", "issue_document", "render_pdf", "verify_path"]


def content_hash(skp: Skp) -> str:
    """SHA-256 of everything the document shows (from the services' snapshot)."""
    from .services import skp_snapshot

    data = skp_snapshot(skp)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def issue_document(*, actor: Any, skp: Skp) -> SkpDocument:
    """Record a printout; the same content printed again reuses its code."""
    digest = content_hash(skp)
    existing = SkpDocument.objects.filter(skp=skp, content_hash=digest).first()
    if existing is not None:
        return existing
    document = SkpDocument.objects.create(
        skp=skp,
        code=secrets.token_hex(8).upper(),
        content_hash=digest,
        skp_version=skp.version,
        status=skp.status,
        created_at=clock.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="planning.skp_document_issued",
        obj=document,
        after={"code": document.code, "hash": digest},
    )
    return document


def is_current(document: SkpDocument) -> bool:
    return content_hash(document.skp) == document.content_hash


def render_pdf(*, skp: Skp, document: SkpDocument, verify_url: str) -> bytes:
    """The SKP in the official layout (JPT or non-JPT) as PDF bytes."""
    from weasyprint import HTML

    expectations = {e.value_code: e.text for e in skp.expectations.all()}
    attachments: dict[AttachmentKind, list] = {kind: [] for kind in AttachmentKind}
    for item in skp.attachments.all():
        attachments[AttachmentKind(item.kind)].append(item.text)
    rhks = list(skp.rhks.all())
    html = render_to_string(
        "planning/skp_pdf.html",
        {
            "skp": skp,
            "document": document,
            "utama": [r for r in rhks if r.group == "utama"],
            "tambahan": [r for r in rhks if r.group == "tambahan"],
            "values": [(v, expectations.get(v.code, "")) for v in BERAKHLAK],
            "attachments": [(ATTACHMENT_LABELS[k], items) for k, items in attachments.items()],
            "place": PLACE,
            "date": (skp.approved_at or clock.now()).date(),
            "qr": qr_data_uri(verify_url),
            "verify_url": verify_url,
        },
    )
    return HTML(string=html).write_pdf()


def verify_path(document: SkpDocument) -> str:
    return reverse("planning:verify", args=[document.code])
