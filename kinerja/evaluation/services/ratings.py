"""The assessor's ratings, the predicate, the employee's acknowledgement, organisation results."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError, save_if_current
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Assignment, OrgUnit
from kinerja.planning.models import Skp

from ..domain import OrgPredicate, Rating, needs_reason, org_rating_for_head, predicate_for
from ..errors import StateError
from ..models import Evaluation, OrgResult, Period, PeriodSubmission, SubmissionStatus
from ..selectors.achievement import work_suggestion
from ..selectors.annual import annual_overview
from ._common import actor_name, agency_id, require_approved, require_assessor, require_owner
from .realisation import submission_for


def is_unit_head(skp: Skp) -> bool:
    """Read from the position the SKP was made for (its snapshot), not today's position."""
    return skp.position is not None and skp.position.is_head


def org_result_for(unit_id: int | None, period: Period) -> OrgResult | None:
    """The unit's result for the period, falling back to its annual result."""
    if unit_id is None:
        return None
    results = OrgResult.objects.filter(unit_id=unit_id, year=period.year)
    if not period.is_annual:
        found = results.filter(period=period).first()
        if found is not None:
            return found
    return results.filter(period__isnull=True).first()


def _assessor_position(actor: Any, skp: Skp) -> str:
    employee = actor.employee
    if employee.pk == skp.assessor_id and skp.assessor_position:
        return skp.assessor_position
    if skp.assessor_post_id:
        acting = (
            Assignment.objects.on(clock.today())
            .filter(employee=employee, position_id=skp.assessor_post_id)
            .select_related("position")
            .first()
        )
        if acting is not None:
            prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(acting.acting, "")
            return prefix + acting.position.name
    return employee.position.name if employee.position else ""


@transaction.atomic
def rate(
    *,
    actor: Any,
    skp: Skp,
    period: Period,
    work_rating: str,
    behaviour_rating: str,
    deviation_reason: str = "",
    expected_version: int | None = None,
) -> Evaluation:
    """Set the ratings and the predicate of one SKP for a period (or the year).

    Only the assessor of record (or the Plt/Plh in their post). A work rating that departs from
    what the evidence suggests needs a reason. A unit head's work rating is the unit's
    organisational result. A stale version is refused.
    """
    skp = Skp.objects.select_related("position", "unit", "employee").get(pk=skp.pk)
    require_assessor(actor, skp)
    require_approved(skp)
    if period.year != skp.year:
        raise ValidationError({"period": "Periode tidak termasuk tahun SKP."})
    try:
        behaviour = Rating(behaviour_rating)
    except ValueError as exc:
        raise ValidationError({"behaviour_rating": "Pilih rating perilaku kerja."}) from exc
    existing = Evaluation.objects.select_for_update().filter(skp=skp, period=period).first()
    if existing is not None:
        if existing.is_final:
            raise StateError("Hasil penilaian sudah final setelah keberatan diputus.")
        if existing.acknowledged_at is not None:
            raise StateError(
                "Pegawai sudah menerima hasil penilaian ini; perubahan hanya melalui keberatan."
            )
        if existing.appeals.exclude(status="decided").exists():
            raise StateError("Hasil penilaian sedang dalam proses keberatan.")
    submission = submission_for(skp, period, lock=True)
    if not period.is_annual and submission.status == SubmissionStatus.DRAFT:
        raise StateError(f"Pegawai belum mengajukan realisasi {period}.")
    suggestion = None
    from_org = is_unit_head(skp)
    reason = deviation_reason.strip()
    if from_org:
        org = org_result_for(skp.unit_id, period)
        if org is None:
            raise ValidationError(
                {
                    "work_rating": f"Capaian kinerja organisasi {skp.unit_name} belum ditetapkan; "
                    "rating hasil kerja kepala unit mengikuti capaian tersebut."
                }
            )
        work = org_rating_for_head(OrgPredicate(org.predicate))
    else:
        try:
            work = Rating(work_rating)
        except ValueError as exc:
            raise ValidationError({"work_rating": "Pilih rating hasil kerja."}) from exc
        suggestion = work_suggestion(skp, period)
        if suggestion is not None and needs_reason(suggestion, work) and not reason:
            raise ValidationError(
                {
                    "deviation_reason": f"Rating hasil kerja berbeda dari saran berdasarkan capaian "
                    f"({suggestion.label}); tuliskan alasannya."
                }
            )
    if period.is_annual and not reason:
        overview = annual_overview(skp)
        if overview.departs(None if from_org else work, behaviour):
            raise ValidationError(
                {
                    "deviation_reason": "Rating tahunan berbeda dari hasil periode menurut aturan "
                    f"'{overview.rule.label}'; tuliskan alasannya."
                }
            )
    predicate = predicate_for(work, behaviour)
    now = clock.now()
    values = {
        "work_rating": work.value,
        "behaviour_rating": behaviour.value,
        "suggested_work_rating": suggestion.value if suggestion else "",
        "deviation_reason": reason,
        "work_from_org_result": from_org,
        "predicate": predicate.value,
        "is_calibrated": False,
        "assessor_id": actor.employee_id,
        "assessor_name": actor_name(actor),
        "assessor_nip": actor.employee.nip,
        "assessor_position": _assessor_position(actor, skp),
        "evaluated_by_id": actor.pk,
        "evaluated_at": now,
        "delivered_on": clock.today(),
        "updated_at": now,
    }
    before = None
    if existing is None:
        if expected_version:
            raise StaleObjectError(Evaluation.objects.get(skp=skp, period=period))
        evaluation = Evaluation.objects.create(skp=skp, period=period, **values)
    else:
        if expected_version is None:
            expected_version = existing.version
        before = {
            "work_rating": existing.work_rating,
            "behaviour_rating": existing.behaviour_rating,
            "predicate": existing.predicate,
        }
        evaluation = existing
        for name, value in values.items():
            setattr(evaluation, name, value)
        save_if_current(evaluation, expected_version=expected_version, fields=list(values))
    if submission.status != SubmissionStatus.EVALUATED:
        PeriodSubmission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.EVALUATED)
    record(
        actor=actor,
        action="evaluation.rated",
        obj=evaluation,
        agency_id=agency_id(skp),
        before=before,
        after={
            "work_rating": work.value,
            "behaviour_rating": behaviour.value,
            "predicate": predicate.value,
            "suggested": suggestion.value if suggestion else None,
        },
        reason=reason,
    )
    return evaluation


