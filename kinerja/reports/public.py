"""The public transparency page: no login, no personal data, small groups suppressed, cached."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kinerja.core import clock

from .selectors.transparency import public_figures

FIRST_YEAR = 2020


def public_year(value: str | None) -> int:
    """The year asked for, kept to the years the product can hold (a bounded cache)."""
    current = clock.today().year
    if value and value.isdigit() and len(value) == 4 and FIRST_YEAR <= int(value) <= current + 1:
        return int(value)
    return current


@require_GET
@cache_control(public=True, max_age=300)
def transparency(request):
    """Per agency and for the regency: SKP and evaluation completion, predicates, JP and IKU."""
    year = public_year(request.GET.get("tahun"))
    figures = public_figures(year)
    return render(
        request,
        "reports/transparency.html",
        {
            "f": figures,
            "as_of": parse_datetime(figures["data_as_of"]),
            "years": range(clock.today().year, FIRST_YEAR - 1, -1),
        },
    )
