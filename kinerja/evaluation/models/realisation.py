"""What the employee reports per period: realisation per indicator, evidence, the submission."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel

from ._common import skp_scoped
from .periods import Period


class RealisationQuerySet(models.QuerySet["Realisation"]):
    def visible_to(self, user) -> RealisationQuerySet:
        return skp_scoped(self, user, "indicator__rhk__skp")


class Realisation(VersionedModel):
    """Realisation of one indicator in one period: cumulative value to the period's end or a
    description, and a narrative. Optimistically locked (two tabs, employee and assessor)."""

    indicator = models.ForeignKey(
        "planning.Indicator", on_delete=models.CASCADE, related_name="realisations"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="realisations")
    value = models.DecimalField(
        _("realisasi (kumulatif)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(_("realisasi kualitatif"), blank=True)
    narrative = models.TextField(_("uraian/narasi"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RealisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["period", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="one_realisation_per_indicator_period"
            )
        ]

    def __str__(self) -> str:
        return f"Realisasi {self.indicator_id} / {self.period}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Berkas")
    LINK = "link", _("Tautan")


def evidence_path(instance: Evidence, filename: str) -> str:
    """Stored under a random name: the user's file name never reaches the storage path."""
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"bukti/{instance.period.year}/{instance.skp_id}/{uuid.uuid4().hex}.{extension}"


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def visible_to(self, user) -> EvidenceQuerySet:
        return skp_scoped(self, user)


class Evidence(models.Model):
    """A bukti dukung: an uploaded file (checked by content, with its SHA-256) or a link.

    Belongs to an SKP and period, and optionally to one realisation or to an appeal.
    """

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    realisation = models.ForeignKey(
        Realisation, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    appeal = models.ForeignKey(
        "evaluation.Appeal", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=EvidenceKind.choices)
    file = models.FileField(_("berkas"), upload_to=evidence_path, blank=True, max_length=200)
    original_name = models.CharField(_("nama asli"), max_length=255, blank=True)
    safe_name = models.CharField(_("nama berkas"), max_length=120, blank=True)
    mime_type = models.CharField(_("jenis isi"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    title = models.CharField(_("keterangan"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["skp", "period"], name="evidence_skp_period_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(sha256="")) | (Q(kind="link") & ~Q(url="")),
                name="evidence_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.safe_name or self.title or self.url


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    EVALUATED = "evaluated", _("Dinilai")
    ACKNOWLEDGED = "acknowledged", _("Diterima pegawai")


class PeriodSubmissionQuerySet(models.QuerySet["PeriodSubmission"]):
    def visible_to(self, user) -> PeriodSubmissionQuerySet:
        return skp_scoped(self, user)


class PeriodSubmission(VersionedModel):
    """The state of one SKP in one period: draft → submitted → evaluated → acknowledged."""

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)

    objects = PeriodSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengajuan periode")
        verbose_name_plural = _("pengajuan periode")
        constraints = [
            models.UniqueConstraint(fields=["skp", "period"], name="one_submission_per_skp_period")
        ]
        # Submissions waiting for a rating are a few among all (a year of periods): the
        # assessor's queue and the leader's escalations find them without reading the rest.
        indexes = [models.Index(fields=["status"], name="submission_status_idx")]

    def __str__(self) -> str:
        return f"{self.skp_id} / {self.period}: {self.get_status_display()}"
