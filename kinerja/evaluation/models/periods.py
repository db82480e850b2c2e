"""The evaluation calendar: a schedule per year and its periods with entry windows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.evaluation.domain import APPEAL_DAYS, DEFAULT_ANNUAL_RULE

from ._common import ANNUAL_RULE_CHOICES


class Rhythm(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    ANNUAL = "annual", _("Tahunan")


class EvaluationSchedule(TimeStampedModel):
    """The BKPSDM's choice for one year: periodic rhythm, annual rule and appeal window."""

    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    rhythm = models.CharField(_("ritme penilaian"), max_length=12, choices=Rhythm.choices)
    annual_rule = models.CharField(
        _("aturan penilaian tahunan"),
        max_length=20,
        choices=ANNUAL_RULE_CHOICES,
        default=DEFAULT_ANNUAL_RULE.value,
    )
    appeal_days = models.PositiveSmallIntegerField(_("batas hari keberatan"), default=APPEAL_DAYS)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("jadwal penilaian")
        verbose_name_plural = _("jadwal penilaian")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Jadwal penilaian {self.year} ({self.get_rhythm_display()})"


class PeriodQuerySet(models.QuerySet["Period"]):
    def visible_to(self, user) -> PeriodQuerySet:
        """The calendar is public to every signed-in user."""
        return self if getattr(user, "is_authenticated", False) else self.none()

    def periodic(self) -> PeriodQuerySet:
        return self.exclude(kind=PeriodKind.ANNUAL)


class Period(TimeStampedModel):
    """One evaluation period (a month, a quarter, or the year) with its entry window."""

    schedule = models.ForeignKey(
        EvaluationSchedule, on_delete=models.CASCADE, related_name="periods"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis periode"), max_length=12, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("nomor"))
    label = models.CharField(_("nama periode"), max_length=40)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    entry_opens = models.DateField(_("pengisian dibuka"))
    entry_closes = models.DateField(_("pengisian ditutup"))
    evaluation_deadline = models.DateField(_("batas penilaian"))

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "number"], name="unique_period"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_ordered"),
            models.CheckConstraint(
                condition=Q(entry_closes__gte=models.F("entry_opens")),
                name="period_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.year}"

    @property
    def is_annual(self) -> bool:
        return self.kind == PeriodKind.ANNUAL

    def window_open_on(self, day) -> bool:
        return self.entry_opens <= day <= self.entry_closes


class PeriodReopening(models.Model):
    """The assessor reopens a closed entry window for one SKP until a date (audited)."""

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="reopenings")
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("alasan"))
    until = models.DateField(_("dibuka sampai"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pembukaan kembali periode")
        verbose_name_plural = _("pembukaan kembali periode")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["skp", "period"], name="reopening_skp_period_idx")]

    def __str__(self) -> str:
        return f"{self.period} dibuka sampai {self.until}"
