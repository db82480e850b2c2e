"""Directions (arahan), field visits (kunjungan lapangan) with photos and follow-ups."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import Rhk

from .domain import follow_up_overdue


class Audience(models.TextChoices):
    TEAM = "team", _("Seluruh tim")
    MEMBER = "member", _("Satu anggota tim")


class DirectionQuerySet(models.QuerySet["Direction"]):
    def visible_to(self, user) -> DirectionQuerySet:
        """The author, the recipients, and whoever may see the author (heads above, admins)."""
        access = access_for(user)
        if not access.is_authenticated:
            return self.none()
        if access.sees_all:
            return self
        scoped = access.filter_employees(Direction.objects.all(), "author").values("pk")
        q = Q(pk__in=scoped)
        if access.employee_id:
            q |= Q(
                pk__in=DirectionAck.objects.filter(employee_id=access.employee_id).values(
                    "direction_id"
                )
            )
        return self.filter(q)


class Direction(models.Model):
    """An instruction or expectation a leader gives to the team or to one member."""

    author = models.ForeignKey(
        Employee, verbose_name=_("pimpinan"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("arahan"))
    audience = models.CharField(
        _("sasaran arahan"), max_length=10, choices=Audience.choices, default=Audience.TEAM
    )
    recipient = models.ForeignKey(
        Employee,
        verbose_name=_("anggota tim"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rhk = models.ForeignKey(
        Rhk,
        verbose_name=_("RHK terkait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diberikan pada"))

    objects = DirectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("arahan pimpinan")
        verbose_name_plural = _("arahan pimpinan")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["author", "created_at"], name="direction_author_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience="team", recipient__isnull=True)
                | Q(audience="member", recipient__isnull=False),
                name="direction_member_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class DirectionAck(models.Model):
    """One recipient of a direction; `acknowledged_at` is set when they confirm reading it."""

    direction = models.ForeignKey(Direction, on_delete=models.CASCADE, related_name="acks")
    employee = models.ForeignKey(
        Employee, verbose_name=_("penerima"), on_delete=models.CASCADE, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("penerima arahan")
        verbose_name_plural = _("penerima arahan")
        constraints = [
            models.UniqueConstraint(fields=["direction", "employee"], name="one_ack_per_recipient")
        ]
        indexes = [
            models.Index(fields=["employee", "acknowledged_at"], name="directionack_pending_idx")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} ← {self.direction_id}"


class FieldVisitQuerySet(models.QuerySet["FieldVisit"]):
    def visible_to(self, user) -> FieldVisitQuerySet:
        """The leader and whoever sees the leader, the employees involved, follow-up owners."""
        access = access_for(user)
        if not access.is_authenticated:
            return self.none()
        if access.sees_all:
            return self
        q = Q(pk__in=access.filter_employees(FieldVisit.objects.all(), "leader").values("pk"))
        if access.employee_id:
            q |= Q(
                pk__in=FieldVisit.employees.through.objects.filter(
                    employee_id=access.employee_id
                ).values("fieldvisit_id")
            )
            q |= Q(pk__in=FollowUp.objects.filter(owner_id=access.employee_id).values("visit_id"))
        return self.filter(q)


class FieldVisit(models.Model):
    """A leader's visit to the field: where, why, what was found, who and which RHKs it concerns."""

    leader = models.ForeignKey(
        Employee, verbose_name=_("pimpinan"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("tanggal kunjungan"))
    place = models.CharField(_("lokasi (gampong/kecamatan)"), max_length=200)
    kecamatan = models.ForeignKey(
        OrgUnit,
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    facility = models.CharField(_("fasilitas/sarana"), max_length=200, blank=True)
    purpose = models.TextField(_("tujuan kunjungan"))
    findings = models.TextField(_("temuan"), blank=True)
    rhks = models.ManyToManyField(Rhk, verbose_name=_("RHK terkait"), blank=True, related_name="+")
    employees = models.ManyToManyField(
        Employee, verbose_name=_("pegawai yang terlibat"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat pada"))

    objects = FieldVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunjungan lapangan")
        verbose_name_plural = _("kunjungan lapangan")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["leader", "date"], name="fieldvisit_leader_date_idx")]

    def __str__(self) -> str:
        return f"{self.place} ({self.date:%d-%m-%Y})"


def photo_path(instance, filename: str) -> str:
    # Random names: the stored path never reveals or trusts what the user called the file.
    return f"kunjungan/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class FieldVisitPhoto(models.Model):
    """A photo of a field visit, checked by content (JPEG/PNG/WebP) and stored with its SHA-256."""

    visit = models.ForeignKey(FieldVisit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("foto"), upload_to=photo_path)
    name = models.CharField(_("nama berkas"), max_length=200)
    mime_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField(_("ukuran"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("diunggah pada"))

    class Meta:
        verbose_name = _("foto kunjungan")
        verbose_name_plural = _("foto kunjungan")
        ordering = ["visit", "id"]

    def __str__(self) -> str:
        return self.name


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    DONE = "done", _("Selesai")


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def visible_to(self, user) -> FollowUpQuerySet:
        """Whoever sees the visit, and whoever sees the owner (their assessor and the heads
        above them follow the owner's work, e.g. in the performance dialogue)."""
        access = access_for(user)
        if not access.is_authenticated:
            return self.none()
        if access.sees_all:
            return self
        q = Q(visit__in=FieldVisit.objects.visible_to(user).values("pk"))
        q |= Q(pk__in=access.filter_employees(FollowUp.objects.all(), "owner").values("pk"))
        if access.employee_id:
            q |= Q(owner_id=access.employee_id)
        return self.filter(q)

    def open(self) -> FollowUpQuerySet:
        return self.filter(status=FollowUpStatus.OPEN)


class FollowUp(models.Model):
    """A follow-up action from a field visit, owned by one team member, tracked to closure."""

    visit = models.ForeignKey(FieldVisit, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("tindak lanjut"))
    owner = models.ForeignKey(
        Employee, verbose_name=_("penanggung jawab"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    closed_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closing_note = models.TextField(_("catatan penyelesaian"), blank=True)
    created_at = models.DateTimeField(_("dibuat pada"))

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["status", "due_date", "id"]
        indexes = [models.Index(fields=["owner", "status"], name="followup_owner_status_idx")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        """Open and past its due date (today in the regency's time zone)."""
        return follow_up_overdue(due_date=self.due_date, is_open=self.is_open, today=clock.today())
