"""The activity catalogue, scheduled training events and employees' registrations to them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.development.domain import ActivityForm
from kinerja.organisations.models import Employee, OrgUnit, Position

from ._common import FORM_CHOICES, LEVEL_VALIDATORS, EmployeeScopedQuerySet
from .competencies import Competency


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
