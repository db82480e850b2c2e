"""Appeals (keberatan): filing one, the user's appeals, one appeal's explanations and decision,
and the register per perangkat daerah."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404, require
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import AGENCY_KINDS, OrgUnit
from kinerja.planning import permissions as planning_permissions

from .. import services
from ..errors import StateError
from ..forms import AppealForm, DecisionForm, ExplanationForm
from ..models import Appeal, AppealStatus, Evaluation
from ..selectors.appeals import appeal_page, appeals_register, can_view_register, my_appeals
from ._common import agency_or_404, requested_year, run_service
from .period_pages import period_page_response

REGISTER_AGENCY_KINDS = sorted(AGENCY_KINDS)


@login_required
@require_POST
def appeal_file(request, evaluation_id: int):
    evaluation = get_visible_or_404(
        Evaluation.objects.visible_to(request.user).select_related("skp", "period"),
        pk=evaluation_id,
    )
    require(
        planning_permissions.is_owner(request.user, evaluation.skp),
        "Keberatan hanya diajukan oleh pegawai yang dinilai.",
    )
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasan keberatan.")
        return redirect("evaluation:period", evaluation.skp_id, evaluation.period_id)
    created = []
    try:
        created.append(
            services.file_appeal(
                actor=request.user,
                evaluation=evaluation,
                reasons=form.cleaned_data["reasons"],
                files=request.FILES.getlist("files"),
            )
        )
    except UploadError as exc:
        messages.error(request, str(exc))
        if exc.too_large:
            return period_page_response(
                request, evaluation.skp_id, evaluation.period_id, status=413
            )
    except (StateError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    if not created:
        return redirect("evaluation:period", evaluation.skp_id, evaluation.period_id)
    messages.success(request, "Keberatan diajukan kepada atasan pejabat penilai.")
    return redirect("evaluation:appeal", created[0].pk)


@login_required
def appeals(request):
    """The user's own appeals and those waiting for their explanation or decision."""
    return render(request, "evaluation/appeals.html", {"mine": my_appeals(request.user)})


def _appeal_page_or_404(request, appeal_id: int):
    try:
        return appeal_page(request.user, appeal_id=appeal_id)
    except Appeal.DoesNotExist as exc:
        raise Http404("Data tidak ditemukan.") from exc


@login_required
def appeal(request, appeal_id: int):
    page = _appeal_page_or_404(request, appeal_id)
    return render(
        request,
        "evaluation/appeal.html",
        {
            "page": page,
            "explanation_form": ExplanationForm(),
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def appeal_request(request, appeal_id: int):
    page = _appeal_page_or_404(request, appeal_id)
    require(page.is_superior, "Penjelasan diminta oleh atasan pejabat penilai.")
    run_service(
        request,
        lambda: services.request_explanations(actor=request.user, appeal=page.appeal),
        "Penjelasan pejabat penilai dan pegawai diminta.",
    )
    return redirect("evaluation:appeal", appeal_id)


@login_required
@require_POST
def appeal_explain(request, appeal_id: int):
    page = _appeal_page_or_404(request, appeal_id)
    require(
        page.is_employee or page.is_assessor,
        "Penjelasan diberikan oleh pejabat penilai atau pegawai.",
    )
    form = ExplanationForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.give_explanation(
                actor=request.user, appeal=page.appeal, text=form.cleaned_data["text"]
            ),
            "Penjelasan disimpan.",
        )
    else:
        messages.error(request, "Penjelasan tidak boleh kosong.")
    return redirect("evaluation:appeal", appeal_id)


@login_required
@require_POST
def appeal_decide(request, appeal_id: int):
    page = _appeal_page_or_404(request, appeal_id)
    require(page.is_superior, "Keberatan hanya diputus oleh atasan pejabat penilai.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih keputusan dan tuliskan pertimbangannya.")
        return redirect("evaluation:appeal", appeal_id)
    data = form.cleaned_data
    run_service(
        request,
        lambda: services.decide_appeal(
            actor=request.user,
            appeal=page.appeal,
            decision=data["decision"],
            note=data["note"],
            work_rating=data["work_rating"],
            behaviour_rating=data["behaviour_rating"],
        ),
        "Keberatan diputus; keputusan bersifat final.",
    )
    return redirect("evaluation:appeal", appeal_id)


@login_required
def appeal_register(request):
    """The register of appeals per perangkat daerah, for BKPSDM, agency admins and heads."""
    year = requested_year(request)
    agencies = [
        a
        for a in OrgUnit.objects.visible_to(request.user).filter(
            kind__in=REGISTER_AGENCY_KINDS, is_active=True
        )
        if can_view_register(request.user, a)
    ]
    rows = None
    agency = None
    filters = {
        "status": request.GET.get("status", ""),
        "decision": request.GET.get("keputusan", ""),
        "search": request.GET.get("q", "")[:100],
    }
    if request.GET.get("unit"):
        agency = agency_or_404(request)
        require(
            can_view_register(request.user, agency),
            "Anda tidak berwenang melihat register keberatan ini.",
        )
        rows = list(appeals_register(request.user, agency=agency, year=year, **filters))
    return render(
        request,
        "evaluation/appeal_register.html",
        {
            "agencies": agencies,
            "agency": agency,
            "year": year,
            "rows": rows,
            "filters": filters,
            "statuses": AppealStatus.choices,
        },
    )
