"""What every official PDF shares: the place of signing, a canonical content digest, the
verification QR code and the WeasyPrint writer (planning's SKP and evaluation's documents)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string

PLACE = "Blangpidie"
GOVERNMENT = "Pemerintah Kabupaten Aceh Barat Daya"


def canonical_digest(data: Any) -> str:
    """SHA-256 of the data as canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(
        data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def qr_data_uri(url: str, *, scale: int = 3) -> str:
    """An inline SVG QR code of the verification address (no file, no network)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=scale)


def write_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a template (fonts set on `html`, see core/pdf_base.html) to PDF bytes."""
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()
