"""Organisation results, calibration of predicates and the signed penetapan predikat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.evaluation.domain import OrgPredicate

from ._common import ORG_PREDICATE_CHOICES, PREDICATE_CHOICES
from .periods import Period


class OrgResultQuerySet(models.QuerySet["OrgResult"]):
    def visible_to(self, user) -> OrgResultQuerySet:
        """Organisation results are public inside the government."""
        return self if getattr(user, "is_authenticated", False) else self.none()


class OrgResult(TimeStampedModel):
    """Capaian kinerja organisasi of a unit for a year (period empty) or one period."""

    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    predicate = models.CharField(
        _("capaian kinerja organisasi"), max_length=20, choices=ORG_PREDICATE_CHOICES
    )
    reason = models.TextField(_("dasar penetapan"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_by_name = models.CharField(_("ditetapkan oleh"), max_length=200, blank=True)

    objects = OrgResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("capaian kinerja organisasi")
        verbose_name_plural = _("capaian kinerja organisasi")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(period__isnull=True),
                name="one_annual_org_result",
            ),
            models.UniqueConstraint(
                fields=["unit", "period"],
                condition=Q(period__isnull=False),
                name="one_periodic_org_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.predicate_label}"

    @property
    def predicate_label(self) -> str:
        return OrgPredicate(self.predicate).label


class CalibrationAdjustment(models.Model):
    """The leader changes one employee's annual predicate during calibration (audited)."""

    evaluation = models.ForeignKey(
        "evaluation.Evaluation", on_delete=models.CASCADE, related_name="adjustments"
    )
    from_predicate = models.CharField(
        _("predikat semula"), max_length=20, choices=PREDICATE_CHOICES
    )
    to_predicate = models.CharField(_("predikat baru"), max_length=20, choices=PREDICATE_CHOICES)
    reason = models.TextField(_("alasan"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("penyesuaian kalibrasi")
        verbose_name_plural = _("penyesuaian kalibrasi")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.from_predicate} → {self.to_predicate}"


class PredicateDeterminationQuerySet(models.QuerySet["PredicateDetermination"]):
    def visible_to(self, user) -> PredicateDeterminationQuerySet:
        from kinerja.organisations.access import access_for

        return access_for(user).filter_by_unit(self, "agency")


class PredicateDetermination(models.Model):
    """Penetapan predikat kinerja of a perangkat daerah for a year, signed, with its hash."""

    agency = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(_("nama penanda tangan"), max_length=200)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=18, blank=True)
    signer_position = models.CharField(_("jabatan penanda tangan"), max_length=220, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani pada"))
    distribution = models.JSONField(_("distribusi"))
    content_hash = models.CharField(_("sidik isi (SHA-256)"), max_length=64)

    objects = PredicateDeterminationQuerySet.as_manager()

    class Meta:
        verbose_name = _("penetapan predikat kinerja")
        verbose_name_plural = _("penetapan predikat kinerja")
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_determination_per_year")
        ]

    def __str__(self) -> str:
        return f"Penetapan predikat {self.agency} {self.year}"
