"""Continuous feedback and performance dialogues with their agreed actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.planning.domain.behaviour import BERAKHLAK

from ._common import skp_scoped
from .periods import Period


class FeedbackQuerySet(models.QuerySet["Feedback"]):
    def visible_to(self, user) -> FeedbackQuerySet:
        return skp_scoped(self, user)


class Feedback(models.Model):
    """Umpan balik berkelanjutan on an RHK or a BerAKHLAK value, visible to the employee."""

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="+")
    rhk = models.ForeignKey(
        "planning.Rhk", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    value_code = models.CharField(
        _("nilai BerAKHLAK"),
        max_length=30,
        blank=True,
        choices=[(v.code, v.name) for v in BERAKHLAK],
    )
    period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("pemberi umpan balik"), max_length=200, blank=True)
    text = models.TextField(_("umpan balik"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["skp", "created_at"], name="feedback_skp_idx")]

    def __str__(self) -> str:
        return self.text[:80]


class DialogueQuerySet(models.QuerySet["Dialogue"]):
    def visible_to(self, user) -> DialogueQuerySet:
        return skp_scoped(self, user)


class Dialogue(models.Model):
    """Dialog kinerja: dated notes of a conversation between employee and assessor."""

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("tanggal"))
    notes = models.TextField(_("catatan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = DialogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Dialog {self.date}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    DONE = "done", _("Selesai")
    CARRIED = "carried", _("Dibawa ke dialog berikutnya")


class DialogueAction(models.Model):
    """An agreed action; open actions are carried into the next dialogue."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("tindak lanjut"))
    owner = models.ForeignKey(
        "organisations.Employee",
        verbose_name=_("penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tindak lanjut dialog")
        verbose_name_plural = _("tindak lanjut dialog")
        ordering = ["dialogue", "id"]

    def __str__(self) -> str:
        return self.text[:80]
