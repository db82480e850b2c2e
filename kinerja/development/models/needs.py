"""Development needs of an employee for a year, derived or added by the assessor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.development.domain import NeedSource
from kinerja.organisations.models import Employee

from ._common import EmployeeScopedQuerySet
from .competencies import Competency

NEED_SOURCE_CHOICES = [
    *((s.value, s.label) for s in NeedSource),
    ("assessor", _("Ditambahkan pejabat penilai")),
]
MANUAL_SOURCE = "assessor"


class NeedStatus(models.TextChoices):
    PROPOSED = "proposed", _("Usulan")
    CONFIRMED = "confirmed", _("Dikonfirmasi")
    CLOSED = "closed", _("Selesai")


class DevelopmentNeed(TimeStampedModel):
    """A development need of an employee for a year, with the reason the employee reads."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    source = models.CharField(_("sumber"), max_length=24, choices=NEED_SOURCE_CHOICES)
    key = models.CharField(max_length=200, editable=False)
    competency = models.ForeignKey(
        Competency, null=True, blank=True, on_delete=models.PROTECT, related_name="needs"
    )
    behaviour = models.CharField(_("perilaku kerja"), max_length=40, blank=True)
    rhk_reference = models.CharField(_("RHK"), max_length=60, blank=True)
    reason = models.TextField(_("alasan"))
    status = models.CharField(
        _("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.PROPOSED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kebutuhan pengembangan")
        verbose_name_plural = _("kebutuhan pengembangan")
        ordering = ["year", "employee", "id"]
        constraints = [
            # A derived need is stored once however often the derivation runs.
            models.UniqueConstraint(
                fields=["employee", "year", "key"],
                condition=~Q(source="assessor"),
                name="unique_derived_need",
            )
        ]

    def __str__(self) -> str:
        return self.reason
