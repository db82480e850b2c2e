"""Weekly snapshots of the adoption figures, so BKPSDM sees the trend over the weeks."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AdoptionSnapshot(models.Model):
    """The adoption figures of one agency for one ISO week (taken by the weekly job).

    One row per agency and week: a second run in the same week overwrites it with fresher
    figures, never adds a row.
    """

    week_start = models.DateField(_("awal pekan (Senin)"))
    agency = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("perangkat daerah"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("tahun kinerja"))
    employees = models.PositiveIntegerField(_("pegawai"), default=0)
    never_logged_in = models.PositiveIntegerField(_("belum pernah masuk"), default=0)
    without_skp = models.PositiveIntegerField(_("belum memiliki SKP"), default=0)
    due_current_period = models.PositiveIntegerField(_("wajib mengisi periode"), default=0)
    not_filled_current_period = models.PositiveIntegerField(_("belum mengisi periode"), default=0)
    assessors_with_evaluations_waiting = models.PositiveIntegerField(
        _("pejabat penilai dengan penilaian menunggu"), default=0
    )
    evaluations_waiting = models.PositiveIntegerField(_("penilaian menunggu"), default=0)
    announcements_delivered = models.PositiveIntegerField(_("pengumuman terkirim"), default=0)
    announcements_read = models.PositiveIntegerField(_("pengumuman dibaca"), default=0)
    taken_at = models.DateTimeField(_("diambil pada"), default=timezone.now)

    class Meta:
        verbose_name = _("potret adopsi mingguan")
        verbose_name_plural = _("potret adopsi mingguan")
        ordering = ["week_start", "agency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["week_start", "agency"], name="one_adoption_snapshot_per_agency_week"
            ),
            models.CheckConstraint(
                condition=Q(never_logged_in__lte=models.F("employees")),
                name="adoption_snapshot_counts_within_employees",
            ),
        ]
        indexes = [models.Index(fields=["week_start"], name="adoption_snapshot_week_idx")]

    def __str__(self) -> str:
        return f"Adopsi {self.agency_id} pekan {self.week_start}"
