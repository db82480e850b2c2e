"""Development activities done elsewhere, reported by the employee with a certificate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.development.domain import ActivityForm
from kinerja.organisations.models import Employee

from ._common import FORM_CHOICES, EmployeeScopedQuerySet
from .competencies import Competency
from .trainings import certificate_path


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Diverifikasi")
    REJECTED = "rejected", _("Ditolak")


class ExternalActivityReport(TimeStampedModel):
    """A development activity the employee did elsewhere, reported with its certificate."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("bentuk kegiatan"), max_length=32, choices=FORM_CHOICES)
    title = models.CharField(_("nama kegiatan"), max_length=200)
    organiser = models.CharField(_("penyelenggara"), max_length=200)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    minutes = models.PositiveIntegerField(_("jumlah menit pelajaran"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("jumlah hari"), null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(_("jumlah sesi"), null=True, blank=True)
    semesters = models.PositiveSmallIntegerField(_("jumlah semester"), null=True, blank=True)
    is_international = models.BooleanField(_("internasional"), default=False)
    competency = models.ForeignKey(
        Competency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    certificate = models.FileField(_("sertifikat"), upload_to=certificate_path)
    certificate_name = models.CharField(max_length=120)
    certificate_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("catatan verifikator"), blank=True)

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan kegiatan pengembangan")
        verbose_name_plural = _("laporan kegiatan pengembangan")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="report_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def form_label(self) -> str:
        return ActivityForm(self.form).label
