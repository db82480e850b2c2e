"""Exceptions worth an auditor's look, read from the evaluation and planning records.

Each kind is one query (evidence reuse: two), whatever the number of rows, so the page and its
Excel export cost a constant number of queries. Rows hang off an SKP and are scoped through
`Skp.objects.visible_to(user)` like every other read of the cycle.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from kinerja.evaluation.domain import Predicate, Rating
from kinerja.evaluation.models import (
    Appeal,
    AppealDecision,
    CalibrationAdjustment,
    Evaluation,
    Evidence,
    EvidenceKind,
    PeriodReopening,
)
from kinerja.planning.models import Skp
from kinerja.planning.monitoring import deadline_for


class Kind(StrEnum):
    """The kinds of exception the inspectorate's view lists."""

    RATING_DEVIATION = "rating_deviation"
    CALIBRATION = "calibration"
    REOPENED = "reopened"
    LATE_SKP_APPROVAL = "late_skp_approval"
    LATE_EVALUATION = "late_evaluation"
    EVIDENCE_REUSE = "evidence_reuse"
    APPEAL_CHANGED = "appeal_changed"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.RATING_DEVIATION: "Rating berbeda dari saran bukti",
    Kind.CALIBRATION: "Penyesuaian kalibrasi",
    Kind.REOPENED: "Periode dibuka kembali",
    Kind.LATE_SKP_APPROVAL: "SKP disetujui lewat batas",
    Kind.LATE_EVALUATION: "Penilaian lewat batas",
    Kind.EVIDENCE_REUSE: "Bukti dukung dipakai beberapa pegawai",
    Kind.APPEAL_CHANGED: "Keberatan mengubah hasil",
}


@dataclass(frozen=True)
class Finding:
    """One exception: what happened, to whom, when, and where to look."""

    kind: Kind
    when: dt.date
    employee_name: str
    employee_nip: str
    agency_name: str
    period_label: str
    detail: str
    record_url: str
    audit_object_id: str
    audit_action: str
    ref: str  # stable id inside the kind, for ordering and tests

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def audit_url(self) -> str:
        base = reverse("reports:audit_trail")
        return f"{base}?object_id={self.audit_object_id}&action={self.audit_action}"


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None
    year: int | None = None
    period_id: int | None = None
    kind: str = ""


def _rating(value: str) -> str:
    try:
        return Rating(value).label
    except ValueError:
        return value or "—"


def _predicate(value: str) -> str:
    try:
        return Predicate(value).label
    except ValueError:
        return value or "—"


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def _skps(user, filters: Filters, prefix: str = "skp__") -> dict[str, object]:
    """Lookups restricting a row hanging off an SKP to the user's scope and the filters."""
    lookups: dict[str, object] = {f"{prefix}in": Skp.objects.visible_to(user).values("pk")}
    if filters.agency_id:
        lookups[f"{prefix}unit__agency_id"] = filters.agency_id
    if filters.year:
        lookups[f"{prefix}year"] = filters.year
    return lookups


def _period_url(skp_id: int, period_id: int) -> str:
    return reverse("evaluation:period", kwargs={"skp_id": skp_id, "period_id": period_id})


def _skp_related(prefix: str = "skp") -> list[str]:
    return [prefix, f"{prefix}__employee"]


def _employee(skp: Skp) -> tuple[str, str]:
    return skp.employee_name or skp.employee.full_name, skp.employee.nip


def _period_finding(
    kind: Kind,
    row,
    when: dt.date | None,
    detail: str,
    *,
    audit_object_id: int,
    audit_action: str,
    ref: str,
) -> Finding:
    """A finding about `row`, a record of one SKP's period (an evaluation, a reopening, a file)."""
    name, nip = _employee(row.skp)
    return Finding(
        kind,
        when,
        name,
        nip,
        row.skp.agency_name,
        str(row.period),
        detail,
        _period_url(row.skp_id, row.period_id),
        str(audit_object_id),
        audit_action,
        ref,
    )


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


def reopenings(user, filters: Filters) -> list[Finding]:
    qs = PeriodReopening.objects.filter(**_skps(user, filters)).select_related(
        *_skp_related(), "period", "reopened_by"
    )
    if filters.period_id:
        qs = qs.filter(period_id=filters.period_id)
    found = []
    for r in qs:
        by = str(r.reopened_by) if r.reopened_by else "—"
        detail = f"Dibuka kembali oleh {by} sampai {r.until:%d-%m-%Y}. Alasan: {r.reason}"
        found.append(
            _period_finding(
                Kind.REOPENED,
                r,
                _local_date(r.created_at),
                detail,
                audit_object_id=r.pk,
                audit_action="evaluation.period_reopened",
                ref=f"reopening:{r.pk}",
            )
        )
    return found


def _skp_years() -> list[int]:
    return list(
        Skp.objects.filter(approved_at__isnull=False)
        .order_by("year")
        .values_list("year", flat=True)
        .distinct()
    )


