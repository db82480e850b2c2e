"""Views of the performance dashboard and of the organisational achievement (capaian kinerja)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import require
from kinerja.core.pagination import paginate
from kinerja.evaluation.domain import OrgPredicate
from kinerja.evaluation.models import Period
from kinerja.evaluation.services import can_set_org_result
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit
from kinerja.planning.org_selectors import agencies

from . import exports, services
from .charts import all_charts
from .dashboard_cache import cached_dashboard
from .forms import OrgResultForm, OutcomeForm
from .selectors.achievement import agency_achievement
from .selectors.dashboard import people, people_in_scope


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None


def _year(request) -> int:
    value = _int(request.GET.get("tahun") or request.POST.get("tahun"))
    return value if value is not None and 2000 <= value <= 2100 else clock.today().year


def _period(request, year: int) -> Period | None:
    pk = _int(request.GET.get("periode") or request.POST.get("periode"))
    if pk is None:
        return None
    return Period.objects.filter(pk=pk, year=year).first()


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _scope_for(request) -> OrgUnit | None:
    """The unit the dashboard shows (None: the regency); 404 outside the user's scope."""
    access = access_for(request.user)
    unit_id = _int(request.GET.get("unit"))
    if request.GET.get("unit") and unit_id is None:
        raise Http404("Data tidak ditemukan.")
    if unit_id is None:
        return None
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None or not access.sees_unit_path(unit.path):
        raise Http404("Data tidak ditemukan.")
    return unit


@login_required
def dashboard(request):
    """Regency → agency → unit → names; charts, PDF and Excel of the same figures."""
    access = access_for(request.user)
    scope = _scope_for(request)
    if scope is None and not access.sees_all:
        paths = sorted((*access.admin_unit_paths, *access.headed_unit_paths), key=len)
        require(
            bool(paths),
            "Dasbor kinerja untuk pimpinan, Inspektorat, admin kepegawaian, dan kepala unit.",
        )
        top = OrgUnit.objects.filter(path=paths[0]).first()
        if top is None:
            raise Http404("Data tidak ditemukan.")
        query = {"unit": top.pk, **{k: v for k, v in request.GET.items() if k != "unit"}}
        return redirect(f"{reverse('reports:dashboard')}?{urlencode(query)}")
    year = _year(request)
    cached = cached_dashboard(year=year, scope=scope, period=_period(request, year))
    board = cached.board
    page = None
    if scope is not None:
        page = paginate(request, people_in_scope(request.user, scope), per_page=50)
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "xlsx"):
        everyone = (
            people(employees=people_in_scope(request.user, scope), year=year, period=board.period)
            if scope is not None
            else []
        )
        slug = f"dasbor-kinerja-{scope.pk if scope else 'kabupaten'}-{year}"
        if fmt == "pdf":
            pdf = exports.dashboard_pdf(board, all_charts(board), everyone)
            return _download(pdf, "application/pdf", f"{slug}.pdf")
        return _download(exports.dashboard_xlsx(board, everyone), exports.XLSX, f"{slug}.xlsx")
    rows = (
        people(employees=page.object_list, year=year, period=board.period)
        if page is not None
        else []
    )
    query = {"tahun": year}
    if scope is not None:
        query["unit"] = scope.pk
    if board.period is not None:
        query["periode"] = board.period.pk
    return render(
        request,
        "reports/dashboard.html",
        {
            "board": board,
            "figures_html": cached.html,
            "data_as_of": cached.as_of,
            "page": page,
            "people": rows,
            "query": urlencode(query),
            "years": range(clock.today().year + 1, clock.today().year - 4, -1),
            "show_regency_link": access.sees_all,
            "breadcrumbs": [
                u for u in board.breadcrumbs if u.depth > 0 and access.sees_unit_path(u.path)
            ],
        },
    )


def _agency_for(request, access) -> OrgUnit:
    unit_id = _int(request.GET.get("unit") or request.POST.get("unit"))
    if (request.GET.get("unit") or request.POST.get("unit")) and unit_id is None:
        raise Http404("Data tidak ditemukan.")
    if unit_id is not None:
        agency = agencies().filter(pk=unit_id).first()
        if agency is None:
            raise Http404("Data tidak ditemukan.")
        return agency
    own = request.user.employee.unit if request.user.employee_id else None
    if own is not None and own.agency_id:
        return agencies().filter(pk=own.agency_id).first() or agencies().first()
    first = agencies().first()
    if first is None:
        raise Http404("Belum ada perangkat daerah.")
    return first


