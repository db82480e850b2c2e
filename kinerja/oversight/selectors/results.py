"""Findings about an assessment's result: a work rating departing from the evidence
suggestion, a predicate changed by calibration, an appeal that changed the result."""

from __future__ import annotations

from django.db.models import F, QuerySet

from kinerja.evaluation.models import Appeal, AppealDecision, CalibrationAdjustment, Evaluation

from ._common import _local_date, _period_finding, _predicate, _rating, _skp_related, _skps
from .kinds import Filters, Finding, Kind


def rating_deviations(user, filters: Filters) -> list[Finding]:
    qs: QuerySet[Evaluation] = (
        Evaluation.objects.filter(**_skps(user, filters))
        .exclude(suggested_work_rating="")
        .exclude(work_rating=F("suggested_work_rating"))
        .select_related(*_skp_related(), "period")
    )
    if filters.period_id:
        qs = qs.filter(period_id=filters.period_id)
    found = []
    for e in qs:
        detail = (
            f"Saran dari bukti: {_rating(e.suggested_work_rating)}; diberikan: "
            f"{_rating(e.work_rating)}. Alasan penilai: {e.deviation_reason or '(tidak ada)'}"
        )
        found.append(
            _period_finding(
                Kind.RATING_DEVIATION,
                e,
                _local_date(e.evaluated_at),
                detail,
                audit_object_id=e.pk,
                audit_action="evaluation.rated",
                ref=f"evaluation:{e.pk}",
            )
        )
    return found


def calibrations(user, filters: Filters) -> list[Finding]:
    qs = CalibrationAdjustment.objects.filter(
        **_skps(user, filters, "evaluation__skp__")
    ).select_related(
        "evaluation", "evaluation__skp", "evaluation__skp__employee", "evaluation__period", "by"
    )
    if filters.period_id:
        qs = qs.filter(evaluation__period_id=filters.period_id)
    found = []
    for a in qs:
        by = str(a.by) if a.by else "—"
        detail = (
            f"Predikat {_predicate(a.from_predicate)} → {_predicate(a.to_predicate)} oleh {by}. "
            f"Alasan: {a.reason}"
        )
        found.append(
            _period_finding(
                Kind.CALIBRATION,
                a.evaluation,
                _local_date(a.at),
                detail,
                audit_object_id=a.evaluation_id,
                audit_action="evaluation.predicate_calibrated",
                ref=f"calibration:{a.pk}",
            )
        )
    return found


def changed_appeals(user, filters: Filters) -> list[Finding]:
    qs = Appeal.objects.filter(
        decision=AppealDecision.CHANGE, **_skps(user, filters, "evaluation__skp__")
    ).select_related(
        "evaluation", "evaluation__skp", "evaluation__skp__employee", "evaluation__period"
    )
    if filters.period_id:
        qs = qs.filter(evaluation__period_id=filters.period_id)
    found = []
    for a in qs:
        detail = (
            f"Predikat {_predicate(a.old_predicate)} → {_predicate(a.new_predicate)} "
            f"(hasil kerja {_rating(a.old_work_rating)} → {_rating(a.new_work_rating)}, perilaku "
            f"{_rating(a.old_behaviour_rating)} → {_rating(a.new_behaviour_rating)}) oleh "
            f"{a.decided_by_name or '—'}. Pertimbangan: {a.decision_note}"
        )
        found.append(
            _period_finding(
                Kind.APPEAL_CHANGED,
                a.evaluation,
                _local_date(a.decided_at) or _local_date(a.filed_at),
                detail,
                audit_object_id=a.pk,
                audit_action="evaluation.appeal_",
                ref=f"appeal:{a.pk}",
            )
        )
    return found
