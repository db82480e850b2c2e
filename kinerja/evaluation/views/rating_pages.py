"""Period ratings and the team review: the assessor's rating and feedback, the employee's
acknowledgement, the feedback history, and the assessor's team page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.http import require
from kinerja.planning.models import Skp

from .. import services
from ..forms import FeedbackForm, RateForm
from ..models import PeriodKind
from ..selectors.feedback import feedback_history as feedback_history_of
from ..selectors.periods import current_periods
from ..selectors.team import team_rows
from ._common import period_page_or_404, run_service


@login_required
@require_POST
def rate(request, skp_id: int, period_id: int):
    page = period_page_or_404(request.user, skp_id, period_id)
    require(page.is_assessor, "Hanya pejabat penilai SKP ini yang dapat menilai.")
    form = RateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.rate(
                actor=request.user,
                skp=page.skp,
                period=page.period,
                work_rating=data["work_rating"],
                behaviour_rating=data["behaviour_rating"],
                deviation_reason=data["deviation_reason"],
                expected_version=data["version"] or None,
            ),
            "Penilaian disimpan.",
        )
    else:
        messages.error(request, "Pilih rating hasil kerja dan perilaku kerja.")
    return redirect("evaluation:period", skp_id, period_id)


@login_required
@require_POST
def acknowledge(request, skp_id: int, period_id: int):
    page = period_page_or_404(request.user, skp_id, period_id)
    if page.evaluation is None:
        raise Http404("Belum ada hasil penilaian.")
    require(page.is_owner, "Hanya pegawai yang dinilai yang menerima hasil penilaian.")
    run_service(
        request,
        lambda: services.acknowledge(
            actor=request.user,
            evaluation=page.evaluation,
            expected_version=int(request.POST.get("version") or 0),
        ),
        "Hasil penilaian telah Anda terima.",
    )
    return redirect("evaluation:period", skp_id, period_id)


@login_required
@require_POST
def feedback(request, skp_id: int, period_id: int):
    page = period_page_or_404(request.user, skp_id, period_id)
    require(page.is_assessor, "Hanya pejabat penilai yang memberi umpan balik.")
    form = FeedbackForm(request.POST)
    about = request.POST.get("tentang", "")
    rhk_id, value_code = request.POST.get("rhk") or 0, request.POST.get("value_code", "")
    if about.startswith("rhk:"):
        rhk_id = about[4:] if about[4:].isdigit() else 0
    elif about.startswith("nilai:"):
        value_code = about[6:]
    rhk = page.skp.rhks.filter(pk=rhk_id).first() if str(rhk_id).isdigit() else None
    if form.is_valid():
        run_service(
            request,
            lambda: services.give_feedback(
                actor=request.user,
                skp=page.skp,
                rhk=rhk,
                value_code=value_code,
                period=page.period,
                text=form.cleaned_data["text"],
            ),
            "Umpan balik disimpan.",
        )
    else:
        messages.error(request, "Umpan balik tidak boleh kosong.")
    return redirect("evaluation:period", skp_id, period_id)


@login_required
def team(request):
    """The assessor's subordinates for one period, one row each."""
    year = clock.today().year
    periods = current_periods(year)
    chosen = request.GET.get("periode")
    period = next((p for p in periods if str(p.pk) == chosen), None)
    if period is None:
        today = clock.today()
        period = next(
            (p for p in periods if p.kind != PeriodKind.ANNUAL and p.start <= today <= p.end),
            periods[0] if periods else None,
        )
    rows = team_rows(request.user, period=period) if period else []
    return render(
        request, "evaluation/team.html", {"periods": periods, "period": period, "rows": rows}
    )


# --- continuous feedback


@login_required
def feedback_history(request, skp_id: int):
    try:
        history = feedback_history_of(
            request.user, skp_id=skp_id, about=request.GET.get("tentang", "")
        )
    except Skp.DoesNotExist as exc:
        raise Http404("Data tidak ditemukan.") from exc
    return render(request, "evaluation/feedback_history.html", {"history": history})
