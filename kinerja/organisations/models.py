"""The organisation: unit tree, positions, employees, assignments, assessor overrides, roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel, VersionedModel

from .domain.nip import NipError, format_nip, parse_nip
from .domain.positions import FunctionalLevel, PositionKind
from .domain.supervision import ActingKind

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
        from .access import access_for

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


class PositionQuerySet(models.QuerySet["Position"]):
    def visible_to(self, user) -> PositionQuerySet:
        from .access import access_for

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
        from .access import access_for

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


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def on(self, date) -> AssignmentQuerySet:
        """Assignments in force on a date (end date inclusive)."""
        return self.filter(
            Q(start_date__lte=date), Q(end_date__isnull=True) | Q(end_date__gte=date)
        )


class Assignment(TimeStampedModel):
    """An employee holding a position, definitively or as Plt/Plh, between two dates."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    acting = models.CharField(
        _("jenis penugasan"),
        max_length=12,
        default=ActingKind.DEFINITIVE.value,
        choices=[
            (ActingKind.DEFINITIVE.value, _("Definitif")),
            (ActingKind.PLT.value, _("Plt (Pelaksana Tugas)")),
            (ActingKind.PLH.value, _("Plh (Pelaksana Harian)")),
        ],
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["position", "start_date"], name="assignment_position_idx"),
            models.Index(fields=["employee", "start_date"], name="assignment_employee_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.position} ({self.get_acting_display()})"


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
