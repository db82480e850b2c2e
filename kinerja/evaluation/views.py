"""Evaluation pages: my period, the assessor's team page, calibration. Thin: parse, call, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require
from kinerja.core.pagination import paginate
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import AGENCY_KINDS, OrgUnit
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.models import Indicator, Skp

from . import services
from .domain import Predicate
from .errors import StateError
from .forms import (
    AdjustForm,
    AppealForm,
    DecisionForm,
    DialogueForm,
    EvidenceForm,
    ExplanationForm,
    FeedbackForm,
    OrgResultForm,
    RateForm,
    RealisationForm,
)
from .models import (
    Appeal,
    AppealStatus,
    DialogueAction,
    Evaluation,
    Period,
    PeriodKind,
    PredicateDetermination,
)
from .panels import dialogue_panels
from .selectors.annual import annual_overview
from .selectors.appeals import (
    appeal_page,
    appeal_window,
    appeals_register,
    can_view_register,
    my_appeals,
)
from .selectors.calibration import (
    agency_calibration,
    calibration_employees,
    can_view_calibration,
)
from .selectors.dialogue import dialogue_page, dialogue_pairs
from .selectors.feedback import feedback_history as feedback_history_of
from .selectors.feedback import feedback_topics
from .selectors.org_results import org_result_rows
from .selectors.periods import current_periods, my_period, my_skps, reused_evidence, skp_period
from .selectors.team import team_rows

CALIBRATION_PAGE_SIZE = 50  # employees per page on the calibration list

STALE = (
    "Data telah diubah oleh pengguna lain sejak Anda membukanya; periksa isi terbaru lalu ulangi."
)


def _period_page_or_404(user, skp_id: int, period_id: int):
    try:
        return my_period(user, skp_id=skp_id, period_id=period_id)
    except (Skp.DoesNotExist, Period.DoesNotExist) as exc:
        raise Http404("Data tidak ditemukan.") from exc


def _own_skp_period_or_404(request, skp_id: int, period_id: int, refusal: str):
    """The SKP and period a write on the period page acts on: 404 when invisible, 403 unless the
    user owns the SKP. Reads only these two rows, not the whole page."""
    try:
        skp, period = skp_period(request.user, skp_id=skp_id, period_id=period_id)
    except (Skp.DoesNotExist, Period.DoesNotExist) as exc:
        raise Http404("Data tidak ditemukan.") from exc
    require(planning_permissions.is_owner(request.user, skp), refusal)
    return skp, period


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
        _run(
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
        _run(
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
    _run(
        request,
        lambda: services.submit_period(actor=request.user, skp=skp, period=period),
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
    about = request.POST.get("tentang", "")
    rhk_id, value_code = request.POST.get("rhk") or 0, request.POST.get("value_code", "")
    if about.startswith("rhk:"):
        rhk_id = about[4:] if about[4:].isdigit() else 0
    elif about.startswith("nilai:"):
        value_code = about[6:]
    rhk = page.skp.rhks.filter(pk=rhk_id).first() if str(rhk_id).isdigit() else None
    if form.is_valid():
        _run(
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


def _agency_or_404(request) -> OrgUnit:
    agency = get_visible_or_404(
        OrgUnit.objects.visible_to(request.user), pk=request.GET.get("unit") or 0
    )
    if not agency.is_agency:
        raise Http404("Bukan perangkat daerah.")
    return agency


@login_required
def calibration(request):
    """Predicates of a perangkat daerah against the SE MenPANRB 3/2023 pattern: the distribution
    from one aggregate query, and the employees 50 per page with a predicate filter and a name/NIP
    search (htmx requests get only that list)."""
    year = _year(request)
    page = agency = determination = employees = None
    partial = False
    predicate = request.GET.get("predikat") or ""
    if predicate not in {p.value for p in Predicate}:
        predicate = ""
    query = (request.GET.get("q") or "").strip()[:100]
    if request.GET.get("unit"):
        agency = _agency_or_404(request)
        require(
            can_view_calibration(request.user, agency),
            "Anda tidak berwenang melihat kalibrasi ini.",
        )
        employees = paginate(
            request,
            calibration_employees(
                request.user, agency=agency, year=year, predicate=predicate, query=query
            ),
            per_page=CALIBRATION_PAGE_SIZE,
        )
        partial = request.htmx and not request.htmx.history_restore_request
        if partial:  # only the list: its filter, search or page changed
            determination = PredicateDetermination.objects.filter(agency=agency, year=year).first()
        else:
            page = agency_calibration(request.user, agency=agency, year=year)
            determination = page.determination
    context = {
        "year": year,
        "agency": agency,
        "page": page,
        "determination": determination,
        "employees": employees,
        "predicate": predicate,
        "query": query,
        "predicates": list(Predicate),
        "list_query": urlencode(
            {"unit": agency.pk if agency else "", "tahun": year}
            | ({"predikat": predicate} if predicate else {})
            | ({"q": query} if query else {})
        ),
        "can_calibrate": agency is not None and services.can_calibrate(request.user, agency),
    }
    if agency is not None and partial:
        return render(request, "evaluation/_calibration_employees.html", context)
    context["agencies"] = (
        OrgUnit.objects.visible_to(request.user).filter(kind__in=AGENCY_KINDS).only("id", "name")
    )
    return render(request, "evaluation/calibration.html", context)


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
    back = {"unit": agency_id, "tahun": evaluation.period.year}
    # Back to the list the leader was working in (same filter, search and page).
    for key in ("predikat", "q", "page"):
        value = (request.POST.get(key) or "").strip()[:100]
        if value:
            back[key] = value
    return redirect(f"{reverse('evaluation:calibration')}?{urlencode(back)}#pegawai")


# --- performance dialogue (dialog kinerja)


@login_required
def dialogues(request):
    """The user's employee/assessor pairs of the year with their dialogues and open actions."""
    year = _year(request)
    return render(
        request,
        "evaluation/dialogues.html",
        {"year": year, "pairs": dialogue_pairs(request.user, year=year)},
    )


