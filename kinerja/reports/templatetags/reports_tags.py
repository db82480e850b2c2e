"""Number formatting for the report pages (Indonesian decimal comma; "—" for no figure)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _number(value) -> str:
    text = f"{Decimal(str(value)).quantize(Decimal('0.1')):f}"
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


@register.filter
def pct(value) -> str:
    """12.5 → "12,5%"; None → "—"."""
    if value is None or value == "":
        return "—"
    return f"{_number(value)}%"


@register.filter
def num(value) -> str:
    if value is None or value == "":
        return "—"
    return _number(value)


@register.filter
def suppressed(value, suffix: str = ""):
    """A public figure: the value, or a marked "—" explained by the page's note."""
    if value is None:
        return mark_safe(
            '<span class="suppressed" title="Kelompok kurang dari 5 orang">—</span>'
            '<span class="visually-hidden"> (disembunyikan: kelompok kurang dari 5 orang)</span>'
        )
    return f"{_number(value)}{suffix}"
