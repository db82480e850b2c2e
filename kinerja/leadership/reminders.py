"""Scheduled reminders of the evaluation cycle, registered from the leadership app.

Leadership sits above evaluation and development, so it may read periods, submissions and JP
and hand the jobs to `kinerja.communication.reminders` (run daily by `manage.py run_reminders`,
each run recorded as a ReminderRun). Every job is idempotent: the dedupe key it gives `notify`
makes a second run on the same day (or in the same week/month) create nothing new. The
notification kinds are reminders, so each message offers a WhatsApp-ready text with its deep
link on the notifications page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.communication.reminders import week_key
from kinerja.communication.services import notify
from kinerja.development.domain import AsnStatus, jp_target
from kinerja.development.selectors import with_jp_total
from kinerja.evaluation.models import Period, PeriodSubmission, SubmissionStatus
from kinerja.organisations.models import Employee
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp

from .domain import is_last_quarter, reminder_days_before


def _jp_minimum_statuses() -> list[str]:
    """Employee statuses with a yearly JP minimum (PNS, CPNS); PPPK has a cap, never a minimum."""
    return [s.value for s in AsnStatus if jp_target(s.value).minimum is not None]


# --- Period closing: 7 days and 1 day before the entry window closes -------------------------


def _closing_periods(run_date: dt.date) -> list[tuple[Period, int]]:
    """Periodic periods whose window closes 7 or 1 days after `run_date` (last year's final
    period closes in January, so two years are read)."""
    found = []
    periods = Period.objects.periodic().filter(
        year__in=[run_date.year - 1, run_date.year], entry_closes__gt=run_date
    )
    for period in periods:
        days = reminder_days_before(period.entry_closes, run_date)
        if days is not None:
            found.append((period, days))
    return found


def _not_submitted(period: Period):
    """Users whose approved SKP covers the period and whose realisation is not submitted."""
    submitted = PeriodSubmission.objects.filter(skp=OuterRef("pk"), period=period).exclude(
        status=SubmissionStatus.DRAFT
    )
    skps = Skp.objects.filter(
        year=period.year,
        status=SkpStatus.APPROVED,
        period_start__lte=period.end,
        period_end__gte=period.start,
        employee__is_active=True,
        employee__skp_exemption="",
    ).filter(~Exists(submitted))
    return User.objects.filter(is_active=True, employee__in=skps.values("employee_id"))


def remind_period_closing(run_date: dt.date) -> int:
    """Employees who have not submitted a period's realisation, 7 days and 1 day before its
    entry window closes."""
    sent = 0
    for period, days in _closing_periods(run_date):
        when = "besok" if days == 1 else f"dalam {days} hari"
        sent += notify(
            recipients=_not_submitted(period),
            kind="period_closing",
            title=f"Pengisian realisasi {period.label} {period.year} ditutup {when}",
            body=(
                f"Pengisian realisasi periode {period.label} {period.year} ditutup pada "
                f"{period.entry_closes:%d-%m-%Y}. Realisasi Anda belum diajukan: lengkapi "
                "realisasi dan bukti dukung, lalu ajukan kepada pejabat penilai."
            ),
            url=f"{reverse('evaluation:mine')}?tahun={period.year}",
            dedupe_key=f"period_closing:{period.pk}:{days}d",
        )
    return sent


# --- Evaluations waiting on assessors ----------------------------------------------------------


def remind_evaluations_waiting(run_date: dt.date) -> int:
    """Once a period's entry window has closed, its submitted realisations wait for the
    assessor's rating: each assessor with such submissions is reminded once a week."""
    waiting = PeriodSubmission.objects.filter(
        status=SubmissionStatus.SUBMITTED,
        period__entry_closes__lt=run_date,
        period__year__gte=run_date.year - 1,
        skp__assessor__isnull=False,
    )
    per_assessor = Counter(waiting.values_list("skp__assessor_id", flat=True))
    overdue = set(
        waiting.filter(period__evaluation_deadline__lt=run_date).values_list(
            "skp__assessor_id", flat=True
        )
    )
    users = dict(
        User.objects.filter(is_active=True, employee_id__in=sorted(per_assessor)).values_list(
            "employee_id", "pk"
        )
    )
    # One notify per distinct message (count, overdue or not), not per assessor.
    groups: dict[tuple[int, bool], list[int]] = defaultdict(list)
    for assessor_id, count in per_assessor.items():
        if assessor_id in users:
            groups[(count, assessor_id in overdue)].append(users[assessor_id])
    sent = 0
    for (count, is_overdue), user_ids in sorted(groups.items()):
        late = " Sebagian sudah melewati batas penilaian periode." if is_overdue else ""
        sent += notify(
            recipients=User.objects.filter(pk__in=user_ids),
            kind="evaluations_waiting",
            title=f"{count} realisasi periode menunggu penilaian Anda",
            body=(
                f"Ada {count} realisasi periode dari pegawai yang Anda nilai yang sudah diajukan "
                f"dan belum dinilai.{late} Berikan rating hasil kerja dan perilaku kerja di "
                "halaman Penilaian Tim."
            ),
            url=reverse("evaluation:team"),
            dedupe_key=f"evaluations_waiting:{week_key(run_date)}",
        )
    return sent


# --- JP below the PNS minimum in the last quarter ---------------------------------------------


def remind_jp_below_target(run_date: dt.date) -> int:
    """PNS (and CPNS) below 20 JP this year are reminded once a month from October; PPPK never
    (their 24 JP is a cap, not a minimum)."""
    if not is_last_quarter(run_date):
        return 0
    year = run_date.year
    employees = with_jp_total(
        Employee.objects.filter(is_active=True, status__in=_jp_minimum_statuses()), year
    )
    by_minimum: dict[tuple[Decimal, Decimal], list[int]] = defaultdict(list)
    for employee_id, status, total in employees.values_list("pk", "status", "jp_total"):
        minimum = jp_target(status).minimum
        assert minimum is not None
        if Decimal(total) < minimum:
            by_minimum[(minimum, Decimal(total))].append(employee_id)
    sent = 0
    for (minimum, total), employee_ids in sorted(by_minimum.items()):
        shown = f"{total.normalize():f}".replace(".", ",")
        sent += notify(
            recipients=User.objects.filter(Q(is_active=True), employee_id__in=employee_ids),
            kind="jp_below_target",
            title=f"JP Anda tahun {year} baru {shown} dari minimal {minimum} JP",
            body=(
                f"Setiap PNS wajib mengikuti pengembangan kompetensi paling sedikit {minimum} JP "
                f"setahun. Catatan JP Anda tahun {year} baru {shown} JP. Ikuti pelatihan, "
                "e-learning atau bentuk pengembangan lain sebelum akhir tahun, dan laporkan "
                "kegiatan yang sudah diikuti agar tercatat."
            ),
            url=reverse("development:mine"),
            dedupe_key=f"jp_below_target:{year}-{run_date.month:02d}",
        )
    return sent


JOBS = {
    "period_closing": remind_period_closing,
    "evaluations_waiting": remind_evaluations_waiting,
    "jp_below_target": remind_jp_below_target,
}