def _dialogue_owners(skp: Skp):
    return [e for e in (skp.employee, skp.assessor) if e is not None]


def _dialogue_response(request, skp_id: int, form=None, status: int = 200):
    try:
        page = dialogue_page(request.user, skp_id=skp_id)
    except Skp.DoesNotExist as exc:
        raise Http404("Data tidak ditemukan.") from exc
    skp = page.skp
    form = form or DialogueForm(owners=_dialogue_owners(skp), initial={"date": clock.today()})
    return render(
        request,
        "evaluation/dialogue.html",
        {
            "page": page,
            "form": form,
            "panels": _rendered_panels(request, skp),
            "today": clock.today(),
        },
        status=status,
    )


def _rendered_panels(request, skp: Skp) -> list[tuple[str, str]]:
    """Each provider's panel as (title, html): its template rendered with its own context keys
    at the top level (what `{% include panel.template with ...panel.context %}` would mean)."""
    return [
        (panel.title, render_to_string(panel.template, dict(panel.context), request=request))
        for panel in dialogue_panels(employee=skp.employee, viewer=request.user)
    ]


@login_required
def dialogue(request, skp_id: int):
    return _dialogue_response(request, skp_id)


@login_required
@require_POST
def dialogue_add(request, skp_id: int):
    skp = get_visible_or_404(
        Skp.objects.visible_to(request.user).select_related("employee", "assessor", "unit"),
        pk=skp_id,
    )
    require(
        planning_permissions.is_owner(request.user, skp)
        or planning_permissions.is_assessor_of(request.user, skp),
        "Hanya pegawai dan pejabat penilainya yang mencatat dialog kinerja.",
    )
    form = DialogueForm(request.POST, owners=_dialogue_owners(skp))
    if not form.is_valid():
        messages.error(request, "Periksa kembali isian dialog kinerja.")
        return _dialogue_response(request, skp_id, form=form, status=422)
    data = form.cleaned_data
    ok = _run(
        request,
        lambda: services.record_dialogue(
            actor=request.user,
            skp=skp,
            date=data["date"],
            notes=data["notes"],
            actions=[services.NewAction(text, owner, due) for text, owner, due in data["actions"]],
        ),
        "Dialog kinerja dicatat.",
    )
    if not ok:
        return _dialogue_response(request, skp_id, form=form, status=422)
    return redirect("evaluation:dialogue", skp_id)


@login_required
@require_POST
def action_done(request, action_id: int):
    action = get_visible_or_404(
        DialogueAction.objects.filter(
            dialogue__skp__in=Skp.objects.visible_to(request.user).values("pk")
        ).select_related("dialogue__skp"),
        pk=action_id,
    )
    skp = action.dialogue.skp
    require(
        planning_permissions.is_owner(request.user, skp)
        or planning_permissions.is_assessor_of(request.user, skp),
        "Hanya pegawai dan pejabat penilainya yang dapat menutup tindak lanjut.",
    )
    _run(
        request,
        lambda: services.complete_action(actor=request.user, action=action),
        "Tindak lanjut ditandai selesai.",
    )
    return redirect("evaluation:dialogue", skp.pk)


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


# --- appeals (keberatan)


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
    _run(
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
        _run(
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
    _run(
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


REGISTER_AGENCY_KINDS = sorted(AGENCY_KINDS)


@login_required
def appeal_register(request):
    """The register of appeals per perangkat daerah, for BKPSDM, agency admins and heads."""
    year = _year(request)
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
        agency = _agency_or_404(request)
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


# --- organisational results


@login_required
def org_results(request):
    """The units whose capaian kinerja organisasi the user sets, with the year's results."""
    year = _year(request)
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
    year = _year(request, source=request.POST)
    form = OrgResultForm(request.POST)
    if form.is_valid():
        _run(
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


def _year(request, source=None) -> int:
    """The `tahun` parameter within a sane range, else this year."""
    raw = (source if source is not None else request.GET).get("tahun") or ""
    try:
        year = int(raw)
    except ValueError:
        return clock.today().year
    return year if 2000 <= year <= 2100 else clock.today().year
