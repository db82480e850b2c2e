"""Roles (OPD admin, BKPSDM admin, leadership, auditor) and their grants to employees."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel

from .employees import Employee
from .units import OrgUnit


class Role(models.TextChoices):
    OPD_ADMIN = "opd_admin", _("Pengelola Kinerja Perangkat Daerah")
    BKPSDM_ADMIN = "bkpsdm_admin", _("Admin BKPSDM")
    LEADERSHIP = "leadership", _("Pimpinan Daerah")
    AUDITOR = "auditor", _("Auditor Inspektorat")


class RoleGrant(TimeStampedModel):
    """A role given to an employee; an OPD admin's role is tied to one perangkat daerah."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")
        constraints = [
            models.UniqueConstraint(fields=["employee", "role", "unit"], name="unique_role_grant"),
            models.CheckConstraint(
                condition=~Q(role="opd_admin") | Q(unit__isnull=False), name="opd_admin_has_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.get_role_display()}"
