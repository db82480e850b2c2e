"""Assignments: an employee holding a position, definitively or as Plt/Plh, between two dates."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel

from ..domain.supervision import ActingKind
from .employees import Employee
from .positions import Position


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def on(self, date) -> AssignmentQuerySet:
        """Assignments in force on a date (end date inclusive)."""
        return self.filter(
            Q(start_date__lte=date), Q(end_date__isnull=True) | Q(end_date__gte=date)
        )


class Assignment(TimeStampedModel):
    """An employee holding a position, definitively or as Plt/Plh, between two dates."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    acting = models.CharField(
        _("jenis penugasan"),
        max_length=12,
        default=ActingKind.DEFINITIVE.value,
        choices=[
            (ActingKind.DEFINITIVE.value, _("Definitif")),
            (ActingKind.PLT.value, _("Plt (Pelaksana Tugas)")),
            (ActingKind.PLH.value, _("Plh (Pelaksana Harian)")),
        ],
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["position", "start_date"], name="assignment_position_idx"),
            models.Index(fields=["employee", "start_date"], name="assignment_employee_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.position} ({self.get_acting_display()})"
