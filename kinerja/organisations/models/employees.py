"""Employees (pegawai ASN): their status, gender and SKP exemption choices and the row-level scope."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel

from ..domain.nip import NipError, format_nip, parse_nip
from .positions import Position
from .units import OrgUnit


class EmployeeStatus(models.TextChoices):
    PNS = "pns", _("PNS")
    CPNS = "cpns", _("CPNS")
    PPPK = "pppk", _("PPPK")
    PPPK_PART_TIME = "pppk_part_time", _("PPPK Paruh Waktu")


class Gender(models.TextChoices):
    MALE = "male", _("Laki-laki")
    FEMALE = "female", _("Perempuan")


class SkpExemption(models.TextChoices):
    NONE = "", _("Tidak dikecualikan")
    STUDY_LEAVE = "study_leave", _("Tugas belajar")
    UNPAID_LEAVE = "unpaid_leave", _("Cuti di luar tanggungan negara")
    SUSPENDED = "suspended", _("Diberhentikan sementara")
    PRE_RETIREMENT = "pre_retirement", _("Masa persiapan pensiun")
    SECONDED = "seconded", _("Diangkat menjadi pejabat negara/LNS")


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def visible_to(self, user) -> EmployeeQuerySet:
        """The one row-level scope for employees (pages, exports and the API all use it)."""
        from ..access import access_for

        return access_for(user).filter_employees(self)

    def active(self) -> EmployeeQuerySet:
        return self.filter(is_active=True)


class Employee(VersionedModel):
    """A pegawai ASN (PNS, CPNS, PPPK). `unit` and `position` mirror the current definitive assignment."""

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    status = models.CharField(
        _("status kepegawaian"), max_length=16, choices=EmployeeStatus.choices
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=60, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    skp_exemption = models.CharField(
        _("pengecualian SKP"), max_length=20, choices=SkpExemption.choices, blank=True, default=""
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name", "nip"]
        indexes = [
            models.Index(fields=["unit", "name"], name="employee_unit_name_idx"),
            models.Index(fields=["name"], name="employee_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """Name with academic titles: "dr. Cut Nyak Dhien, M.Kes"."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)

    @property
    def is_pns(self) -> bool:
        return self.status in {EmployeeStatus.PNS, EmployeeStatus.CPNS}

    def clean(self) -> None:
        try:
            parsed = parse_nip(self.nip)
        except NipError as exc:
            raise ValidationError({"nip": str(exc)}) from exc
        self.nip = parsed.value
