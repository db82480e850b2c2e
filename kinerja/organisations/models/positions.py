"""Positions (jabatan) in units, with the Indonesian labels of their kinds and levels."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel

from ..domain.positions import FunctionalLevel, PositionKind
from .units import OrgUnit


class PositionQuerySet(models.QuerySet["Position"]):
    def visible_to(self, user) -> PositionQuerySet:
        from ..access import access_for

        return access_for(user).filter_by_unit(self, "unit")


class Position(TimeStampedModel):
    """A jabatan in a unit; at most one head position per unit."""

    name = models.CharField(_("nama jabatan"), max_length=200)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="positions"
    )
    kind = models.CharField(
        _("jenis jabatan"), max_length=24, choices=[(k.value, k.value) for k in PositionKind]
    )
    level = models.CharField(
        _("jenjang"),
        max_length=16,
        blank=True,
        default="",
        choices=[(v.value, v.value) for v in FunctionalLevel],
    )
    is_head = models.BooleanField(_("kepala unit"), default=False)
    class_grade = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    code = models.CharField(_("kode jabatan"), max_length=64, unique=True, null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__path", "-is_head", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(is_head=True, is_active=True),
                name="one_active_head_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_enum(self) -> PositionKind:
        return PositionKind(self.kind)

    @property
    def level_enum(self) -> FunctionalLevel | None:
        return FunctionalLevel(self.level) if self.level else None

    def get_kind_display_id(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def get_level_display_id(self) -> str:
        return LEVEL_LABELS.get(self.level, "")


KIND_LABELS = {
    PositionKind.REGENT: "Kepala Daerah",
    PositionKind.JPT_UTAMA: "JPT Utama",
    PositionKind.JPT_MADYA: "JPT Madya",
    PositionKind.JPT_PRATAMA: "JPT Pratama",
    PositionKind.ADMINISTRATOR: "Administrator",
    PositionKind.PENGAWAS: "Pengawas",
    PositionKind.PELAKSANA: "Pelaksana",
    PositionKind.FUNCTIONAL_EXPERT: "Fungsional Keahlian",
    PositionKind.FUNCTIONAL_SKILLED: "Fungsional Keterampilan",
}
LEVEL_LABELS = {
    FunctionalLevel.AHLI_PERTAMA: "Ahli Pertama",
    FunctionalLevel.AHLI_MUDA: "Ahli Muda",
    FunctionalLevel.AHLI_MADYA: "Ahli Madya",
    FunctionalLevel.AHLI_UTAMA: "Ahli Utama",
    FunctionalLevel.PEMULA: "Pemula",
    FunctionalLevel.TERAMPIL: "Terampil",
    FunctionalLevel.MAHIR: "Mahir",
    FunctionalLevel.PENYELIA: "Penyelia",
}
