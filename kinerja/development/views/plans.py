"""Development plan pages: lines, agreement, the improvement plan, the PDF and its public check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404
from kinerja.organisations.models import Employee

from .. import services
from ..forms import (
    PlanItemForm,
)
from ..models import (
    DevelopmentNeed,
    DevelopmentPlan,
)
from ._common import _back, _fail, _year


@login_required
@require_POST
def plan_item_add(request, nip: str):
    employee = get_visible_or_404(Employee.objects.visible_to(request.user), nip=nip)
    year = _year(request)
    form = PlanItemForm(
        request.POST, needs=DevelopmentNeed.objects.filter(employee=employee, year=year)
    )
    if form.is_valid():
        try:
            services.add_plan_item(
                actor=request.user,
                employee=employee,
                year=year,
                quarter=form.cleaned_data["quarter"],
                need=form.cleaned_data["need"],
                activity=form.cleaned_data["activity"],
                event=form.cleaned_data["event"],
            )
        except (services.ConflictError, ValidationError) as exc:
            _fail(request, exc)
        else:
            messages.success(request, "Kegiatan ditambahkan ke rencana.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back(request, "development:mine")


@login_required
@require_POST
def plan_agree(request, pk: int):
    plan = get_visible_or_404(
        DevelopmentPlan.objects.visible_to(request.user).select_related("employee"), pk=pk
    )
    try:
        services.agree_plan(actor=request.user, plan=plan)
    except (services.ConflictError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, "Persetujuan rencana dicatat.")
    return _back(request, "development:mine")


@login_required
@require_POST
def plan_adopt_improvement(request, nip: str):
    """Put the proposed improvement plan into the draft plan (employee or assessor)."""
    employee = get_visible_or_404(Employee.objects.visible_to(request.user), nip=nip)
    year = _year(request)
    try:
        items = services.adopt_improvement_plan(actor=request.user, employee=employee, year=year)
    except (services.ConflictError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(
            request, f"{len(items)} kegiatan rencana perbaikan kinerja ditambahkan ke rencana."
        )
    return _back(request, f"{reverse('development:mine')}?tahun={year}")


@login_required
def plan_pdf(request, pk: int):
    """The individual development plan (PDF) with its verification code and QR."""
    from .. import documents

    plan = get_visible_or_404(
        DevelopmentPlan.objects.visible_to(request.user).select_related(
            "employee", "employee__unit", "employee__position"
        ),
        pk=pk,
    )
    document = documents.issue_document(actor=request.user, plan=plan)
    verify_url = request.build_absolute_uri(documents.verify_path(document))
    pdf = documents.render_pdf(plan=plan, document=document, verify_url=verify_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="rencana-pengembangan-{plan.year}-{plan.employee.nip}.pdf"'
    )
    return response


def plan_verify(request, code: str):
    """Public: is this printed development plan authentic, and still the current content?"""
    from ..documents import is_current
    from ..models import PlanDocument

    document = (
        PlanDocument.objects.select_related("plan", "plan__employee")
        .filter(code=code.upper()[:32])
        .first()
    )
    context = {"document": document, "current": bool(document) and is_current(document)}
    return render(request, "development/plan_verify.html", context, status=200 if document else 404)
