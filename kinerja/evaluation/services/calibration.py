"""Calibration of annual predicates per perangkat daerah (audited adjustments).

The penetapan predikat itself is signed only through
`services.determination.sign_predicate_determination`, which holds every rule of signing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.concurrency import save_if_current
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from ..domain import Predicate
from ..errors import StateError
from ..models import CalibrationAdjustment, Evaluation, PredicateDetermination


def can_calibrate(user: Any, agency: OrgUnit) -> bool:
    """The head of the perangkat daerah (definitive or acting) or the regency's leadership."""
    access = access_for(user)
    return access.is_leadership or agency.pk in access.headed_unit_ids


def _agency_of(evaluation: Evaluation) -> OrgUnit:
    unit = evaluation.skp.unit
    if unit is None:
        raise ValidationError({"evaluation": "SKP tidak memiliki unit kerja."})
    return unit.agency if unit.agency_id else unit


@transaction.atomic
def adjust_predicate(
    *,
    actor: Any,
    evaluation: Evaluation,
    predicate: str,
    reason: str,
    expected_version: int | None = None,
) -> CalibrationAdjustment:
    """Change one employee's annual predicate during calibration, with a written reason."""
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("skp__unit__agency", "period")
        .get(pk=evaluation.pk)
    )
    agency = _agency_of(evaluation)
    if not can_calibrate(actor, agency):
        raise PermissionDenied(
            "Hanya kepala perangkat daerah atau pimpinan yang dapat mengkalibrasi."
        )
    if not evaluation.period.is_annual:
        raise StateError("Kalibrasi hanya untuk predikat tahunan.")
    if evaluation.is_final:
        raise StateError("Predikat sudah final setelah keberatan diputus.")
    if PredicateDetermination.objects.filter(agency=agency, year=evaluation.period.year).exists():
        raise StateError("Penetapan predikat kinerja tahun ini sudah ditandatangani.")
    try:
        new = Predicate(predicate)
    except ValueError as exc:
        raise ValidationError({"predicate": "Pilih predikat kinerja."}) from exc
    if not reason.strip():
        raise ValidationError({"reason": "Alasan penyesuaian wajib diisi."})
    old = evaluation.predicate
    if new.value == old:
        raise ValidationError({"predicate": "Predikat baru sama dengan predikat semula."})
    evaluation.predicate, evaluation.is_calibrated = new.value, True
    evaluation.updated_at = clock.now()
    save_if_current(
        evaluation,
        expected_version=expected_version or evaluation.version,
        fields=["predicate", "is_calibrated", "updated_at"],
    )
    adjustment = CalibrationAdjustment.objects.create(
        evaluation=evaluation,
        from_predicate=old,
        to_predicate=new.value,
        reason=reason.strip(),
        by=actor,
        at=clock.now(),
    )
    record(
        actor=actor,
        action="evaluation.predicate_calibrated",
        obj=evaluation,
        agency_id=agency.pk,
        before={"predicate": old},
        after={"predicate": new.value},
        reason=reason.strip(),
    )
    return adjustment
