from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require
from kinerja.core.pagination import paginate

from . import selectors, services
from .access import access_for
from .forms import (
    AssessorOverrideForm,
    AssignmentForm,
    DirectorySearchForm,
    EmployeeForm,
    NewEmployeeForm,
    RoleGrantForm,
)
from .models import Assignment, Employee, OrgUnit, Position, RoleGrant


@login_required
def tree(request):
    """The org-unit tree the user may see, with employee counts; ?unit= narrows to a subtree."""
    root = None
    if request.GET.get("unit", "").isdigit():
        root = get_visible_or_404(
            OrgUnit.objects.visible_to(request.user), pk=int(request.GET["unit"])
        )
    if root is not None:
        max_depth = root.depth + 3
    else:
        # Regency-wide readers start from the perangkat daerah (deeper levels on click);
        # everyone else sees their own, small scope whole.
        max_depth = 1 if access_for(request.user).sees_all else None
    units = selectors.unit_tree(request.user, root=root, max_depth=max_depth)
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


def _add_errors(form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form, field by field."""
    aliases = aliases or {}
    for field, errors in exc.message_dict.items():
        name = aliases.get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def _managed_employee(request, nip: str) -> Employee:
    """A visible employee whose data the user may correct (404 if invisible, 403 if not admin)."""
    employee = get_visible_or_404(
        Employee.objects.visible_to(request.user).select_related("unit", "position"), nip=nip
    )
    access = access_for(request.user)
    allowed = (
        access.manages_unit_path(employee.unit.path)
        if employee.unit is not None
        else access.manages_all
    )
    require(
        allowed,
        "Hanya pengelola kinerja perangkat daerah ini atau BKPSDM yang dapat mengubah data pegawai.",
    )
    return employee


def _managed_positions(request):
    """Active positions in the units the user may administer."""
    access = access_for(request.user)
    qs = (
        Position.objects.filter(is_active=True)
        .select_related("unit")
        .order_by("unit__path", "-is_head", "name")
    )
    if access.manages_all:
        return qs
    if not access.admin_unit_paths:
        return qs.none()
    return qs.filter(
        reduce(or_, (Q(unit__path__startswith=path) for path in access.admin_unit_paths))
    )


@login_required
def employee_edit(request, nip: str):
    """Admins correct an employee's data; a stale form is refused and shows the current data."""
    employee = _managed_employee(request, nip)
    form = EmployeeForm(
        request.POST or None, instance=employee, initial={"version": employee.version}
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in EmployeeForm.Meta.fields}
        fresh = Employee.objects.get(pk=employee.pk)
        try:
            services.update_employee(
                actor=request.user, employee=fresh, expected_version=data["version"], **changes
            )
        except StaleObjectError as exc:
            current = exc.current
            stale = [
                {
                    "label": form.fields[name].label,
                    "current": getattr(current, name),
                    "yours": changes[name],
                }
                for name in EmployeeForm.Meta.fields
                if getattr(current, name) != changes[name]
            ]
            form = EmployeeForm(instance=current, initial={"version": current.version})
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Data pegawai disimpan.")
            return redirect("organisations:profile", nip=employee.nip)
    return render(
        request,
        "organisations/employee_edit.html",
        {"employee": employee, "form": form, "stale": stale},
    )


@login_required
def employee_add(request):
    """Register one employee with their position (imports handle many)."""
    access = access_for(request.user)
    require(
        access.manages_all or access.is_opd_admin,
        "Hanya pengelola kinerja atau BKPSDM yang dapat menambah pegawai.",
    )
    positions = _managed_positions(request)
    form = NewEmployeeForm(request.POST or None, positions=positions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        from django.db import transaction

        try:
            with transaction.atomic():
                employee = services.create_employee(
                    actor=request.user,
                    unit=data["position"].unit,
                    nip=data["nip"],
                    name=data["name"],
                    front_title=data["front_title"],
                    back_title=data["back_title"],
                    status=data["status"],
                    rank=data["rank"],
                )
                services.assign_position(
                    actor=request.user,
                    employee=employee,
                    position=data["position"],
                    start_date=data["start_date"],
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"Pegawai {employee.full_name} ditambahkan.")
            return redirect("organisations:profile", nip=employee.nip)
    return render(request, "organisations/employee_add.html", {"form": form})


@login_required
def assignment_add(request, nip: str):
    """Put an employee in a position: definitive move, or Plt/Plh in a head post."""
    employee = _managed_employee(request, nip)
    form = AssignmentForm(request.POST or None, positions=_managed_positions(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_position(
                actor=request.user,
                employee=employee,
                position=data["position"],
                start_date=data["start_date"],
                acting=data["acting"],
                end_date=data["end_date"],
                decree_number=data["decree_number"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Penugasan jabatan dicatat.")
            return redirect("organisations:profile", nip=employee.nip)
    return render(
        request, "organisations/assignment_add.html", {"employee": employee, "form": form}
    )


@login_required
@require_POST
def assignment_end(request, nip: str, pk: int):
    """End an assignment (e.g. a Plt whose task is over) on the given date."""
    from django.utils.dateparse import parse_date

    employee = _managed_employee(request, nip)
    assignment = get_visible_or_404(
        Assignment.objects.select_related("position__unit"), pk=pk, employee=employee
    )
    end_date = parse_date(request.POST.get("end_date") or "")
    if end_date is None:
        messages.error(request, "Tanggal selesai wajib diisi dengan format yang benar.")
        return redirect("organisations:profile", nip=employee.nip)
    try:
        services.end_assignment(actor=request.user, assignment=assignment, end_date=end_date)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Penugasan diakhiri.")
    return redirect("organisations:profile", nip=employee.nip)


@login_required
def roles(request):
    """BKPSDM admins give and revoke roles (OPD admin, BKPSDM admin, leadership, auditor)."""
    access = access_for(request.user)
    require(access.manages_all, "Hanya admin BKPSDM yang dapat mengatur peran.")
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(
                actor=request.user, employee=data["nip"], role=data["role"], unit=data.get("unit")
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Peran diberikan.")
            return redirect("organisations:roles")
    grants = (
        RoleGrant.objects.filter(is_active=True)
        .select_related("employee", "unit")
        .order_by("role", "employee__name")
    )
    return render(request, "organisations/roles.html", {"form": form, "grants": grants})


@login_required
@require_POST
def role_revoke(request, pk: int):
    access = access_for(request.user)
    require(access.manages_all, "Hanya admin BKPSDM yang dapat mencabut peran.")
    grant = get_visible_or_404(RoleGrant.objects.select_related("employee"), pk=pk, is_active=True)
    services.revoke_role(actor=request.user, grant=grant)
    messages.success(request, f"Peran {grant.get_role_display()} untuk {grant.employee} dicabut.")
    return redirect("organisations:roles")
