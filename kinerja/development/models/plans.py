"""Individual development plans: the plan of a year, its items and its printed documents."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.organisations.models import Employee

from ._common import EmployeeScopedQuerySet
from .needs import DevelopmentNeed
from .trainings import Activity, TrainingEvent


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    AGREED = "agreed", _("Disepakati")


class DevelopmentPlan(TimeStampedModel):
    """The individual development plan (rencana pengembangan kompetensi) of a year."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    agreed_by_employee_at = models.DateTimeField(null=True, blank=True)
    agreed_by_assessor_at = models.DateTimeField(null=True, blank=True)
    assessor = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="unique_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"Rencana pengembangan {self.employee} {self.year}"


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")


class PlanItem(TimeStampedModel):
    """One line of a plan: a need, the chosen activity or event, and when."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    need = models.ForeignKey(
        DevelopmentNeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        TrainingEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanItemStatus.choices, default=PlanItemStatus.PLANNED
    )

    class Meta:
        verbose_name = _("butir rencana")
        verbose_name_plural = _("butir rencana")
        ordering = ["plan", "quarter", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="plan_item_quarter_range"
            )
        ]

    def __str__(self) -> str:
        what = self.event or self.activity
        return f"T{self.quarter}: {what}"


class PlanDocument(models.Model):
    """A printed development plan: its verification code and the hash of what it showed."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("kode verifikasi"), max_length=32, unique=True)
    content_hash = models.CharField(_("hash isi"), max_length=64)
    status = models.CharField(_("status saat dicetak"), max_length=8, choices=PlanStatus.choices)
    created_at = models.DateTimeField(_("dicetak pada"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dokumen rencana pengembangan")
        verbose_name_plural = _("dokumen rencana pengembangan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["plan", "content_hash"], name="plandoc_plan_hash_idx")]

    def __str__(self) -> str:
        return f"{self.plan} [{self.code}]"
