"""Findings about the calendar: a period reopened, an SKP approved after the year's deadline,
an evaluation made after the period's deadline."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from kinerja.evaluation.models import Evaluation, PeriodReopening
from kinerja.planning.models import Skp
from kinerja.planning.monitoring import deadline_for

from ._common import _employee, _local_date, _period_finding, _skp_related, _skps
from .kinds import Filters, Finding, Kind


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
