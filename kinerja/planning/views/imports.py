"""Importing Perjanjian Kinerja targets from Excel (all rows or none) and its template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core.http import require
from kinerja.organisations.access import access_for

from .. import org_services
from ..org_forms import ImportForm
from ._common import _errors, _year
from .org_plans import _plans_of_year


def _can_import(user) -> bool:
    access = access_for(user)
    return access.manages_all or bool(access.admin_unit_paths)


@login_required
def org_import(request):
    """Import Perjanjian Kinerja targets from Excel: all rows or none."""
    require(_can_import(request.user), "Hanya admin yang dapat mengimpor Perjanjian Kinerja.")
    form = ImportForm(request.POST or None, request.FILES or None, initial={"year": _year(request)})
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = org_services.import_agreement_targets(
                actor=request.user,
                content=form.cleaned_data["file"].read(),
                year=form.cleaned_data["year"],
            )
        except ValidationError as exc:
            _errors(form, exc)
            status = 422
        else:
            if result.ok:
                messages.success(
                    request, f"{result.created} target Perjanjian Kinerja berhasil diimpor."
                )
                return _plans_of_year(form.cleaned_data["year"])
            status = 422
    elif request.method == "POST":
        status = 422
    return render(
        request, "planning/org_import.html", {"form": form, "result": result}, status=status
    )


@login_required
def org_import_template(request):
    require(_can_import(request.user), "Hanya admin yang dapat mengimpor Perjanjian Kinerja.")
    response = HttpResponse(
        org_services.agreement_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-perjanjian-kinerja.xlsx"'
    return response
