"""Example RHK offered as "contoh" to positions whose name or kind matches a pattern."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel

from ..domain.forms import ASPECT_LABELS
from ._common import _choices


class RhkExample(TimeStampedModel):
    """An example RHK with one indicator, shown as "contoh" to positions whose name (or kind)
    matches `pattern` (case-insensitive substring)."""

    pattern = models.CharField(_("pola nama/jenis jabatan"), max_length=100)
    rhk_text = models.TextField(_("contoh RHK"))
    indicator_text = models.TextField(_("contoh indikator"), blank=True)
    aspect = models.CharField(
        _("aspek"), max_length=10, blank=True, choices=_choices(ASPECT_LABELS)
    )
    target_unit = models.CharField(_("satuan target"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("contoh RHK")
        verbose_name_plural = _("contoh RHK")
        ordering = ["pattern", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "rhk_text"], name="unique_rhk_example")
        ]

    def __str__(self) -> str:
        return f"{self.pattern}: {self.rhk_text[:80]}"

    def matches(self, position_name: str, position_kind: str) -> bool:
        pattern = self.pattern.lower()
        return pattern in (position_name or "").lower() or pattern == (position_kind or "").lower()
