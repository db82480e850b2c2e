"""The unit tree: unit kinds, the perangkat daerah kinds and `OrgUnit` with its materialised path."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel

PATH_SEGMENT = 8  # each ancestor id takes 7 digits and a slash: 10 million units is plenty


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("Pemerintah Kabupaten")
    SECRETARIAT = "secretariat", _("Sekretariat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    INSPECTORATE = "inspectorate", _("Inspektorat")
    KECAMATAN = "kecamatan", _("Kecamatan")
    HOSPITAL = "hospital", _("RSUD")
    AGENCY_OTHER = "agency_other", _("Perangkat Daerah Lain")
    BIDANG = "bidang", _("Bidang")
    BAGIAN = "bagian", _("Bagian")
    SEKSI = "seksi", _("Seksi")
    SUBBAGIAN = "subbagian", _("Subbagian")
    UPT = "upt", _("UPT")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    SCHOOL = "school", _("Sekolah")


AGENCY_KINDS = {
    UnitKind.SECRETARIAT,
    UnitKind.DINAS,
    UnitKind.BADAN,
    UnitKind.INSPECTORATE,
    UnitKind.KECAMATAN,
    UnitKind.HOSPITAL,
    UnitKind.AGENCY_OTHER,
}


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """The unit and everything below it (one indexed prefix scan on the path)."""
        return self.filter(path__startswith=unit.path)

    def visible_to(self, user) -> OrgUnitQuerySet:
        from ..access import access_for

        return access_for(user).filter_units(self)


class OrgUnit(TimeStampedModel):
    """A node of the regency's organisation tree (pemerintah → perangkat daerah → ... → UPT).

    `path` is the materialised chain of ancestor ids ("0000001/0000004/0000019/"), so a subtree
    is one prefix scan; `agency` points at the perangkat daerah the unit belongs to.
    """

    name = models.CharField(_("nama unit"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    code = models.CharField(_("kode unor"), max_length=64, unique=True, null=True, blank=True)
    kind = models.CharField(_("jenis unit"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    agency = models.ForeignKey(
        "self",
        verbose_name=_("perangkat daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    path = models.CharField(max_length=255, blank=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        indexes = [
            models.Index(
                fields=["path"], name="orgunit_path_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["agency", "kind"], name="orgunit_agency_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_agency(self) -> bool:
        return self.kind in AGENCY_KINDS

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit, read from the path (no query)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]