def late_skp_approvals(user, filters: Filters) -> list[Finding]:
    """SKPs approved after the year's deadline (settings.SKP_DEADLINE_MONTH_DAY)."""
    if filters.period_id:  # an SKP approval belongs to the year, not to a period
        return []
    visible = Skp.objects.visible_to(user).filter(approved_at__isnull=False)
    if filters.agency_id:
        visible = visible.filter(unit__agency_id=filters.agency_id)
    years = [filters.year] if filters.year else _skp_years()
    deadlines = {year: deadline_for(year) for year in years}
    late = Q(pk__in=[])
    for year, deadline in deadlines.items():
        # After the end of the deadline day in the installation's time zone.
        end_of_day = timezone.make_aware(dt.datetime.combine(deadline, dt.time.max))
        late |= Q(year=year, approved_at__gt=end_of_day)
    found = []
    for skp in visible.filter(late).select_related("employee"):
        deadline = deadlines[skp.year]
        approved = _local_date(skp.approved_at)
        name, nip = _employee(skp)
        days = (approved - deadline).days
        found.append(
            Finding(
                Kind.LATE_SKP_APPROVAL,
                approved,
                name,
                nip,
                skp.agency_name,
                f"SKP {skp.year}",
                f"Disetujui {approved:%d-%m-%Y}, {days} hari setelah batas {deadline:%d-%m-%Y}. "
                f"Pejabat penilai: {skp.assessor_name or '—'}",
                reverse("planning:skp_detail", kwargs={"pk": skp.pk}),
                str(skp.pk),
                "planning.skp_",
                f"skp:{skp.pk}",
            )
        )
    return found


def late_evaluations(user, filters: Filters) -> list[Finding]:
    qs = (
        Evaluation.objects.filter(**_skps(user, filters))
        .filter(evaluated_at__date__gt=F("period__evaluation_deadline"))
        .select_related(*_skp_related(), "period")
    )
    if filters.period_id:
        qs = qs.filter(period_id=filters.period_id)
    found = []
    for e in qs:
        evaluated = _local_date(e.evaluated_at)
        deadline = e.period.evaluation_deadline
        if evaluated is None or evaluated <= deadline:  # the database compares in UTC
            continue
        found.append(
            _period_finding(
                Kind.LATE_EVALUATION,
                e,
                evaluated,
                f"Dinilai {evaluated:%d-%m-%Y} oleh {e.assessor_name}, "
                f"{(evaluated - deadline).days} hari setelah batas {deadline:%d-%m-%Y}.",
                audit_object_id=e.pk,
                audit_action="evaluation.rated",
                ref=f"late-evaluation:{e.pk}",
            )
        )
    return found


def evidence_reuse(user, filters: Filters) -> list[Finding]:
    """Files with the same SHA-256 uploaded as evidence by more than one employee.

    The duplicate hashes are found over the whole regency (a file copied from another agency is
    still a copy); only the rows the user may see and the filters keep are listed.
    """
    shared = (
        Evidence.objects.filter(kind=EvidenceKind.FILE)
        .exclude(sha256="")
        .values("sha256")
        .annotate(people=Count("skp__employee", distinct=True))
        .filter(people__gt=1)
        .values("sha256")
    )
    qs = (
        Evidence.objects.filter(kind=EvidenceKind.FILE, sha256__in=shared)
        .select_related(*_skp_related(), "period")
        .order_by("sha256", "created_at", "pk")
    )
    rows = list(qs)
    visible = (
        set(
            Evidence.objects.filter(
                pk__in=[r.pk for r in rows], **_skps(user, filters)
            ).values_list("pk", flat=True)
        )
        if rows
        else set()
    )
    by_hash: dict[str, list[Evidence]] = defaultdict(list)
    for r in rows:
        by_hash[r.sha256].append(r)
    found = []
    for r in rows:
        if r.pk not in visible or (filters.period_id and r.period_id != filters.period_id):
            continue
        others = sorted(
            {
                f"{o.skp.employee_name or o.skp.employee.full_name} ({o.skp.employee.nip})"
                for o in by_hash[r.sha256]
                if o.skp.employee_id != r.skp.employee_id
            }
        )
        found.append(
            _period_finding(
                Kind.EVIDENCE_REUSE,
                r,
                _local_date(r.created_at),
                f"Berkas “{r.safe_name or r.original_name}” (SHA-256 {r.sha256[:12]}…) juga "
                f"diunggah oleh: {', '.join(others)}.",
                audit_object_id=r.pk,
                audit_action="evaluation.",
                ref=f"evidence:{r.pk}",
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


SOURCES = {
    Kind.RATING_DEVIATION: rating_deviations,
    Kind.CALIBRATION: calibrations,
    Kind.REOPENED: reopenings,
    Kind.LATE_SKP_APPROVAL: late_skp_approvals,
    Kind.LATE_EVALUATION: late_evaluations,
    Kind.EVIDENCE_REUSE: evidence_reuse,
    Kind.APPEAL_CHANGED: changed_appeals,
}


def findings(user, filters: Filters) -> list[Finding]:
    """All exceptions the user may see, newest first (a constant number of queries)."""
    kinds = [Kind(filters.kind)] if filters.kind in set(Kind) else list(Kind)
    found: list[Finding] = []
    for kind in kinds:
        found.extend(SOURCES[kind](user, filters))
    found.sort(key=lambda f: (f.when or dt.date.min, f.kind.value, f.ref), reverse=True)
    return found


def counts(found: list[Finding]) -> list[tuple[Kind, int]]:
    tally: dict[Kind, int] = defaultdict(int)
    for f in found:
        tally[f.kind] += 1
    return [(k, tally[k]) for k in Kind]
