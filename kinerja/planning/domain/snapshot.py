"""The whole content of an SKP as plain data: what an SKP version keeps and the document hash
covers. Pure, so that the app and the benchmark data generator build the same shape."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any


def _number(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def indicator_content(indicator: Any) -> dict[str, Any]:
    """One indikator kinerja individu with its target."""
    return {
        "aspect": indicator.aspect,
        "text": indicator.text,
        "target_min": _number(indicator.target_min),
        "target_max": _number(indicator.target_max),
        "target_unit": indicator.target_unit,
        "target_text": indicator.target_text,
    }


def rhk_content(rhk: Any, indicators: Iterable[Any]) -> dict[str, Any]:
    """One RHK with its links and its indicators (in the order given)."""
    return {
        "id": rhk.pk,
        "group": rhk.group,
        "text": rhk.text,
        "parent_id": rhk.parent_id,
        "agreement_target_id": rhk.agreement_target_id,
        "cascading": rhk.cascading,
        "perspective": rhk.perspective,
        "indicators": [indicator_content(i) for i in indicators],
    }


def skp_content(
    skp: Any,
    *,
    rhks: Iterable[tuple[Any, Iterable[Any]]],
    expectations: Mapping[str, str],
    attachments: Iterable[tuple[str, str]],
) -> dict[str, Any]:
    """The SKP's header (copied names, period, status), its RHKs with their indicators, the
    ekspektasi khusus pimpinan per BerAKHLAK value and the lampiran lines (kind, text)."""
    return {
        "id": skp.pk,
        "year": skp.year,
        "period": [skp.period_start.isoformat(), skp.period_end.isoformat()],
        "status": skp.status,
        "approach": skp.approach,
        "form_type": skp.form_type,
        "employee": {"name": skp.employee_name, "position": skp.position_name},
        "unit": skp.unit_name,
        "assessor": {"name": skp.assessor_name, "nip": skp.assessor_nip},
        "superior": {"name": skp.superior_name, "nip": skp.superior_nip},
        "rhks": [rhk_content(rhk, indicators) for rhk, indicators in rhks],
        "expectations": dict(expectations),
        "attachments": [{"kind": kind, "text": text} for kind, text in attachments],
    }
