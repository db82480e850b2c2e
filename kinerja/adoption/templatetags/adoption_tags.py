"""Template filters of the adoption page."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def pct(value) -> str:
    """A share 0..1 as Indonesian percent text ("12,5%"); "—" when there is no share."""
    if value is None or value == "":
        return "—"
    return f"{100 * float(value):.1f}%".replace(".", ",")
