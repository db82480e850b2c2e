from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from kinerja.core.http import get_visible_or_404, require
from kinerja.core.pagination import paginate

from . import selectors, services
from .access import access_for
from .forms import AssessorOverrideForm, DirectorySearchForm
from .models import Employee, OrgUnit


@login_required
def tree(request):
    """The org-unit tree the user may see, with employee counts; ?unit= narrows to a subtree."""
    root = None
    if request.GET.get("unit", "").isdigit():
        root = get_visible_or_404(
            OrgUnit.objects.visible_to(request.user), pk=int(request.GET["unit"])
        )
    depth = None if root else 2
    units = selectors.unit_tree(
        request.user, root=root, max_depth=(root.depth + 3) if root else depth
    )
    base_depth = root.depth if root else 0
    return render(
        request, "organisations/tree.html", {"units": units, "root": root, "base_depth": base_depth}
    )


@login_required
def directory(request):
    """Search the employees the user may see; htmx requests get only the result table."""
    form = DirectorySearchForm(request.GET or None)
    query, unit = "", None
    if form.is_valid():
        query = form.cleaned_data.get("q") or ""
        if form.cleaned_data.get("unit"):
            unit = get_visible_or_404(
                OrgUnit.objects.visible_to(request.user), pk=form.cleaned_data["unit"]
            )
    page = paginate(
        request, selectors.employee_directory(request.user, query=query, unit=unit), per_page=50
    )
    template = (
        "organisations/_directory_results.html" if request.htmx else "organisations/directory.html"
    )
    return render(request, template, {"form": form, "page": page, "query": query, "unit": unit})


@login_required
def profile(request, nip: str):
    """An employee's profile: identity, position history and assessor line (404 if not visible)."""
    try:
        employee = selectors.employee_profile(request.user, nip)
    except Employee.DoesNotExist as exc:
        raise Http404("Pegawai tidak ditemukan.") from exc
    access = access_for(request.user)
    can_correct = employee.unit is not None and access.manages_unit_path(employee.unit.path)
    return render(
        request,
        "organisations/profile.html",
        {
            "employee": employee,
            "line": selectors.assessor_line(employee),
            "history": selectors.supervision_history(employee)
            if can_correct or access.sees_all
            else None,
            "can_correct": can_correct,
        },
    )


@login_required
def assessor_override(request, nip: str):
    """Admins correct a wrong pejabat penilai; the old line is kept in the history."""
    employee = get_visible_or_404(
        Employee.objects.visible_to(request.user).select_related("unit"), nip=nip
    )
    access = access_for(request.user)
    require(
        employee.unit is not None and access.manages_unit_path(employee.unit.path),
        "Hanya pengelola kinerja perangkat daerah ini atau BKPSDM yang dapat mengoreksi garis penilai.",
    )
    form = AssessorOverrideForm(
        request.POST or None, employees=Employee.objects.filter(is_active=True)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_assessor_override(
                actor=request.user,
                employee=employee,
                assessor=form.cleaned_data["assessor_nip"],
                assessor_superior=form.cleaned_data["superior_nip"],
                start_date=form.cleaned_data["start_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(
                    {"assessor": "assessor_nip"}.get(
                        field, field if field in form.fields else None
                    ),
                    errors,
                )
        else:
            messages.success(request, "Garis penilai dikoreksi dan tercatat di jejak audit.")
            return redirect("organisations:profile", nip=employee.nip)
    return render(
        request,
        "organisations/assessor_override.html",
        {"employee": employee, "form": form, "line": selectors.assessor_line(employee)},
    )
