"""The periodic and annual evaluation of one SKP: ratings, predicate and who gave them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.evaluation.domain import Predicate, Rating

from ._common import PREDICATE_CHOICES, RATING_CHOICES, skp_scoped
from .periods import Period


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def visible_to(self, user) -> EvaluationQuerySet:
        return skp_scoped(self, user)


class Evaluation(VersionedModel):
    """Rating hasil kerja and perilaku kerja and the resulting predikat for one SKP and period.

    The assessor's name, NIP and position at the time are kept, so later moves never rewrite
    who evaluated. Final once an appeal on it is decided.
    """

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="evaluations")
    work_rating = models.CharField(_("rating hasil kerja"), max_length=8, choices=RATING_CHOICES)
    behaviour_rating = models.CharField(
        _("rating perilaku kerja"), max_length=8, choices=RATING_CHOICES
    )
    suggested_work_rating = models.CharField(
        _("saran rating hasil kerja"), max_length=8, choices=RATING_CHOICES, blank=True
    )
    deviation_reason = models.TextField(_("alasan berbeda dari saran"), blank=True)
    work_from_org_result = models.BooleanField(
        _("rating hasil kerja dari capaian organisasi"), default=False
    )
    predicate = models.CharField(_("predikat kinerja"), max_length=20, choices=PREDICATE_CHOICES)
    is_calibrated = models.BooleanField(_("disesuaikan saat kalibrasi"), default=False)
    is_final = models.BooleanField(_("final (keberatan diputus)"), default=False)
    assessor = models.ForeignKey(
        "organisations.Employee",
        verbose_name=_("pejabat penilai"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessor_name = models.CharField(_("nama pejabat penilai"), max_length=200)
    assessor_nip = models.CharField(_("NIP pejabat penilai"), max_length=18, blank=True)
    assessor_position = models.CharField(_("jabatan pejabat penilai"), max_length=220, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluated_at = models.DateTimeField(_("dinilai pada"))
    delivered_on = models.DateField(_("hasil disampaikan pada"))
    acknowledged_at = models.DateTimeField(_("diterima pegawai pada"), null=True, blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        ordering = ["period", "skp"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "period"], name="one_evaluation_per_skp_period")
        ]
        indexes = [models.Index(fields=["period", "predicate"], name="evaluation_predicate_idx")]

    def __str__(self) -> str:
        return f"Penilaian {self.skp_id} / {self.period}: {self.predicate_label}"

    @property
    def predicate_enum(self) -> Predicate:
        return Predicate(self.predicate)

    @property
    def predicate_label(self) -> str:
        return Predicate(self.predicate).label

    @property
    def work_label(self) -> str:
        return Rating(self.work_rating).label

    @property
    def behaviour_label(self) -> str:
        return Rating(self.behaviour_rating).label

    @property
    def received_on(self):
        """The day the employee received the result: acknowledgement, else delivery."""
        if self.acknowledged_at is not None:
            from django.utils import timezone

            return timezone.localdate(self.acknowledged_at)
        return self.delivered_on
