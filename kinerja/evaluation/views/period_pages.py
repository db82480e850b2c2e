"""The employee's period pages: my periods, one period's page, realisation, evidence and
submission."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.http import get_visible_or_404, require
from kinerja.core.uploads import UploadError
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.models import Indicator, Skp

from .. import services
from ..errors import StateError
from ..forms import AppealForm, EvidenceForm, FeedbackForm, RateForm, RealisationForm
from ..models import Period
from ..selectors.annual import annual_overview
from ..selectors.appeals import appeal_window
from ..selectors.feedback import feedback_topics
from ..selectors.periods import current_periods, my_skps, reused_evidence, skp_period
from ._common import period_page_or_404, run_service


def _own_skp_period_or_404(request, skp_id: int, period_id: int, refusal: str):
    """The SKP and period a write on the period page acts on: 404 when invisible, 403 unless the
    user owns the SKP. Reads only these two rows, not the whole page."""
    try:
        skp, period = skp_period(request.user, skp_id=skp_id, period_id=period_id)
    except (Skp.DoesNotExist, Period.DoesNotExist) as exc:
        raise Http404("Data tidak ditemukan.") from exc
    require(planning_permissions.is_owner(request.user, skp), refusal)
    return skp, period


@login_required
def mine(request):
    """The employee's approved SKPs of the year and their periods."""
    year = int(request.GET.get("tahun") or clock.today().year)
    return render(
        request,
        "evaluation/mine.html",
        {"year": year, "skps": my_skps(request.user, year), "periods": current_periods(year)},
    )


@login_required
def period_page(request, skp_id: int, period_id: int):
    return period_page_response(request, skp_id, period_id)


def period_page_response(request, skp_id: int, period_id: int, status: int = 200):
    page = period_page_or_404(request.user, skp_id, period_id)
    evaluation = page.evaluation
    annual = annual_overview(page.skp) if page.period.is_annual else None
    if evaluation is not None:
        work, behaviour = evaluation.work_rating, evaluation.behaviour_rating
    elif annual is not None and annual.has_prefill:
        work = annual.work or page.suggestion or ""
        behaviour = annual.behaviour or ""
    else:
        work, behaviour = page.suggestion or "", ""
    context = {
        "page": page,
        "annual": annual,
        "evidence_form": EvidenceForm(),
        "rate_form": RateForm(
            initial={
                "work_rating": work,
                "behaviour_rating": behaviour,
                "version": evaluation.version if evaluation else 0,
            }
        ),
        "feedback_form": FeedbackForm(),
        "feedback_topics": feedback_topics(page.skp) if page.is_assessor else [],
        "reused": reused_evidence(page.skp) if page.is_assessor else [],
        "appeal_window": appeal_window(evaluation) if evaluation else None,
        "appeals": list(evaluation.appeals.order_by("-filed_at")) if evaluation else [],
        "appeal_form": AppealForm(),
    }
    return render(request, "evaluation/period.html", context, status=status)


@login_required
@require_POST
def save_realisation(request, skp_id: int, period_id: int, indicator_id: int):
    skp, period = _own_skp_period_or_404(
        request, skp_id, period_id, "Hanya pemilik SKP yang mengisi realisasi."
    )
    indicator = get_visible_or_404(
        Indicator.objects.filter(rhk__skp=skp).select_related("rhk"), pk=indicator_id
    )
    form = RealisationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.record_realisation(
                actor=request.user,
                indicator=indicator,
                period=period,
                expected_version=data["version"] or 0,
                value=data["value"],
                text=data["text"],
                narrative=data["narrative"],
            ),
            "Realisasi disimpan.",
        )
    else:
        messages.error(request, "Isian realisasi tidak valid.")
    return redirect("evaluation:period", skp_id, period_id)


@login_required
@require_POST
def upload_evidence(request, skp_id: int, period_id: int):
    skp, period = _own_skp_period_or_404(
        request, skp_id, period_id, "Hanya pemilik SKP yang mengunggah bukti dukung."
    )
    form = EvidenceForm(request.POST, request.FILES)
    form.is_valid()
    data = form.cleaned_data
    upload = request.FILES.get("file")
    if upload is not None:
        try:
            services.add_evidence_file(
                actor=request.user,
                skp=skp,
                period=period,
                upload=upload,
                title=data.get("title", ""),
            )
        except UploadError as exc:
            messages.error(request, str(exc))
            if exc.too_large:
                return period_page_response(request, skp_id, period_id, status=413)
        except (StateError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Bukti dukung diunggah.")
    else:
        run_service(
            request,
            lambda: services.add_evidence_link(
                actor=request.user,
                skp=skp,
                period=period,
                url=data.get("url", ""),
                title=data.get("title", ""),
            ),
            "Tautan bukti dukung disimpan.",
        )
    return redirect("evaluation:period", skp_id, period_id)


@login_required
@require_POST
def submit(request, skp_id: int, period_id: int):
    skp, period = _own_skp_period_or_404(
        request, skp_id, period_id, "Hanya pemilik SKP yang mengajukan periode."
    )
    run_service(
        request,
        lambda: services.submit_period(actor=request.user, skp=skp, period=period),
        "Realisasi periode diajukan kepada pejabat penilai.",
    )
    return redirect("evaluation:period", skp_id, period_id)
