"""Learning hours (JP): BKPSDM's conversion rules and each employee's JP ledger."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel
from kinerja.development.domain import ActivityForm, ConversionBasis, ConversionRule
from kinerja.organisations.models import Employee

from ._common import BASIS_CHOICES, FORM_CHOICES, EmployeeScopedQuerySet
from .external import ExternalActivityReport
from .trainings import Registration


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
