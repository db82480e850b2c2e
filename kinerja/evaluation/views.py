"""Evaluation pages: my period, the assessor's team page, calibration. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import OrgUnit
from kinerja.planning.models import Indicator, Skp

from . import services
from .errors import StateError
from .forms import AdjustForm, EvidenceForm, FeedbackForm, RateForm, RealisationForm
from .models import Evaluation, Period, PeriodKind
from .selectors.calibration import agency_calibration, can_view_calibration
from .selectors.periods import current_periods, my_period, my_skps, reused_evidence
from .selectors.team import team_rows

STALE = (
    "Data telah diubah oleh pengguna lain sejak Anda membukanya; periksa isi terbaru lalu ulangi."
)


def _period_page_or_404(user, skp_id: int, period_id: int):
    try:
        return my_period(user, skp_id=skp_id, period_id=period_id)
    except (Skp.DoesNotExist, Period.DoesNotExist) as exc:
        raise Http404("Data tidak ditemukan.") from exc


def _run(request, action, success: str) -> bool:
    """Call a service; turn expected refusals into messages (403 stays 403)."""
    try:
        action()
    except StaleObjectError:
        messages.error(request, STALE)
    except (StateError, UploadError) as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
        return True
    return False


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
    page = _period_page_or_404(request.user, skp_id, period_id)
    context = {
        "page": page,
        "evidence_form": EvidenceForm(),
        "rate_form": RateForm(
            initial={
                "work_rating": page.evaluation.work_rating
                if page.evaluation
                else (page.suggestion or ""),
                "behaviour_rating": page.evaluation.behaviour_rating if page.evaluation else "",
                "version": page.evaluation.version if page.evaluation else 0,
            }
        ),
        "feedback_form": FeedbackForm(),
        "reused": reused_evidence(page.skp) if page.is_assessor else [],
    }
    return render(request, "evaluation/period.html", context, status=status)


@login_required
@require_POST
def save_realisation(request, skp_id: int, period_id: int, indicator_id: int):
    page = _period_page_or_404(request.user, skp_id, period_id)
    indicator = get_visible_or_404(
        Indicator.objects.filter(rhk__skp=page.skp).select_related("rhk"), pk=indicator_id
    )
    require(page.is_owner, "Hanya pemilik SKP yang mengisi realisasi.")
    form = RealisationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.record_realisation(
                actor=request.user,
                indicator=indicator,
                period=page.period,
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
    page = _period_page_or_404(request.user, skp_id, period_id)
    require(page.is_owner, "Hanya pemilik SKP yang mengunggah bukti dukung.")
    form = EvidenceForm(request.POST, request.FILES)
    form.is_valid()
    data = form.cleaned_data
    upload = request.FILES.get("file")
    if upload is not None:
        try:
            services.add_evidence_file(
                actor=request.user,
                skp=page.skp,
                period=page.period,
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
        _run(
            request,
            lambda: services.add_evidence_link(
                actor=request.user,
                skp=page.skp,
                period=page.period,
                url=data.get("url", ""),
                title=data.get("title", ""),
            ),
            "Tautan bukti dukung disimpan.",
        )
    return redirect("evaluation:period", skp_id, period_id)


@login_required
@require_POST
def submit(request, skp_id: int, period_id: int):
    page = _period_page_or_404(request.user, skp_id, period_id)
    require(page.is_owner, "Hanya pemilik SKP yang mengajukan periode.")
    _run(
        request,
        lambda: services.submit_period(actor=request.user, skp=page.skp, period=page.period),
        "Realisasi periode diajukan kepada pejabat penilai.",
    )
    return redirect("evaluation:period", skp_id, period_id)


@login_required
@require_POST
def rate(request, skp_id: int, period_id: int):
    page = _period_page_or_404(request.user, skp_id, period_id)
    require(page.is_assessor, "Hanya pejabat penilai SKP ini yang dapat menilai.")
    form = RateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
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
    page = _period_page_or_404(request.user, skp_id, period_id)
    if page.evaluation is None:
        raise Http404("Belum ada hasil penilaian.")
    require(page.is_owner, "Hanya pegawai yang dinilai yang menerima hasil penilaian.")
    _run(
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
    page = _period_page_or_404(request.user, skp_id, period_id)
    require(page.is_assessor, "Hanya pejabat penilai yang memberi umpan balik.")
    form = FeedbackForm(request.POST)
    rhk = page.skp.rhks.filter(pk=request.POST.get("rhk") or 0).first()
    if form.is_valid():
        _run(
            request,
            lambda: services.give_feedback(
                actor=request.user,
                skp=page.skp,
                rhk=rhk,
                value_code=request.POST.get("value_code", ""),
                period=page.period,
                text=form.cleaned_data["text"],
            ),
            "Umpan balik disimpan.",
        )
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


def _agency_or_404(request) -> OrgUnit:
    agency = get_visible_or_404(
        OrgUnit.objects.visible_to(request.user), pk=request.GET.get("unit") or 0
    )
    if not agency.is_agency:
        raise Http404("Bukan perangkat daerah.")
    return agency


@login_required
def calibration(request):
    """Predicates of a perangkat daerah against the SE MenPANRB 3/2023 pattern."""
    agencies = OrgUnit.objects.visible_to(request.user).filter(
        kind__in=[
            "secretariat",
            "dinas",
            "badan",
            "inspectorate",
            "kecamatan",
            "hospital",
            "agency_other",
        ]
    )
    year = int(request.GET.get("tahun") or clock.today().year)
    page = None
    if request.GET.get("unit"):
        agency = _agency_or_404(request)
        require(
            can_view_calibration(request.user, agency),
            "Anda tidak berwenang melihat kalibrasi ini.",
        )
        page = agency_calibration(request.user, agency=agency, year=year)
    return render(
        request,
        "evaluation/calibration.html",
        {
            "agencies": agencies,
            "year": year,
            "page": page,
            "adjust_form": AdjustForm(),
            "can_calibrate": page is not None and services.can_calibrate(request.user, page.agency),
        },
    )


@login_required
@require_POST
def adjust(request, evaluation_id: int):
    evaluation = get_visible_or_404(
        Evaluation.objects.visible_to(request.user).select_related("skp__unit", "period"),
        pk=evaluation_id,
    )
    form = AdjustForm(request.POST)
    if form.is_valid():
        _run(
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
    return redirect(f"/evaluasi/kalibrasi/?unit={agency_id}&tahun={evaluation.period.year}")
