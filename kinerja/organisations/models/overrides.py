"""Supervision overrides: an explicit pejabat penilai (and atasan) set by an admin for a period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel

from .assignments import AssignmentQuerySet
from .employees import Employee


class SupervisionOverride(TimeStampedModel):
    """An explicit pejabat penilai (and optionally atasan) set by an admin, with its period.

    Overrides are never deleted: correcting one ends it and starts another, so the history of
    who assessed whom stays readable.
    """

    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="supervision_overrides"
    )
    assessor = models.ForeignKey(
        Employee,
        verbose_name=_("pejabat penilai"),
        on_delete=models.PROTECT,
        related_name="override_assessees",
    )
    assessor_superior = models.ForeignKey(
        Employee,
        verbose_name=_("atasan pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("berlaku mulai"))
    end_date = models.DateField(_("berlaku sampai"), null=True, blank=True)
    reason = models.TextField(_("alasan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penetapan pejabat penilai")
        verbose_name_plural = _("penetapan pejabat penilai")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["employee", "start_date"], name="override_employee_idx")]

    def __str__(self) -> str:
        return f"{self.employee} dinilai oleh {self.assessor}"
