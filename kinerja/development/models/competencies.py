"""The competency dictionary, the standards positions require and employees' assessed levels."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.organisations.models import Employee, Position

from ._common import LEVEL_VALIDATORS, EmployeeScopedQuerySet


class CompetencyKind(models.TextChoices):
    TECHNICAL = "technical", _("Teknis")
    MANAGERIAL = "managerial", _("Manajerial")
    SOCIO_CULTURAL = "socio_cultural", _("Sosial kultural")


class Competency(TimeStampedModel):
    """An entry of the competency dictionary (PermenPANRB 38/2017), with its five levels."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama kompetensi"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=CompetencyKind.choices)
    field = models.CharField(_("bidang"), max_length=120, blank=True)
    description = models.TextField(_("definisi"), blank=True)
    level_descriptions = models.JSONField(
        _("deskripsi level 1–5"), default=list, blank=True, help_text=_("Lima teks, level 1–5.")
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kamus kompetensi")
        ordering = ["kind", "field", "name"]

    def __str__(self) -> str:
        return self.name

    def level_text(self, level: int) -> str:
        texts = self.level_descriptions or []
        return texts[level - 1] if 1 <= level <= len(texts) else ""


class PositionCompetency(TimeStampedModel):
    """The standard level a position requires in a competency."""

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="competency_standards"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    required_level = models.PositiveSmallIntegerField(
        _("level standar"), validators=LEVEL_VALIDATORS
    )

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"], name="unique_position_competency"
            ),
            models.CheckConstraint(
                condition=Q(required_level__gte=1, required_level__lte=5),
                name="position_competency_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.competency} level {self.required_level}"


class EmployeeCompetency(TimeStampedModel):
    """An employee's assessed level in a competency for a year (assessment centre, uji, etc.)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level hasil asesmen"), validators=LEVEL_VALIDATORS)
    year = models.PositiveSmallIntegerField(_("tahun"))
    source = models.CharField(_("sumber"), max_length=120, blank=True)

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil kompetensi pegawai")
        verbose_name_plural = _("profil kompetensi pegawai")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competency", "year"], name="unique_employee_competency_year"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="employee_competency_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee}: {self.competency} level {self.level} ({self.year})"
