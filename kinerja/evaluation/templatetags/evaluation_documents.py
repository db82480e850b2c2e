"""Template helpers for the penetapan step of the calibration page."""

from __future__ import annotations

from django import template

from kinerja.evaluation.services.determination import can_sign_determination, violation_key

register = template.Library()


@register.filter
def can_sign_for(user, agency) -> bool:
    """Whether the user may sign the agency's penetapan predikat kinerja."""
    return agency is not None and can_sign_determination(user, agency)


@register.filter(name="violation_key")
def violation_key_filter(violation) -> str:
    return violation_key(violation)
