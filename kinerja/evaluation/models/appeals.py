"""Keberatan: the employee's objection to an evaluation, decided by the atasan pejabat penilai."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ._common import PREDICATE_CHOICES, RATING_CHOICES, skp_scoped


class AppealStatus(models.TextChoices):
    FILED = "filed", _("Diajukan")
    EXPLANATIONS_REQUESTED = "explanations_requested", _("Penjelasan diminta")
    DECIDED = "decided", _("Diputus")


class AppealDecision(models.TextChoices):
    UPHOLD = "uphold", _("Menguatkan hasil penilaian")
    CHANGE = "change", _("Mengubah hasil penilaian")


class AppealQuerySet(models.QuerySet["Appeal"]):
    def visible_to(self, user) -> AppealQuerySet:
        return skp_scoped(self, user, "evaluation__skp")


class Appeal(models.Model):
    """One keberatan (PP 30/2019 art. 59). The decision is final and written back."""

    evaluation = models.ForeignKey(
        "evaluation.Evaluation", on_delete=models.PROTECT, related_name="appeals"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("diajukan pada"))
    reasons = models.TextField(_("alasan keberatan"))
    status = models.CharField(
        _("status"), max_length=24, choices=AppealStatus.choices, default=AppealStatus.FILED
    )
    assessor_explanation = models.TextField(_("penjelasan pejabat penilai"), blank=True)
    employee_explanation = models.TextField(_("penjelasan pegawai"), blank=True)
    decision = models.CharField(
        _("keputusan"), max_length=8, choices=AppealDecision.choices, blank=True
    )
    decision_note = models.TextField(_("pertimbangan keputusan"), blank=True)
    old_work_rating = models.CharField(max_length=8, choices=RATING_CHOICES, blank=True)
    old_behaviour_rating = models.CharField(max_length=8, choices=RATING_CHOICES, blank=True)
    old_predicate = models.CharField(max_length=20, choices=PREDICATE_CHOICES, blank=True)
    new_work_rating = models.CharField(
        _("rating hasil kerja baru"), max_length=8, choices=RATING_CHOICES, blank=True
    )
    new_behaviour_rating = models.CharField(
        _("rating perilaku kerja baru"), max_length=8, choices=RATING_CHOICES, blank=True
    )
    new_predicate = models.CharField(
        _("predikat baru"), max_length=20, choices=PREDICATE_CHOICES, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(_("diputus oleh"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation"],
                condition=~Q(status="decided"),
                name="one_open_appeal_per_evaluation",
            )
        ]

    def __str__(self) -> str:
        return f"Keberatan {self.evaluation_id} ({self.get_status_display()})"
