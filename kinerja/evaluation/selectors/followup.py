"""Follow-up outputs: angka kredit, reward candidates, improvement plans, the TPP basis export."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from openpyxl import Workbook

from kinerja.organisations.domain.positions import FunctionalLevel
from kinerja.organisations.models import OrgUnit

from ..domain import DEFAULT_COEFFICIENTS, Predicate, credit_points
from ..models import Evaluation, Period, PeriodKind
from .achievement import progress_for_many
from .calibration import agency_q

IMPROVEMENT = [Predicate.BUTUH_PERBAIKAN, Predicate.KURANG, Predicate.SANGAT_KURANG]


def _annual(user, year: int) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.visible_to(user)
        .filter(period__year=year, period__kind=PeriodKind.ANNUAL)
        .select_related("skp", "skp__employee", "skp__position")
        .order_by("skp__employee_name", "id")
    )


def reward_candidates(user, *, year: int) -> QuerySet[Evaluation]:
    """Employees with an annual Sangat Baik (candidates for rewards, priority development)."""
    return _annual(user, year).filter(predicate=Predicate.SANGAT_BAIK)


def improvement_needed(user, *, year: int) -> QuerySet[Evaluation]:
    """Employees with Butuh Perbaikan or below: they need an improvement plan."""
    return _annual(user, year).filter(predicate__in=[p.value for p in IMPROVEMENT])


@dataclass(frozen=True)
class CreditRow:
    evaluation: Evaluation
    level: FunctionalLevel
    months: int
    points: Decimal


def _months(skp) -> int:
    months = (skp.period_end.year - skp.period_start.year) * 12
    months += skp.period_end.month - skp.period_start.month + 1
    return max(1, min(12, months))


def credit_rows(user, *, year: int, coefficients=DEFAULT_COEFFICIENTS) -> list[CreditRow]:
    """Angka kredit of functional employees from their annual predicate (pro rata months)."""
    rows = []
    for evaluation in _annual(user, year).exclude(skp__position__level=""):
        position = evaluation.skp.position
        if position is None or not position.level:
            continue
        level = FunctionalLevel(position.level)
        months = _months(evaluation.skp)
        rows.append(
            CreditRow(
                evaluation,
                level,
                months,
                credit_points(Predicate(evaluation.predicate), coefficients[level], months),
            )
        )
    return rows


def tpp_period(year: int, month: int) -> Period | None:
    """The period covering a month: the month itself, else its quarter."""
    monthly = Period.objects.filter(year=year, kind=PeriodKind.MONTHLY, number=month).first()
    if monthly is not None:
        return monthly
    return Period.objects.filter(
        year=year, kind=PeriodKind.QUARTERLY, number=(month - 1) // 3 + 1
    ).first()


def tpp_workbook(user, *, agency: OrgUnit, year: int, month: int) -> bytes:
    """The TPP performance basis of an agency for a month as an Excel file (xlsx)."""
    period = tpp_period(year, month)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dasar TPP"
    sheet.append([f"Dasar kinerja TPP — {agency.name} — bulan {month:02d}/{year}"])
    sheet.append(["NIP", "Nama", "Jabatan", "Periode", "Predikat", "Capaian rata-rata (%)"])
    if period is not None:
        evaluations = list(
            Evaluation.objects.visible_to(user)
            .filter(agency_q(agency), period=period)
            .select_related("skp", "skp__employee")
            .order_by("skp__employee_name", "id")
        )
        progress = progress_for_many([e.skp for e in evaluations], period)
        for evaluation in evaluations:
            values = [r.period_pct for r in progress[evaluation.skp_id] if r.period_pct is not None]
            average = (sum(values) / len(values)).quantize(Decimal("0.01")) if values else None
            sheet.append(
                [
                    evaluation.skp.employee.nip,
                    evaluation.skp.employee_name,
                    evaluation.skp.position_name,
                    str(period),
                    evaluation.predicate_label,
                    float(average) if average is not None else None,
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
