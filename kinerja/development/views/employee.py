"""The employee's pages: Pengembangan Saya, registration, feedback, external reports, certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404
from kinerja.core.uploads import UploadError

from .. import permissions, selectors, services
from ..forms import (
    ExternalReportForm,
    PlanItemForm,
)
from ..models import (
    DevelopmentNeed,
    EventStatus,
    ExternalActivityReport,
    NeedStatus,
    Registration,
    TrainingEvent,
)
from ._common import _back, _fail, _me, _year


@login_required
def mine(request):
    """Pengembangan Saya: JP bar, needs with reasons and recommendations, plan, certificates."""
    employee = _me(request)
    year = _year(request)
    data = selectors.my_development(employee=employee, year=year)
    for need in data.needs:  # a handful per employee and year
        if need.status != NeedStatus.CLOSED:
            need.recommended = selectors.recommendations(need)
    improvement = selectors.improvement_plan_proposal(data.needs, data.plan_items, year=year)
    return render(
        request,
        "development/mine.html",
        {
            "data": data,
            "year": year,
            "improvement": improvement,
            "plan_form": PlanItemForm(
                needs=DevelopmentNeed.objects.filter(employee=employee, year=year)
            ),
        },
    )


@login_required
@require_POST
def derive(request):
    """Recompute the year's proposed needs from the competency profile (and evaluation)."""
    employee = _me(request)
    year = _year(request)
    needs = services.derive_needs_for(actor=request.user, employee=employee, year=year)
    messages.success(request, f"{len(needs)} kebutuhan pengembangan ditemukan.")
    return redirect(f"{reverse('development:mine')}?tahun={year}")


@login_required
@require_POST
def register(request, pk: int):
    event = get_visible_or_404(TrainingEvent.objects.all(), pk=pk)
    if event.status == EventStatus.DRAFT and not permissions.can_manage_event(request.user, event):
        raise Http404("Pelatihan tidak ditemukan.")
    try:
        registration = services.register_for_event(
            actor=request.user, event=event, employee=_me(request)
        )
    except (services.ConflictError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(
            request,
            f"Anda {registration.get_status_display().lower()} pada {event.title}.",
        )
    return redirect("development:mine")


@login_required
@require_POST
def cancel(request, pk: int):
    registration = get_visible_or_404(
        Registration.objects.visible_to(request.user).select_related("event"), pk=pk
    )
    try:
        services.cancel_registration(actor=request.user, registration=registration)
    except services.ConflictError as exc:
        _fail(request, exc)
    else:
        messages.success(request, "Pendaftaran dibatalkan.")
    return _back(request, "development:mine")


@login_required
@require_POST
def feedback(request, pk: int):
    registration = get_visible_or_404(Registration.objects.visible_to(request.user), pk=pk)
    rating = request.POST.get("rating", "")
    try:
        services.give_feedback(
            actor=request.user,
            registration=registration,
            rating=int(rating) if rating.isdigit() else 0,
            text=request.POST.get("text", "")[:2000],
        )
    except (services.ConflictError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, "Terima kasih atas umpan balik Anda.")
    return redirect("development:mine")


@login_required
def report_external(request):
    """Report an activity done elsewhere, with its certificate."""
    _me(request)
    form = ExternalReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_external_activity(
                actor=request.user,
                form=data["form"],
                title=data["title"],
                organiser=data["organiser"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                minutes=data["minutes"],
                days=data["days"],
                sessions=data["sessions"],
                semesters=data["semesters"],
                international=data["international"],
                competency=data["competency"],
                certificate=data["certificate"],
            )
        except UploadError as exc:
            form.add_error("certificate", str(exc))
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, "Laporan terkirim dan menunggu verifikasi pejabat penilai.")
            return redirect("development:mine")
    return render(request, "development/report_form.html", {"form": form})


@login_required
def certificate(request, kind: str, pk: int):
    """Download a certificate the user may see (404 otherwise)."""
    model = {"pelatihan": Registration, "laporan": ExternalActivityReport}.get(kind)
    if model is None:
        raise Http404
    obj = get_visible_or_404(model.objects.visible_to(request.user), pk=pk)
    if not obj.certificate:
        raise Http404("Sertifikat belum tersedia.")
    return FileResponse(
        obj.certificate.open("rb"), as_attachment=True, filename=obj.certificate_name or None
    )
