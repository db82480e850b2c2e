"""Notifications, e-mail preferences, announcements with read receipts, reminder runs, the tour."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS, kind_label


class Notification(models.Model):
    """One in-app message to one user; `dedupe_key` makes a repeated job send nothing new."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("jenis"), max_length=40)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent_idx"),
            models.Index(fields=["dedupe_key"], name="notification_dedupe_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=Q(dedupe_key__isnull=False),
                name="notification_dedupe_per_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def is_reminder(self) -> bool:
        kind = KINDS.get(self.kind)
        return bool(kind and kind.is_reminder)


class NotificationPreference(models.Model):
    """A user's own choice for e-mail of one kind (absent: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("jenis"), max_length=40)
    email_enabled = models.BooleanField(_("kirim surel"))

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.email_enabled}"


class AnnouncementScope(models.TextChoices):
    ALL = "all", _("Seluruh pegawai")
    AGENCIES = "agencies", _("Perangkat daerah tertentu")
    UNITS = "units", _("Unit kerja tertentu (beserta unit di bawahnya)")


class AnnouncementQuerySet(models.QuerySet["Announcement"]):
    def published(self, now) -> AnnouncementQuerySet:
        return self.filter(
            Q(publish_at__lte=now), Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Announcement(models.Model):
    """A message from BKPSDM, the regent's office or an agency head to a targeted audience.

    The audience is a place (everyone, some agencies, some unit subtrees) narrowed, when given,
    by position kinds and by roles. Kinds and roles are stored as ",a,b," so that one portable
    LIKE finds a member on SQLite and PostgreSQL alike.
    """

    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    author_label = models.CharField(_("atas nama"), max_length=200)
    publish_at = models.DateTimeField(_("terbit pada"))
    expires_at = models.DateTimeField(_("berakhir pada"), null=True, blank=True)
    pinned = models.BooleanField(_("disematkan"), default=False)
    scope = models.CharField(
        _("sasaran"),
        max_length=10,
        choices=AnnouncementScope.choices,
        default=AnnouncementScope.ALL,
    )
    target_agencies = models.ManyToManyField(
        "organisations.OrgUnit",
        verbose_name=_("perangkat daerah sasaran"),
        blank=True,
        related_name="+",
    )
    target_units = models.ManyToManyField(
        "organisations.OrgUnit",
        verbose_name=_("unit kerja sasaran"),
        blank=True,
        related_name="+",
    )
    target_position_kinds = models.CharField(max_length=300, blank=True, default="")
    target_roles = models.CharField(max_length=200, blank=True, default="")
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")
        ordering = ["-pinned", "-publish_at", "-id"]
        indexes = [models.Index(fields=["publish_at"], name="announcement_publish_idx")]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def pack(values) -> str:
        items = sorted({v for v in values if v})
        return f",{','.join(items)}," if items else ""

    @property
    def position_kinds(self) -> list[str]:
        return [v for v in self.target_position_kinds.split(",") if v]

    @property
    def roles(self) -> list[str]:
        return [v for v in self.target_roles.split(",") if v]

    def is_published(self, now) -> bool:
        return self.publish_at <= now and (self.expires_at is None or self.expires_at > now)


class AnnouncementRead(models.Model):
    """A user opened an announcement (the read receipt)."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("dibaca"), default=timezone.now)

    class Meta:
        verbose_name = _("tanda baca pengumuman")
        verbose_name_plural = _("tanda baca pengumuman")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "user"], name="unique_announcement_read"
            )
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} dibaca {self.user_id}"


class ReminderStatus(models.TextChoices):
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ReminderRun(models.Model):
    """One run of a scheduled reminder job: when, how many notifications it sent, how it ended."""

    name = models.CharField(_("nama tugas"), max_length=80)
    run_date = models.DateField(_("tanggal acuan"))
    started_at = models.DateTimeField(_("mulai"), default=timezone.now)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    sent = models.PositiveIntegerField(_("terkirim"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.RUNNING
    )
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        verbose_name = _("jalannya pengingat")
        verbose_name_plural = _("jalannya pengingat")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["name", "run_date"], name="reminderrun_name_date_idx")]

    def __str__(self) -> str:
        return f"{self.name} {self.run_date} ({self.status})"


class TourState(models.Model):
    """Whether a user has dismissed the first-login tour card."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tour_state"
    )
    dismissed_at = models.DateTimeField(_("ditutup"), default=timezone.now)

    class Meta:
        verbose_name = _("status tur")
        verbose_name_plural = _("status tur")

    def __str__(self) -> str:
        return f"tur {self.user_id}"