@transaction.atomic
def acknowledge(*, actor: Any, evaluation: Evaluation, expected_version: int) -> Evaluation:
    """The employee confirms receiving the result they saw (version-checked)."""
    skp = Skp.objects.select_related("unit").get(pk=evaluation.skp_id)
    require_owner(actor, skp)
    if evaluation.acknowledged_at is not None:
        raise StateError("Hasil penilaian ini sudah Anda terima.")
    evaluation.acknowledged_at = evaluation.updated_at = clock.now()
    save_if_current(
        evaluation, expected_version=expected_version, fields=["acknowledged_at", "updated_at"]
    )
    PeriodSubmission.objects.filter(skp=skp, period_id=evaluation.period_id).update(
        status=SubmissionStatus.ACKNOWLEDGED
    )
    record(
        actor=actor,
        action="evaluation.acknowledged",
        obj=evaluation,
        agency_id=agency_id(skp),
        after={"version": evaluation.version},
    )
    return evaluation


def can_set_org_result(user: Any, unit: OrgUnit) -> bool:
    """The regent (leadership) for a perangkat daerah; the head one level up for other units."""
    access = access_for(user)
    if unit.is_agency or unit.parent_id is None:
        return access.is_leadership
    return unit.parent_id in access.headed_unit_ids


@transaction.atomic
def set_org_result(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    predicate: str,
    reason: str = "",
    period: Period | None = None,
) -> OrgResult:
    """Set (or change) a unit's capaian kinerja organisasi for the year or one period."""
    if not can_set_org_result(actor, unit):
        raise PermissionDenied(
            "Capaian kinerja perangkat daerah ditetapkan oleh Bupati; capaian unit lain oleh "
            "kepala unit satu tingkat di atasnya."
        )
    try:
        value = OrgPredicate(predicate)
    except ValueError as exc:
        raise ValidationError({"predicate": "Pilih capaian kinerja organisasi."}) from exc
    if period is not None and period.year != year:
        raise ValidationError({"period": "Periode tidak termasuk tahun tersebut."})
    lookup = {"unit": unit, "year": year}
    lookup.update({"period": period} if period is not None else {"period__isnull": True})
    result = OrgResult.objects.select_for_update().filter(**lookup).first()
    before = {"predicate": result.predicate} if result else None
    if result is None:
        result = OrgResult(unit=unit, year=year, period=period)
    result.predicate, result.reason = value.value, reason.strip()
    result.set_by, result.set_by_name = actor, actor_name(actor)
    result.save()
    record(
        actor=actor,
        action="evaluation.org_result_set",
        obj=result,
        agency_id=unit.agency_id,
        before=before,
        after={"predicate": value.value, "period_id": period.pk if period else None},
        reason=reason.strip(),
    )
    return result
