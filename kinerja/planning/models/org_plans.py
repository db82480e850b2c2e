"""Organisational plans: the regent's goals (RPJMD), the Perjanjian Kinerja of a unit and its
targets with their IKU."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel, VersionedModel
from kinerja.organisations.models import OrgUnit


class OrgGoal(VersionedModel):
    """A goal of the regent's RPJMD for one year, with its indicator and target (edits are
    optimistically locked on `version`)."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    code = models.CharField(_("kode"), max_length=30, blank=True)
    text = models.TextField(_("tujuan/sasaran"))
    indicator = models.TextField(_("indikator"), blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("satuan"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran daerah")
        verbose_name_plural = _("sasaran daerah")
        ordering = ["year", "order", "id"]

    def __str__(self) -> str:
        return self.text[:120]


class PerformanceAgreementQuerySet(models.QuerySet["PerformanceAgreement"]):
    def visible_to(self, user) -> PerformanceAgreementQuerySet:
        """Organisational plans are public inside the government: every signed-in user reads them."""
        return self if getattr(user, "is_authenticated", False) else self.none()


class PerformanceAgreement(TimeStampedModel):
    """The Perjanjian Kinerja of a perangkat daerah (or a unit) for one year."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    signed_on = models.DateField(_("tanggal perjanjian"), null=True, blank=True)

    objects = PerformanceAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_agreement_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"PK {self.unit} {self.year}"


class AgreementTarget(VersionedModel):
    """One sasaran of a Perjanjian Kinerja with its IKU, baseline and (quarterly) targets (edits
    are optimistically locked on `version`)."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="targets"
    )
    goal = models.ForeignKey(
        OrgGoal,
        verbose_name=_("sasaran daerah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreement_targets",
    )
    objective = models.TextField(_("sasaran strategis"))
    indicator = models.TextField(_("indikator kinerja utama"))
    baseline = models.DecimalField(
        _("kondisi awal"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_unit = models.CharField(_("satuan"), max_length=60)
    target_q1 = models.DecimalField(
        _("target TW I"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_q2 = models.DecimalField(
        _("target TW II"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_q3 = models.DecimalField(
        _("target TW III"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_q4 = models.DecimalField(
        _("target TW IV"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("target perjanjian kinerja")
        verbose_name_plural = _("target perjanjian kinerja")
        ordering = ["agreement", "order", "id"]

    def __str__(self) -> str:
        return f"{self.indicator[:80]} ({self.target_value} {self.target_unit})"
