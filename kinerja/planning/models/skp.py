"""The SKP itself, the frozen versions written at every workflow transition, and its printed
documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.organisations.domain.nip import format_nip
from kinerja.organisations.models import Employee, OrgUnit, Position

from ..domain.forms import APPROACH_LABELS, Approach, FormType
from ..domain.workflow import STATUS_LABELS, SkpStatus
from ._common import _choices


class SkpQuerySet(models.QuerySet["Skp"]):
    def visible_to(self, user) -> SkpQuerySet:
        from ..selectors import visible_skps

        return visible_skps(self, user)

    def open(self) -> SkpQuerySet:
        return self.filter(is_closed=False)


class Skp(VersionedModel):
    """Sasaran Kinerja Pegawai: one employee's plan for a year (or the part of it in one position).

    Position, unit, pejabat penilai and atasan pejabat penilai are copied at creation so later
    moves never rewrite history; `assessor_post` is the head position through which the assessor
    assesses, so a Plt/Plh acting in that post may act for them.
    """

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="skps"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode selesai"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=_choices(STATUS_LABELS),
        default=SkpStatus.DRAFT.value,
    )
    approach = models.CharField(
        _("pendekatan"),
        max_length=16,
        choices=_choices(APPROACH_LABELS),
        default=Approach.QUANTITATIVE.value,
    )
    form_type = models.CharField(
        _("jenis formulir"),
        max_length=8,
        choices=[(FormType.JPT.value, "JPT"), (FormType.NON_JPT.value, "Non-JPT")],
    )
    is_closed = models.BooleanField(_("ditutup"), default=False)
    position = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position_name = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_kind = models.CharField(_("jenis jabatan"), max_length=24, blank=True)
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit_name = models.CharField(_("unit kerja"), max_length=200, blank=True)
    agency_name = models.CharField(_("instansi/perangkat daerah"), max_length=200, blank=True)
    employee_name = models.CharField(_("nama pegawai"), max_length=200, blank=True)
    employee_rank = models.CharField(_("pangkat/golongan"), max_length=60, blank=True)
    assessor = models.ForeignKey(
        Employee,
        verbose_name=_("pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessed_skps",
    )
    assessor_post = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessor_name = models.CharField(_("nama pejabat penilai"), max_length=200, blank=True)
    assessor_nip = models.CharField(_("NIP pejabat penilai"), max_length=18, blank=True)
    assessor_rank = models.CharField(_("pangkat pejabat penilai"), max_length=60, blank=True)
    assessor_position = models.CharField(_("jabatan pejabat penilai"), max_length=200, blank=True)
    assessor_unit = models.CharField(_("unit pejabat penilai"), max_length=200, blank=True)
    superior = models.ForeignKey(
        Employee,
        verbose_name=_("atasan pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    superior_name = models.CharField(_("nama atasan pejabat penilai"), max_length=200, blank=True)
    superior_nip = models.CharField(_("NIP atasan pejabat penilai"), max_length=18, blank=True)
    superior_position = models.CharField(
        _("jabatan atasan pejabat penilai"), max_length=200, blank=True
    )
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    revision_reason = models.TextField(_("alasan revisi"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SkpQuerySet.as_manager()

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-year", "-period_start", "employee_name"]
        indexes = [
            models.Index(fields=["assessor", "status"], name="skp_assessor_status_idx"),
            models.Index(fields=["employee", "year"], name="skp_employee_year_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"],
                condition=Q(is_closed=False),
                name="one_open_skp_per_employee_year",
            ),
            models.UniqueConstraint(
                fields=["employee", "period_start"], name="one_skp_per_employee_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="skp_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"SKP {self.year} — {self.employee_name}"

    @property
    def status_enum(self) -> SkpStatus:
        return SkpStatus(self.status)

    @property
    def is_jpt(self) -> bool:
        return self.form_type == FormType.JPT

    @property
    def assessor_nip_display(self) -> str:
        return format_nip(self.assessor_nip) if self.assessor_nip else ""


class SkpVersion(models.Model):
    """A frozen copy of the SKP written at every workflow transition (never edited)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("nomor versi"))
    action = models.CharField(_("tindakan"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=_choices(STATUS_LABELS))
    snapshot = models.JSONField(_("isi"))
    reason = models.TextField(_("alasan/catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("versi SKP")
        verbose_name_plural = _("riwayat versi SKP")
        ordering = ["skp", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "number"], name="unique_skp_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.skp} v{self.number}"


class SkpDocument(models.Model):
    """A printed SKP: its verification code and the hash of the content it showed."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("kode verifikasi"), max_length=32, unique=True)
    content_hash = models.CharField(_("hash isi"), max_length=64)
    skp_version = models.PositiveIntegerField(_("versi SKP"))
    status = models.CharField(
        _("status saat dicetak"), max_length=20, choices=_choices(STATUS_LABELS)
    )
    created_at = models.DateTimeField(_("dicetak pada"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dokumen SKP")
        verbose_name_plural = _("dokumen SKP")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["skp", "content_hash"], name="skpdoc_skp_hash_idx")]

    def __str__(self) -> str:
        return f"{self.skp} [{self.code}]"
