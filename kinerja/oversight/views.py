"""Pages of the oversight app (thin: reads from selectors, writes through services)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core import clock
from kinerja.core.http import require
from kinerja.organisations.access import access_for

from . import exports, selectors
from .forms import ExceptionFilterForm

PER_PAGE = 50


def _require_overseer(user) -> None:
    access = access_for(user)
    require(
        access.is_auditor or access.manages_all,
        "Halaman pengawasan hanya untuk auditor Inspektorat dan admin BKPSDM.",
    )


def _filter_text(form: ExceptionFilterForm) -> str:
    if not form.is_bound or not form.is_valid():
        return "semua"
    parts = []
    data = form.cleaned_data
    if data.get("agency"):
        parts.append(f"perangkat daerah {data['agency']}")
    if data.get("year"):
        parts.append(f"tahun {data['year']}")
    if data.get("period"):
        parts.append(f"periode {data['period']}")
    if data.get("kind"):
        parts.append(f"jenis {selectors.Kind(data['kind']).label}")
    return ", ".join(parts) or "semua"


@login_required
def exceptions(request):
    """The inspectorate's list of exceptions, filtered and paginated."""
    _require_overseer(request.user)
    form = ExceptionFilterForm(request.GET or None)
    filters = form.filters()
    found = selectors.findings(request.user, filters)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request,
        "oversight/exceptions.html",
        {
            "form": form,
            "page": page,
            "total": len(found),
            "counts": selectors.counts(found),
            "export_query": export_query.urlencode(),
        },
    )


@login_required
def exceptions_xlsx(request):
    """The same filtered list as an Excel workbook."""
    _require_overseer(request.user)
    form = ExceptionFilterForm(request.GET or None)
    filters = form.filters()
    found = selectors.findings(request.user, filters)
    content = exports.workbook(
        found,
        filters,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        filter_text=_filter_text(form),
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"pengecualian-{clock.today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
