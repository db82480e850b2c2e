"""Calibration of an agency's predicates against the distribution pattern, and the leader's
adjustment of one employee's predicate."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404, require
from kinerja.core.pagination import paginate
from kinerja.organisations.models import AGENCY_KINDS, OrgUnit

# The page size is read from the package at request time, so that setting
# `kinerja.evaluation.views.CALIBRATION_PAGE_SIZE` (as a test does) reaches this view.
from .. import services, views
from ..domain import Predicate
from ..forms import AdjustForm
from ..models import Evaluation, PredicateDetermination
from ..selectors.calibration import agency_calibration, calibration_employees, can_view_calibration
from ._common import agency_or_404, requested_year, run_service


@login_required
def calibration(request):
    """Predicates of a perangkat daerah against the SE MenPANRB 3/2023 pattern: the distribution
    from one aggregate query, and the employees 50 per page with a predicate filter and a name/NIP
    search (htmx requests get only that list)."""
    year = requested_year(request)
    page = agency = determination = employees = None
    partial = False
    predicate = request.GET.get("predikat") or ""
    if predicate not in {p.value for p in Predicate}:
        predicate = ""
    query = (request.GET.get("q") or "").strip()[:100]
    if request.GET.get("unit"):
        agency = agency_or_404(request)
        require(
            can_view_calibration(request.user, agency),
            "Anda tidak berwenang melihat kalibrasi ini.",
        )
        employees = paginate(
            request,
            calibration_employees(
                request.user, agency=agency, year=year, predicate=predicate, query=query
            ),
            per_page=views.CALIBRATION_PAGE_SIZE,
        )
        partial = request.htmx and not request.htmx.history_restore_request
        if partial:  # only the list: its filter, search or page changed
            determination = PredicateDetermination.objects.filter(agency=agency, year=year).first()
        else:
            page = agency_calibration(request.user, agency=agency, year=year)
            determination = page.determination
    context = {
        "year": year,
        "agency": agency,
        "page": page,
        "determination": determination,
        "employees": employees,
        "predicate": predicate,
        "query": query,
        "predicates": list(Predicate),
        "list_query": urlencode(
            {"unit": agency.pk if agency else "", "tahun": year}
            | ({"predikat": predicate} if predicate else {})
            | ({"q": query} if query else {})
        ),
        "can_calibrate": agency is not None and services.can_calibrate(request.user, agency),
    }
    if agency is not None and partial:
        return render(request, "evaluation/_calibration_employees.html", context)
    context["agencies"] = (
        OrgUnit.objects.visible_to(request.user).filter(kind__in=AGENCY_KINDS).only("id", "name")
    )
    return render(request, "evaluation/calibration.html", context)


@login_required
@require_POST
def adjust(request, evaluation_id: int):
    evaluation = get_visible_or_404(
        Evaluation.objects.visible_to(request.user).select_related("skp__unit", "period"),
        pk=evaluation_id,
    )
    form = AdjustForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.adjust_predicate(
                actor=request.user,
                evaluation=evaluation,
                predicate=form.cleaned_data["predicate"],
                reason=form.cleaned_data["reason"],
            ),
            "Predikat disesuaikan.",
        )
    else:
        messages.error(request, "Alasan penyesuaian wajib diisi.")
    unit = evaluation.skp.unit
    agency_id = unit.agency_id or unit.pk if unit else 0
    back = {"unit": agency_id, "tahun": evaluation.period.year}
    # Back to the list the leader was working in (same filter, search and page).
    for key in ("predikat", "q", "page"):
        value = (request.POST.get(key) or "").strip()[:100]
        if value:
            back[key] = value
    return redirect(f"{reverse('evaluation:calibration')}?{urlencode(back)}#pegawai")
