"""The content of an SKP: its RHK with their indicators, the leader's behaviour expectations
and the lampiran."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel

from ..domain.behaviour import BERAKHLAK
from ..domain.forms import (
    ASPECT_LABELS,
    ATTACHMENT_LABELS,
    CASCADING_LABELS,
    GROUP_LABELS,
    PERSPECTIVE_LABELS,
)
from ._common import _choices


class Rhk(TimeStampedModel):
    """A Rencana Hasil Kerja, linked to the superior's RHK it intervenes in (non-JPT) or to a
    Perjanjian Kinerja target (JPT)."""

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="rhks")
    group = models.CharField(_("kelompok"), max_length=10, choices=_choices(GROUP_LABELS))
    text = models.TextField(_("rencana hasil kerja"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("RHK atasan yang diintervensi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    agreement_target = models.ForeignKey(
        "planning.AgreementTarget",
        verbose_name=_("indikator perjanjian kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rhks",
    )
    cascading = models.CharField(
        _("jenis cascading"), max_length=10, blank=True, choices=_choices(CASCADING_LABELS)
    )
    perspective = models.CharField(
        _("perspektif"), max_length=24, blank=True, choices=_choices(PERSPECTIVE_LABELS)
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("RHK")
        verbose_name_plural = _("RHK")
        ordering = ["skp", "-group", "order", "id"]  # "utama" sorts before "tambahan" descending

    def __str__(self) -> str:
        return self.text[:120]


class Indicator(TimeStampedModel):
    """An indikator kinerja individu with its target: a number, a range, or qualitative text."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="indicators")
    aspect = models.CharField(
        _("aspek"), max_length=10, blank=True, choices=_choices(ASPECT_LABELS)
    )
    text = models.TextField(_("indikator kinerja individu"))
    target_min = models.DecimalField(
        _("target (minimal)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_max = models.DecimalField(
        _("target (maksimal)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("satuan target"), max_length=60, blank=True)
    target_text = models.TextField(_("target kualitatif"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["rhk", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_max__isnull=True)
                | Q(target_min__isnull=True)
                | Q(target_max__gte=models.F("target_min")),
                name="indicator_target_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.text[:120]

    @property
    def has_target(self) -> bool:
        return self.target_min is not None or bool(self.target_text.strip())

    @property
    def target_display(self) -> str:
        if self.target_text.strip() and self.target_min is None:
            return self.target_text

        def fmt(value) -> str:
            return f"{value.normalize():f}".replace(".", ",")

        if self.target_min is None:
            return "—"
        if self.target_max is not None and self.target_max != self.target_min:
            number = f"{fmt(self.target_min)}–{fmt(self.target_max)}"
        else:
            number = fmt(self.target_min)
        return f"{number} {self.target_unit}".strip()


class BehaviourExpectation(TimeStampedModel):
    """Ekspektasi khusus pimpinan for one BerAKHLAK value, written by the assessor."""

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="expectations")
    value_code = models.CharField(
        _("nilai BerAKHLAK"), max_length=30, choices=[(v.code, v.name) for v in BERAKHLAK]
    )
    text = models.TextField(_("ekspektasi khusus pimpinan"))

    class Meta:
        verbose_name = _("ekspektasi khusus pimpinan")
        verbose_name_plural = _("ekspektasi khusus pimpinan")
        constraints = [
            models.UniqueConstraint(fields=["skp", "value_code"], name="one_expectation_per_value")
        ]

    def __str__(self) -> str:
        return f"{self.get_value_code_display()}: {self.text[:80]}"


class SkpAttachment(TimeStampedModel):
    """One line of the lampiran: dukungan sumber daya, skema pertanggungjawaban, or konsekuensi."""

    skp = models.ForeignKey("planning.Skp", on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("jenis"), max_length=16, choices=_choices(ATTACHMENT_LABELS))
    text = models.TextField(_("uraian"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("lampiran SKP")
        verbose_name_plural = _("lampiran SKP")
        ordering = ["skp", "kind", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:80]}"
