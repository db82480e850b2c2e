"""Organisational results (capaian kinerja organisasi): the units whose result the user sets,
and setting one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404, require
from kinerja.organisations.models import OrgUnit

from .. import services
from ..forms import OrgResultForm
from ..selectors.org_results import org_result_rows
from ._common import requested_year, run_service


@login_required
def org_results(request):
    """The units whose capaian kinerja organisasi the user sets, with the year's results."""
    year = requested_year(request)
    return render(
        request,
        "evaluation/org_results.html",
        {
            "year": year,
            "rows": org_result_rows(request.user, year=year),
            "form": OrgResultForm(),
        },
    )


@login_required
@require_POST
def org_result_set(request, unit_id: int):
    unit = get_visible_or_404(OrgUnit.objects.visible_to(request.user), pk=unit_id)
    require(
        services.can_set_org_result(request.user, unit),
        "Capaian kinerja perangkat daerah ditetapkan oleh Bupati; capaian unit lain oleh kepala "
        "unit satu tingkat di atasnya.",
    )
    year = requested_year(request, source=request.POST)
    form = OrgResultForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.set_org_result(
                actor=request.user,
                unit=unit,
                year=year,
                predicate=form.cleaned_data["predicate"],
                reason=form.cleaned_data["reason"],
            ),
            f"Capaian kinerja {unit.name} tahun {year} ditetapkan.",
        )
    else:
        messages.error(request, "Pilih capaian kinerja dan tuliskan dasar penetapannya.")
    return redirect(f"{reverse('evaluation:org_results')}?tahun={year}")
