"""Realisations of the Perjanjian Kinerja's outcome indicators, entered by the agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel


class OutcomeMeasurementQuerySet(models.QuerySet["OutcomeMeasurement"]):
    def visible_to(self, user) -> OutcomeMeasurementQuerySet:
        """Organisational achievement is public inside the government, like the PK itself."""
        return self if getattr(user, "is_authenticated", False) else self.none()


class OutcomeMeasurement(VersionedModel):
    """The realisation of one IKU (e.g. a health service index) for one period, entered by the
    agency with its explanation; the achievement is computed against the PK target."""

    agreement_target = models.ForeignKey(
        "planning.AgreementTarget",
        verbose_name=_("indikator kinerja utama"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period = models.ForeignKey(
        "evaluation.Period",
        verbose_name=_("periode"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(_("realisasi"), max_digits=14, decimal_places=2)
    lower_is_better = models.BooleanField(_("semakin kecil semakin baik"), default=False)
    explanation = models.TextField(_("penjelasan"), blank=True)
    source = models.CharField(_("sumber data"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by_name = models.CharField(_("diisi oleh"), max_length=200, blank=True)

    objects = OutcomeMeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisasi indikator kinerja utama")
        verbose_name_plural = _("realisasi indikator kinerja utama")
        ordering = ["period", "agreement_target"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement_target", "period"], name="one_outcome_per_target_period"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="outcome_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"Realisasi IKU {self.agreement_target_id} / {self.period_id}: {self.value}"