def _achievement_page(request, agency, year, period, *, outcome_form=None, result_form=None):
    achievement = agency_achievement(agency=agency, year=year, period=period)
    targets = [row.target for row in achievement.rows]
    can_enter = services.can_enter_outcomes(request.user, agency)
    can_decide = can_set_org_result(request.user, agency)
    if outcome_form is None and can_enter:
        editing = _int(request.GET.get("ubah"))
        row = next((r for r in achievement.rows if r.target.pk == editing), None)
        initial = {}
        if row is not None and row.measurement is not None:
            m = row.measurement
            initial = {
                "target": m.agreement_target_id,
                "value": m.value,
                "lower_is_better": m.lower_is_better,
                "explanation": m.explanation,
                "source": m.source,
                "version": m.version,
            }
        outcome_form = OutcomeForm(targets=targets, initial=initial)
    if result_form is None and can_decide:
        initial = (
            {"predicate": achievement.proposal.predicate.value} if achievement.proposal else {}
        )
        result_form = OrgResultForm(initial=initial)
    periods = list(Period.objects.filter(year=year).order_by("start", "kind", "number"))
    return render(
        request,
        "reports/achievement.html",
        {
            "a": achievement,
            "agencies": agencies(),
            "periods": periods,
            "year": year,
            "outcome_form": outcome_form if can_enter else None,
            "result_form": result_form if can_decide else None,
            "proposal_label": (
                OrgPredicate(achievement.proposal.predicate.value).label
                if achievement.proposal
                else None
            ),
            "query": urlencode(
                {"unit": agency.pk, "tahun": year, **({"periode": period.pk} if period else {})}
            ),
        },
        status=400 if (outcome_form is not None and outcome_form.errors) else 200,
    )


def _default_period(year: int) -> Period | None:
    today = clock.today()
    periods = Period.objects.filter(year=year)
    return (
        periods.exclude(kind="annual").filter(start__lte=today).order_by("-start").first()
        or periods.order_by("start").first()
    )


@login_required
def achievement(request):
    """The agency's IKUs with their achievement per period; outcome data entry; the annex."""
    access = access_for(request.user)
    agency = _agency_for(request, access)
    year = _year(request)
    period = _period(request, year) or _default_period(year)
    if request.method == "POST":
        require(
            services.can_enter_outcomes(request.user, agency),
            "Hanya admin perangkat daerah atau BKPSDM yang dapat mengisi capaian indikator.",
        )
        if period is None:
            raise Http404("Periode tidak ditemukan.")
        current = agency_achievement(agency=agency, year=year, period=period)
        targets = {row.target.pk: row.target for row in current.rows}
        form = OutcomeForm(request.POST, targets=targets.values())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_outcome(
                    actor=request.user,
                    target=targets[data["target"]],
                    period=period,
                    value=data["value"],
                    explanation=data["explanation"],
                    source=data["source"],
                    lower_is_better=data["lower_is_better"],
                    expected_version=data.get("version") or 0,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            except StaleObjectError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Realisasi indikator kinerja utama disimpan.")
                query = urlencode({"unit": agency.pk, "tahun": year, "periode": period.pk})
                return redirect(f"{reverse('reports:achievement')}?{query}")
        return _achievement_page(request, agency, year, period, outcome_form=form)
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "xlsx"):
        data = agency_achievement(agency=agency, year=year, period=period)
        slug = f"capaian-kinerja-{agency.pk}-{year}"
        if fmt == "pdf":
            return _download(exports.annex_pdf(data), "application/pdf", f"{slug}.pdf")
        return _download(exports.annex_xlsx(data), exports.XLSX, f"{slug}.xlsx")
    return _achievement_page(request, agency, year, period)


@login_required
@require_POST
def achievement_result(request):
    """The leader sets the organisation result, proposed from the IKU achievement."""
    access = access_for(request.user)
    agency = _agency_for(request, access)
    year = _year(request)
    period = _period(request, year)
    require(
        can_set_org_result(request.user, agency),
        "Capaian kinerja perangkat daerah ditetapkan oleh Bupati (pimpinan daerah).",
    )
    if period is None:
        raise Http404("Periode tidak ditemukan.")
    form = OrgResultForm(request.POST)
    current = agency_achievement(agency=agency, year=year, period=period)
    if form.is_valid():
        try:
            services.decide_org_result(
                actor=request.user,
                agency=agency,
                year=year,
                period=period,
                predicate=form.cleaned_data["predicate"],
                proposed=current.proposal.predicate.value if current.proposal else None,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Capaian kinerja organisasi ditetapkan.")
            query = urlencode({"unit": agency.pk, "tahun": year, "periode": period.pk})
            return redirect(f"{reverse('reports:achievement')}?{query}")
    response = _achievement_page(request, agency, year, period, result_form=form)
    response.status_code = 400
    return response
