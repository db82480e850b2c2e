"""Writes of the reports app: outcome data of the IKUs, and the organisation result set from the
proposal through evaluation's own service (the leader decides)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.concurrency import save_if_current
from kinerja.evaluation.domain import OrgPredicate
from kinerja.evaluation.models import OrgResult, Period
from kinerja.evaluation.services import can_set_org_result, set_org_result
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit
from kinerja.planning.models import AgreementTarget

from .models import OutcomeMeasurement

MAX_VALUE = Decimal("999999999999.99")
MAX_TEXT = 2000


def can_enter_outcomes(user: Any, agency: OrgUnit) -> bool:
    """The agency's OPD admin or BKPSDM (who also keep its Perjanjian Kinerja)."""
    return access_for(user).manages_unit_path(agency.path)


def _actor_name(actor: Any) -> str:
    employee = getattr(actor, "employee", None)
    return employee.full_name if employee is not None else str(actor)


def _clean_value(value: Any) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"value": "Realisasi harus berupa angka."}) from exc
    if not number.is_finite():
        raise ValidationError({"value": "Realisasi harus berupa angka."})
    if number < 0:
        raise ValidationError({"value": "Realisasi tidak boleh negatif."})
    if number > MAX_VALUE:
        raise ValidationError({"value": "Realisasi terlalu besar."})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({"value": "Realisasi paling banyak dua angka di belakang koma."})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def record_outcome(
    *,
    actor: Any,
    target: AgreementTarget,
    period: Period,
    value: Any,
    explanation: str = "",
    source: str = "",
    lower_is_better: bool = False,
    expected_version: int | None = None,
) -> OutcomeMeasurement:
    """Enter (or correct) the realisation of one IKU for one period, with its explanation.

    `expected_version` 0 means "a new entry" (refused when one exists meanwhile); a version
    guards a correction against a lost update; None skips the check (internal callers).
    """
    agency = target.agreement.unit
    if not can_enter_outcomes(actor, agency):
        raise PermissionDenied(
            "Hanya admin perangkat daerah atau BKPSDM yang dapat mengisi capaian indikator."
        )
    if period.year != target.agreement.year:
        raise ValidationError({"period": "Periode tidak termasuk tahun Perjanjian Kinerja."})
    if period.start > clock.today():
        raise ValidationError({"period": "Periode ini belum dimulai."})
    number = _clean_value(value)
    explanation, source = (explanation or "").strip(), (source or "").strip()
    if len(explanation) > MAX_TEXT:
        raise ValidationError({"explanation": f"Penjelasan paling banyak {MAX_TEXT} karakter."})
    if len(source) > 200:
        raise ValidationError({"source": "Sumber data paling banyak 200 karakter."})
    measurement = (
        OutcomeMeasurement.objects.select_for_update()
        .filter(agreement_target=target, period=period)
        .first()
    )
    after = {
        "value": str(number),
        "lower_is_better": bool(lower_is_better),
        "explanation": explanation,
        "source": source,
    }
    if measurement is not None and expected_version == 0:
        raise ValidationError(
            "Realisasi indikator ini sudah diisi untuk periode ini; pilih Ubah pada barisnya "
            "untuk memperbaikinya."
        )
    if measurement is None:
        measurement = OutcomeMeasurement.objects.create(
            agreement_target=target,
            period=period,
            value=number,
            lower_is_better=bool(lower_is_better),
            explanation=explanation,
            source=source,
            entered_by=actor,
            entered_by_name=_actor_name(actor),
        )
        before = None
    else:
        before = {
            "value": str(measurement.value),
            "lower_is_better": measurement.lower_is_better,
            "explanation": measurement.explanation,
            "source": measurement.source,
        }
        measurement.value, measurement.lower_is_better = number, bool(lower_is_better)
        measurement.explanation, measurement.source = explanation, source
        measurement.entered_by, measurement.entered_by_name = actor, _actor_name(actor)
        measurement.updated_at = clock.now()
        save_if_current(
            measurement,
            expected_version=expected_version or measurement.version,
            fields=[
                "value",
                "lower_is_better",
                "explanation",
                "source",
                "entered_by",
                "entered_by_name",
                "updated_at",
            ],
        )
    record(
        actor=actor,
        action="reports.outcome_recorded",
        obj=measurement,
        agency_id=agency.agency_id or agency.pk,
        before=before,
        after=after,
    )
    return measurement


@transaction.atomic
def decide_org_result(
    *,
    actor: Any,
    agency: OrgUnit,
    year: int,
    period: Period | None,
    predicate: str,
    proposed: str | None,
    reason: str = "",
) -> OrgResult:
    """Set the agency's organisation result through evaluation's service. Choosing other than
    the proposal (or with no proposal) needs a written reason; the leader decides."""
    if not can_set_org_result(actor, agency):
        raise PermissionDenied(
            "Capaian kinerja perangkat daerah ditetapkan oleh Bupati (pimpinan daerah)."
        )
    try:
        chosen = OrgPredicate(predicate)
    except ValueError as exc:
        raise ValidationError({"predicate": "Pilih capaian kinerja organisasi."}) from exc
    reason = (reason or "").strip()
    if len(reason) > MAX_TEXT:
        raise ValidationError({"reason": f"Alasan paling banyak {MAX_TEXT} karakter."})
    if proposed is None or chosen.value != proposed:
        if not reason:
            raise ValidationError(
                {"reason": "Tuliskan alasan karena capaian yang dipilih berbeda dari usulan."}
            )
    else:
        reason = reason or "Sesuai usulan dari capaian indikator kinerja utama."
    annual = period is None or period.is_annual
    return set_org_result(
        actor=actor,
        unit=agency,
        year=year,
        predicate=chosen.value,
        reason=reason,
        period=None if annual else period,
    )
