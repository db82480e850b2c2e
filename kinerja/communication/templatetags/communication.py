"""Template helpers: `{% panduan_link "skp" %}` next to a step, the first-login tour card."""

from __future__ import annotations

from django import template
from django.urls import reverse

from ..guide import GUIDE_BY_SLUG
from ..models import TourState

register = template.Library()


@register.inclusion_tag("communication/_panduan_link.html")
def panduan_link(slug: str, label: str = ""):
    """A small "Panduan" link to the guide page of a step (unknown slug: the guide's index)."""
    page = GUIDE_BY_SLUG.get(slug)
    if page is None:
        return {"url": reverse("communication:guide"), "title": label or "Panduan"}
    return {
        "url": reverse("communication:guide_page", args=[page.slug]),
        "title": label or f"Panduan: {page.title}",
    }


@register.inclusion_tag("communication/_tour_card.html", takes_context=True)
def first_login_tour(context):
    """The tour card, for signed-in users who have not dismissed it (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    show = bool(
        user is not None
        and user.is_authenticated
        and not TourState.objects.filter(user=user).exists()
    )
    return {"show": show, "request": request, "csrf_token": context.get("csrf_token")}
