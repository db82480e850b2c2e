"""Setting the evaluation calendar and reopening an entry window."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.planning.models import Skp

from ..domain import DEFAULT_ANNUAL_RULE, AnnualRule
from ..models import (
    EvaluationSchedule,
    Period,
    PeriodKind,
    PeriodReopening,
    PeriodSubmission,
    Realisation,
    Rhythm,
    SubmissionStatus,
)
from ._common import agency_id, require_assessor

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
QUARTERS = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")
# Default windows: entry stays open ENTRY_GRACE_DAYS after a period ends, and the assessor has
# EVALUATION_DAYS more to rate. Each period's dates can be changed afterwards.
ENTRY_GRACE_DAYS = 10
EVALUATION_DAYS = 10


def _period_rows(year: int, rhythm: Rhythm) -> list[tuple[str, int, str, dt.date, dt.date]]:
    rows = []
    if rhythm == Rhythm.MONTHLY:
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            rows.append(
                (
                    PeriodKind.MONTHLY,
                    month,
                    MONTHS[month - 1],
                    dt.date(year, month, 1),
                    dt.date(year, month, last),
                )
            )
    else:
        for quarter in range(1, 5):
            first = 3 * quarter - 2
            last_month = 3 * quarter
            last = calendar.monthrange(year, last_month)[1]
            rows.append(
                (
                    PeriodKind.QUARTERLY,
                    quarter,
                    QUARTERS[quarter - 1],
                    dt.date(year, first, 1),
                    dt.date(year, last_month, last),
                )
            )
    rows.append((PeriodKind.ANNUAL, 1, "Tahunan", dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return rows


def _window(start: dt.date, end: dt.date) -> dict[str, dt.date]:
    closes = end + dt.timedelta(days=ENTRY_GRACE_DAYS)
    return {
        "entry_opens": start,
        "entry_closes": closes,
        "evaluation_deadline": closes + dt.timedelta(days=EVALUATION_DAYS),
    }


def _require_bkpsdm(actor: Any) -> None:
    if not access_for(actor).manages_all:
        raise PermissionDenied("Hanya admin BKPSDM yang dapat mengatur jadwal penilaian.")


@transaction.atomic
def set_schedule(
    *,
    actor: Any,
    year: int,
    rhythm: str,
    annual_rule: str = DEFAULT_ANNUAL_RULE.value,
    appeal_days: int = 14,
) -> EvaluationSchedule:
    """Set the year's rhythm and generate its periods (the annual period always).

    The rhythm cannot change once realisations were entered in the year's periodic periods.
    """
    _require_bkpsdm(actor)
    rhythm = Rhythm(rhythm)
    AnnualRule(annual_rule)
    if appeal_days < 1:
        raise ValidationError({"appeal_days": "Batas hari keberatan paling sedikit 1 hari."})
    schedule = EvaluationSchedule.objects.select_for_update().filter(year=year).first()
    before = None
    if schedule is None:
        schedule = EvaluationSchedule.objects.create(
            year=year, rhythm=rhythm, annual_rule=annual_rule, appeal_days=appeal_days, set_by=actor
        )
    else:
        before = {
            "rhythm": schedule.rhythm,
            "annual_rule": schedule.annual_rule,
            "appeal_days": schedule.appeal_days,
        }
        if schedule.rhythm != rhythm:
            periodic = Period.objects.filter(schedule=schedule).periodic()
            if Realisation.objects.filter(period__in=periodic).exists():
                raise ValidationError(
                    {
                        "rhythm": "Ritme tidak dapat diubah karena pegawai sudah mengisi realisasi "
                        "pada periode tahun ini."
                    }
                )
            periodic.delete()
        schedule.rhythm, schedule.annual_rule = rhythm, annual_rule
        schedule.appeal_days, schedule.set_by = appeal_days, actor
        schedule.save()
    existing = set(Period.objects.filter(schedule=schedule).values_list("kind", "number"))
    Period.objects.bulk_create(
        Period(
            schedule=schedule,
            year=year,
            kind=kind,
            number=number,
            label=label,
            start=start,
            end=end,
            **_window(start, end),
        )
        for kind, number, label, start, end in _period_rows(year, rhythm)
        if (kind, number) not in existing
    )
    record(
        actor=actor,
        action="evaluation.schedule_set",
        obj=schedule,
        before=before,
        after={"rhythm": rhythm.value, "annual_rule": annual_rule, "appeal_days": appeal_days},
    )
    return schedule


@transaction.atomic
def set_period_window(
    *,
    actor: Any,
    period: Period,
    entry_opens: dt.date,
    entry_closes: dt.date,
    evaluation_deadline: dt.date,
) -> Period:
    """Change one period's entry window and evaluation deadline."""
    _require_bkpsdm(actor)
    if entry_closes < entry_opens:
        raise ValidationError({"entry_closes": "Tanggal tutup harus setelah tanggal buka."})
    if evaluation_deadline < entry_closes:
        raise ValidationError(
            {"evaluation_deadline": "Batas penilaian tidak boleh sebelum pengisian ditutup."}
        )
    before = {
        "entry_opens": period.entry_opens,
        "entry_closes": period.entry_closes,
        "evaluation_deadline": period.evaluation_deadline,
    }
    period.entry_opens, period.entry_closes = entry_opens, entry_closes
    period.evaluation_deadline = evaluation_deadline
    period.save(update_fields=["entry_opens", "entry_closes", "evaluation_deadline", "updated_at"])
    record(
        actor=actor,
        action="evaluation.period_window_set",
        obj=period,
        before=before,
        after={
            "entry_opens": entry_opens,
            "entry_closes": entry_closes,
            "evaluation_deadline": evaluation_deadline,
        },
    )
    return period


def entry_open(skp: Skp, period: Period, today: dt.date | None = None) -> bool:
    """May the employee enter realisation for `period` today: inside the window, or reopened
    by the assessor until a date not yet passed."""
    today = today or clock.today()
    if period.window_open_on(today):
        return True
    return PeriodReopening.objects.filter(skp=skp, period=period, until__gte=today).exists()


@transaction.atomic
def reopen_period(
    *, actor: Any, skp: Skp, period: Period, reason: str, until: dt.date
) -> PeriodReopening:
    """The assessor reopens a closed window for one SKP, with a reason (audited)."""
    require_assessor(actor, skp)
    if not reason.strip():
        raise ValidationError({"reason": "Alasan pembukaan kembali wajib diisi."})
    if until < clock.today():
        raise ValidationError({"until": "Tanggal batas tidak boleh sebelum hari ini."})
    if period.year != skp.year:
        raise ValidationError({"period": "Periode tidak termasuk tahun SKP."})
    reopening = PeriodReopening.objects.create(
        skp=skp, period=period, reopened_by=actor, reason=reason.strip(), until=until
    )
    # A submitted (not yet rated) period goes back to draft so the employee can correct it.
    PeriodSubmission.objects.filter(
        skp=skp, period=period, status=SubmissionStatus.SUBMITTED
    ).update(status=SubmissionStatus.DRAFT)
    record(
        actor=actor,
        action="evaluation.period_reopened",
        obj=reopening,
        agency_id=agency_id(skp),
        after={"skp_id": skp.pk, "period_id": period.pk, "until": until},
        reason=reason.strip(),
    )
    return reopening
