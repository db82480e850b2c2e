"""Competency development: dictionary, standards, catalogue, events, reports, JP ledger, plans."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.organisations.models import Employee, OrgUnit, Position

from .domain import ActivityForm, ConversionBasis, ConversionRule, NeedSource

FORM_CHOICES = [(f.value, f.label) for f in ActivityForm]
BASIS_CHOICES = [(b.value, b.label) for b in ConversionBasis]
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class EmployeeScopedQuerySet(models.QuerySet):
    """Rows hanging off an employee, scoped like the employees themselves."""

    def visible_to(self, user):
        from kinerja.organisations.access import access_for

        return access_for(user).filter_employees(self, "employee")


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


class ConversionRuleSetting(TimeStampedModel):
    """BKPSDM's override of the default JP conversion for one activity form (a default, not law)."""

    form = models.CharField(_("bentuk kegiatan"), max_length=32, choices=FORM_CHOICES, unique=True)
    basis = models.CharField(_("dasar perhitungan"), max_length=16, choices=BASIS_CHOICES)
    jp_national = models.DecimalField(
        _("JP nasional"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    jp_international = models.DecimalField(
        _("JP internasional"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    cap_per_day = models.DecimalField(
        _("batas JP per hari"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    cap_per_day_international = models.DecimalField(
        _("batas JP per hari (internasional)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
    cap_per_month = models.PositiveSmallIntegerField(
        _("batas sesi per bulan"), null=True, blank=True
    )
    international_uplift_pct = models.PositiveSmallIntegerField(
        _("tambahan internasional (%)"), default=0
    )
    minutes_per_jp = models.PositiveSmallIntegerField(
        _("menit per JP"), default=45, validators=[MinValueValidator(1)]
    )
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("aturan konversi JP")
        verbose_name_plural = _("aturan konversi JP")
        ordering = ["form"]

    def __str__(self) -> str:
        return ActivityForm(self.form).label

    def to_rule(self) -> ConversionRule:
        """The domain rule this row stands for (raises ValueError when inconsistent)."""
        return ConversionRule(
            form=ActivityForm(self.form),
            basis=ConversionBasis(self.basis),
            jp_national=self.jp_national,
            jp_international=self.jp_international,
            cap_per_day=self.cap_per_day,
            cap_per_month=self.cap_per_month,
            note=self.note,
            cap_per_day_international=self.cap_per_day_international,
            international_uplift_pct=self.international_uplift_pct,
        )


class Activity(TimeStampedModel):
    """A catalogue entry: a kind of development activity and the competencies it builds."""

    name = models.CharField(_("nama kegiatan"), max_length=200)
    form = models.CharField(_("bentuk"), max_length=32, choices=FORM_CHOICES)
    competencies = models.ManyToManyField(
        Competency,
        verbose_name=_("kompetensi yang dibangun"),
        blank=True,
        related_name="activities",
    )
    description = models.TextField(_("uraian"), blank=True)
    provider = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    typical_minutes = models.PositiveIntegerField(_("lama (menit)"), null=True, blank=True)
    typical_days = models.PositiveSmallIntegerField(_("lama (hari)"), null=True, blank=True)
    is_international = models.BooleanField(_("internasional"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kegiatan pengembangan")
        verbose_name_plural = _("katalog kegiatan pengembangan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def form_label(self) -> str:
        return ActivityForm(self.form).label


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Pendaftaran dibuka")
    CLOSED = "closed", _("Pendaftaran ditutup")
    DONE = "done", _("Selesai")


class TrainingEvent(TimeStampedModel):
    """One scheduled run of an activity, organised by BKPSDM or an agency."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="events")
    organiser_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("penyelenggara"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("judul"), max_length=200)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online_link = models.URLField(_("tautan daring"), blank=True)
    quota = models.PositiveIntegerField(_("kuota peserta"), validators=[MinValueValidator(1)])
    minutes = models.PositiveIntegerField(_("jumlah menit pelajaran"), null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(_("jumlah sesi"), null=True, blank=True)
    semesters = models.PositiveSmallIntegerField(_("jumlah semester"), null=True, blank=True)
    is_international = models.BooleanField(_("internasional"), default=False)
    target_positions = models.ManyToManyField(
        Position, verbose_name=_("sasaran jabatan"), blank=True, related_name="+"
    )
    target_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("sasaran unit"), blank=True, related_name="+"
    )
    target_competency = models.ForeignKey(
        Competency,
        verbose_name=_("sasaran kompetensi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("penyelenggaraan pelatihan")
        verbose_name_plural = _("penyelenggaraan pelatihan")
        ordering = ["start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="event_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", _("Diundang")
    REGISTERED = "registered", _("Terdaftar")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    ATTENDED = "attended", _("Hadir")
    COMPLETED = "completed", _("Lulus/selesai")
    CANCELLED = "cancelled", _("Batal")
    NO_SHOW = "no_show", _("Tidak hadir")


# Statuses that hold a seat in the quota.
SEAT_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.COMPLETED,
)


def certificate_path(instance, filename: str) -> str:
    return f"sertifikat/{instance.employee_id}/{filename}"


class Registration(TimeStampedModel):
    """An employee's place in an event: from invitation to completion, with feedback."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.PROTECT, related_name="registrations")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField(_("waktu daftar"))
    feedback_rating = models.PositiveSmallIntegerField(
        _("penilaian peserta"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    feedback_text = models.TextField(_("umpan balik"), blank=True)
    certificate = models.FileField(_("sertifikat"), upload_to=certificate_path, blank=True)
    certificate_name = models.CharField(max_length=120, blank=True)
    certificate_sha256 = models.CharField(max_length=64, blank=True)

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pendaftaran pelatihan")
        verbose_name_plural = _("pendaftaran pelatihan")
        ordering = ["event", "registered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="unique_event_employee")
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.event}"


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Diverifikasi")
    REJECTED = "rejected", _("Ditolak")


class ExternalActivityReport(TimeStampedModel):
    """A development activity the employee did elsewhere, reported with its certificate."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("bentuk kegiatan"), max_length=32, choices=FORM_CHOICES)
    title = models.CharField(_("nama kegiatan"), max_length=200)
    organiser = models.CharField(_("penyelenggara"), max_length=200)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    minutes = models.PositiveIntegerField(_("jumlah menit pelajaran"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("jumlah hari"), null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(_("jumlah sesi"), null=True, blank=True)
    semesters = models.PositiveSmallIntegerField(_("jumlah semester"), null=True, blank=True)
    is_international = models.BooleanField(_("internasional"), default=False)
    competency = models.ForeignKey(
        Competency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    certificate = models.FileField(_("sertifikat"), upload_to=certificate_path)
    certificate_name = models.CharField(max_length=120)
    certificate_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("catatan verifikator"), blank=True)

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan kegiatan pengembangan")
        verbose_name_plural = _("laporan kegiatan pengembangan")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="report_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def form_label(self) -> str:
        return ActivityForm(self.form).label


class JpEntry(models.Model):
    """One line of an employee's JP ledger; each source counts once."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.PROTECT, related_name="jp_entries"
    )
    report = models.ForeignKey(
        ExternalActivityReport,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jp_entries",
    )
    title = models.CharField(_("kegiatan"), max_length=200)
    explanation = models.TextField(_("perhitungan"))
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("catatan JP")
        verbose_name_plural = _("buku JP")
        ordering = ["year", "created_at", "id"]
        indexes = [models.Index(fields=["year", "employee"], name="jpentry_year_employee_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(registration__isnull=False),
                name="jp_once_per_registration",
            ),
            models.UniqueConstraint(
                fields=["report"], condition=Q(report__isnull=False), name="jp_once_per_report"
            ),
            models.CheckConstraint(
                condition=(Q(registration__isnull=False) & Q(report__isnull=True))
                | (Q(registration__isnull=True) & Q(report__isnull=False)),
                name="jp_has_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.year}: {self.jp} JP"


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


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    AGREED = "agreed", _("Disepakati")


class DevelopmentPlan(TimeStampedModel):
    """The individual development plan (rencana pengembangan kompetensi) of a year."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    agreed_by_employee_at = models.DateTimeField(null=True, blank=True)
    agreed_by_assessor_at = models.DateTimeField(null=True, blank=True)
    assessor = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EmployeeScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana pengembangan kompetensi")
        verbose_name_plural = _("rencana pengembangan kompetensi")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="unique_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"Rencana pengembangan {self.employee} {self.year}"


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")


class PlanItem(TimeStampedModel):
    """One line of a plan: a need, the chosen activity or event, and when."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    need = models.ForeignKey(
        DevelopmentNeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        TrainingEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanItemStatus.choices, default=PlanItemStatus.PLANNED
    )

    class Meta:
        verbose_name = _("butir rencana")
        verbose_name_plural = _("butir rencana")
        ordering = ["plan", "quarter", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="plan_item_quarter_range"
            )
        ]

    def __str__(self) -> str:
        what = self.event or self.activity
        return f"T{self.quarter}: {what}"


class PlanDocument(models.Model):
    """A printed development plan: its verification code and the hash of what it showed."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("kode verifikasi"), max_length=32, unique=True)
    content_hash = models.CharField(_("hash isi"), max_length=64)
    status = models.CharField(_("status saat dicetak"), max_length=8, choices=PlanStatus.choices)
    created_at = models.DateTimeField(_("dicetak pada"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dokumen rencana pengembangan")
        verbose_name_plural = _("dokumen rencana pengembangan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["plan", "content_hash"], name="plandoc_plan_hash_idx")]

    def __str__(self) -> str:
        return f"{self.plan} [{self.code}]"
