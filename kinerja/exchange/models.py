"""The export log and the staged SIASN reference imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    SKP_ANNUAL = "skp_annual", _("Hasil SKP tahunan")
    PERIODIC = "periodic", _("Kinerja periodik")
    TRAINING = "training", _("Riwayat diklat dan kursus")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    JSON = "json", _("JSON")


class ExportChannel(models.TextChoices):
    WEB = "web", _("Halaman")
    API = "api", _("API")


class ExportLogQuerySet(models.QuerySet["ExportLog"]):
    def visible_to(self, user) -> ExportLogQuerySet:
        """BKPSDM admins and auditors see every export; an OPD admin sees their own."""
        from kinerja.organisations.access import access_for

        access = access_for(user)
        if access.manages_all or access.is_auditor:
            return self
        if access.is_opd_admin:
            return self.filter(created_by_id=user.pk)
        return self.none()


class ExportLog(models.Model):
    """One export for the national systems: who, when, what, with which filters, its hash."""

    created_at = models.DateTimeField(_("waktu"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by_label = models.CharField(_("oleh"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=ExportKind.choices)
    file_format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    channel = models.CharField(_("saluran"), max_length=8, choices=ExportChannel.choices)
    filters = models.JSONField(_("saringan"), default=dict)
    rows = models.PositiveIntegerField(_("jumlah baris"))
    sha256 = models.CharField(_("SHA-256 berkas"), max_length=64)

    objects = ExportLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("catatan ekspor")
        verbose_name_plural = _("catatan ekspor")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class ReferenceKind(models.TextChoices):
    UNOR = "unor", _("Unit organisasi (unor)")
    JABATAN = "jabatan", _("Jabatan")
    SUPERIOR = "superior", _("Atasan langsung pegawai")


class ImportState(models.TextChoices):
    INVALID = "invalid", _("Ada kesalahan")
    PREVIEW = "preview", _("Menunggu keputusan")
    APPLIED = "applied", _("Diterapkan")
    DISCARDED = "discarded", _("Dibatalkan")


class ReferenceImportQuerySet(models.QuerySet["ReferenceImport"]):
    def visible_to(self, user) -> ReferenceImportQuerySet:
        from kinerja.organisations.access import access_for

        return self if access_for(user).manages_all else self.none()


class ReferenceImport(models.Model):
    """A SIASN-shaped reference file, validated and staged; nothing changes until accepted.

    `rows` keeps the normalised rows of the file and `changes` the differences shown to the
    admin; `fingerprint` is the hash of those differences, so an apply refuses when the data
    moved since the preview.
    """

    kind = models.CharField(_("jenis data"), max_length=10, choices=ReferenceKind.choices)
    state = models.CharField(_("status"), max_length=10, choices=ImportState.choices)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    file_sha256 = models.CharField(_("SHA-256 berkas"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("diunggah"))
    errors = models.JSONField(_("kesalahan per baris"), default=list, blank=True)
    rows = models.JSONField(_("baris"), default=list, blank=True)
    changes = models.JSONField(_("perbedaan"), default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    applied_ids = models.JSONField(_("perubahan yang diterima"), default=list, blank=True)

    objects = ReferenceImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor referensi SIASN")
        verbose_name_plural = _("impor referensi SIASN")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
