"""Pages under /pengembangan/: the employee's, the assessor's and BKPSDM's."""

from __future__ import annotations

from io import BytesIO
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.http import get_visible_or_404, require
from kinerja.core.pagination import paginate
from kinerja.core.uploads import UploadError
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit

from . import permissions, selectors, services
from .domain import DEFAULT_RULES, ActivityForm
from .forms import (
    ActivityEditForm,
    EventEditForm,
    ExternalReportForm,
    NeedForm,
    NoteForm,
    PlanItemForm,
    RuleForm,
)
from .models import (
    Activity,
    ConversionRuleSetting,
    DevelopmentNeed,
    DevelopmentPlan,
    EventStatus,
    ExternalActivityReport,
    NeedStatus,
    Registration,
    RegistrationStatus,
    TrainingEvent,
)


def _year(request) -> int:
    value = request.GET.get("tahun", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return clock.today().year


def _me(request) -> Employee:
    if request.user.employee_id is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return Employee.objects.select_related("unit", "position").get(pk=request.user.employee_id)


def _fail(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, str(exc))


def _back(request, default: str):
    """Redirect to the form's `next` when it stays on this site, else to `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def _require_admin(request) -> None:
    access = access_for(request.user)
    require(
        access.manages_all or access.is_opd_admin, "Halaman ini untuk BKPSDM dan pengelola OPD."
    )


# --- Employee ------------------------------------------------------------------------------


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
    from . import documents

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
    from .documents import is_current
    from .models import PlanDocument

    document = (
        PlanDocument.objects.select_related("plan", "plan__employee")
        .filter(code=code.upper()[:32])
        .first()
    )
    context = {"document": document, "current": bool(document) and is_current(document)}
    return render(request, "development/plan_verify.html", context, status=200 if document else 404)


# --- Assessor ------------------------------------------------------------------------------


TEAM_PAGE_SIZE = 50
TEAM_PLANS_PAGE_SIZE = 20


def _query_without(request, param: str) -> str:
    """The current query string without one list's page number (for that list's pager)."""
    query = request.GET.copy()
    query.pop(param, None)
    return query.urlencode()


@login_required
def team(request):
    """Pengembangan Tim: JP of the employees the user assesses (50 per page, below-target PNS
    first, searchable), their needs to confirm and plans to agree (paged, same search), and
    reports to verify. The cost does not depend on the size of the units the user heads."""
    from django.core.paginator import Paginator

    from .team import team as team_members

    year = _year(request)
    query = (request.GET.get("q") or "").strip()[:100]
    below_only = request.GET.get("di_bawah") == "1"
    summary = selectors.team_summary(request.user, year)
    paginator = Paginator(
        team_members(request.user, year, query=query, below_only=below_only), TEAM_PAGE_SIZE
    )
    if not query and not below_only:
        paginator.count = summary.members  # already counted: no second pass over the team
    members = paginator.get_page(request.GET.get("page"))
    needs = Paginator(
        selectors.needs_to_confirm(request.user, year, query=query), TEAM_PAGE_SIZE
    ).get_page(request.GET.get("hal_kebutuhan"))
    plans = Paginator(
        selectors.team_plans(request.user, year, query=query), TEAM_PLANS_PAGE_SIZE
    ).get_page(request.GET.get("hal_rencana"))
    return render(
        request,
        "development/team.html",
        {
            "year": year,
            "query": query,
            "below_only": below_only,
            "summary": summary,
            "members": members,
            "rows": selectors.jp_rows(members.object_list),
            "needs": needs,
            "plans": plans,
            "reports": selectors.reports_to_verify(request.user),
            "need_form": NeedForm(),
            "others": {
                "page": _query_without(request, "page"),
                "hal_kebutuhan": _query_without(request, "hal_kebutuhan"),
                "hal_rencana": _query_without(request, "hal_rencana"),
            },
            "here": request.get_full_path(),
        },
    )


@login_required
@require_POST
def need_status(request, pk: int):
    need = get_visible_or_404(
        DevelopmentNeed.objects.visible_to(request.user).select_related("employee"), pk=pk
    )
    status = request.POST.get("status", NeedStatus.CONFIRMED)
    if status not in NeedStatus.values:
        raise Http404
    services.set_need_status(actor=request.user, need=need, status=status)
    messages.success(request, "Status kebutuhan diperbarui.")
    return _back(request, "development:team")


@login_required
@require_POST
def need_add(request, nip: str):
    employee = get_visible_or_404(Employee.objects.visible_to(request.user), nip=nip)
    form = NeedForm(request.POST)
    if form.is_valid():
        services.add_need(
            actor=request.user,
            employee=employee,
            year=_year(request),
            reason=form.cleaned_data["reason"],
            competency=form.cleaned_data["competency"],
        )
        messages.success(request, f"Kebutuhan pengembangan {employee.name} ditambahkan.")
    else:
        messages.error(request, "Alasan wajib diisi.")
    return _back(request, "development:team")


@login_required
@require_POST
def report_decide(request, pk: int):
    report = get_visible_or_404(
        ExternalActivityReport.objects.visible_to(request.user).select_related("employee__unit"),
        pk=pk,
    )
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if request.POST.get("decision") == "reject":
            services.reject_report(actor=request.user, report=report, note=note)
            messages.success(request, "Laporan ditolak.")
        else:
            entry = services.verify_report(actor=request.user, report=report, note=note)
            messages.success(request, f"Laporan diverifikasi: {entry.jp} JP dicatat.")
    except (services.ConflictError, ValidationError) as exc:
        _fail(request, exc)
    return redirect("development:team")


# --- BKPSDM and agency admins ------------------------------------------------------------------


@login_required
def admin(request):
    """Diklat & JP: events the user organises and the catalogue."""
    _require_admin(request)
    return render(
        request,
        "development/admin.html",
        {
            "events": selectors.manageable_events(request.user)[:200],
            "activities": selectors.catalogue(),
            "is_bkpsdm": permissions.is_development_admin(request.user),
            "year": _year(request),
        },
    )


@login_required
def activity_edit(request, pk: int | None = None):
    require(permissions.is_development_admin(request.user), "Katalog dikelola BKPSDM.")
    activity = get_visible_or_404(Activity.objects.all(), pk=pk) if pk else None
    form = ActivityEditForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        competencies = data.pop("competencies")
        try:
            services.save_activity(
                actor=request.user, activity=activity, competencies=competencies, **data
            )
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, "Katalog disimpan.")
            return redirect("development:admin")
    return render(request, "development/activity_form.html", {"form": form, "activity": activity})


def _organiser_units(user):
    access = access_for(user)
    qs = OrgUnit.objects.filter(is_active=True, depth__lte=1).order_by("name")
    if access.manages_all:
        return qs
    return qs.filter(path__in=access.admin_unit_paths)


@login_required
def event_edit(request, pk: int | None = None):
    require(
        permissions.can_create_events(request.user), "Halaman ini untuk BKPSDM dan pengelola OPD."
    )
    event = get_visible_or_404(TrainingEvent.objects.all(), pk=pk) if pk else None
    if event is not None:
        require(permissions.can_manage_event(request.user, event))
    form = EventEditForm(request.POST or None, instance=event, units=_organiser_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        positions = data.pop("target_positions")
        units = data.pop("target_units")
        try:
            saved = services.save_event(
                actor=request.user,
                event=event,
                target_positions=positions,
                target_units=units,
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, "Pelatihan disimpan.")
            return redirect("development:event", pk=saved.pk)
    return render(request, "development/event_form.html", {"form": form, "event": event})


@login_required
def event_detail(request, pk: int):
    """An event and its participants; the organiser marks attendance and completion here."""
    event = get_visible_or_404(
        TrainingEvent.objects.select_related("activity", "organiser_unit", "target_competency"),
        pk=pk,
    )
    can_manage = permissions.can_manage_event(request.user, event)
    if event.status == EventStatus.DRAFT and not can_manage:
        raise Http404("Pelatihan tidak ditemukan.")
    registrations = (
        selectors.event_registrations(event)
        if can_manage
        else Registration.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("employee", "employee__unit")
    )
    mine = (
        Registration.objects.filter(event=event, employee_id=request.user.employee_id)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
        if request.user.employee_id
        else None
    )
    return render(
        request,
        "development/event_detail.html",
        {
            "event": event,
            "registrations": registrations,
            "can_manage": can_manage,
            "mine": mine,
            "seats": selectors.event_seats(event) if can_manage else None,
            "targets": (
                selectors.target_participants(request.user, event).count() if can_manage else 0
            ),
        },
    )


@login_required
@require_POST
def invite_targets(request, pk: int):
    """The organiser invites every target participant not yet in the event."""
    event = get_visible_or_404(TrainingEvent.objects.select_related("organiser_unit"), pk=pk)
    require(permissions.can_manage_event(request.user, event))
    try:
        count = services.invite_targets(actor=request.user, event=event)
    except services.ConflictError as exc:
        _fail(request, exc)
    else:
        messages.success(request, f"{count} pegawai sasaran diundang.")
    return redirect("development:event", pk=event.pk)


@login_required
@require_POST
def registration_action(request, pk: int):
    """Attendance (hadir / tidak hadir) and completion, by the organiser."""
    registration = get_visible_or_404(
        Registration.objects.select_related("event", "event__organiser_unit", "event__activity"),
        pk=pk,
    )
    if not permissions.can_manage_event(request.user, registration.event):
        # Organisers act on any participant; anyone else must not learn the registration exists.
        if not Registration.objects.visible_to(request.user).filter(pk=registration.pk).exists():
            raise Http404("Pendaftaran tidak ditemukan.")
        require(False)
    action = request.POST.get("action")
    try:
        if action == "attended":
            services.mark_attendance(actor=request.user, registration=registration, attended=True)
        elif action == "no_show":
            services.mark_attendance(actor=request.user, registration=registration, attended=False)
        elif action == "complete":
            entry = services.complete_event_participant(
                actor=request.user,
                registration=registration,
                certificate=request.FILES.get("certificate"),
            )
            messages.success(request, f"{registration.employee.name}: {entry.jp} JP dicatat.")
        else:
            raise Http404
    except (services.ConflictError, ValidationError, UploadError) as exc:
        _fail(request, exc)
    return redirect("development:event", pk=registration.event_id)


@login_required
def rules(request):
    """The JP conversion rules in force: shipped defaults (not law) and BKPSDM's overrides."""
    require(permissions.is_development_admin(request.user), "Aturan konversi dikelola BKPSDM.")
    if request.method == "POST":
        if request.POST.get("reset") in {f.value for f in ActivityForm}:
            services.reset_conversion_rule(actor=request.user, form=request.POST["reset"])
            messages.success(request, "Aturan dikembalikan ke bawaan.")
            return redirect("development:rules")
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                services.save_conversion_rule(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Aturan konversi disimpan.")
            return redirect("development:rules")
        messages.error(request, "Isian aturan tidak sah.")
    overrides = {s.form: s for s in ConversionRuleSetting.objects.all()}
    rows = []
    for form_value, default in DEFAULT_RULES.items():
        setting = overrides.get(form_value.value)
        rule = setting.to_rule() if setting else default
        initial = {
            "form": form_value.value,
            "basis": rule.basis.value,
            "jp_national": rule.jp_national,
            "jp_international": rule.jp_international,
            "cap_per_day": rule.cap_per_day,
            "cap_per_day_international": rule.cap_per_day_international,
            "cap_per_month": rule.cap_per_month,
            "international_uplift_pct": rule.international_uplift_pct,
            "minutes_per_jp": setting.minutes_per_jp if setting else 45,
            "note": rule.note,
        }
        rows.append(
            {
                "form": form_value,
                "rule": rule,
                "overridden": setting is not None,
                "edit": RuleForm(initial=initial, auto_id=f"id_{form_value.value}_%s"),
            }
        )
    return render(request, "development/rules.html", {"rows": rows})


ATTAINMENT_PAGE_SIZE = 50


def _attainment_agency(request) -> tuple[int | None, str] | None:
    """The agency whose PNS below 20 JP are listed (`pd`: its id, "0" for units without one);
    None when none is chosen, 404 when the user may not see it."""
    value = request.GET.get("pd", "")
    if not value.isdigit():
        return None
    if int(value) == 0:
        return None, selectors.NO_AGENCY
    agency = get_visible_or_404(
        OrgUnit.objects.visible_to(request.user).only("id", "name"),
        pk=int(value),
        agency_id=int(value),
    )
    return agency.pk, agency.name


@login_required
def attainment(request):
    """JP attainment per agency from one grouped query; the PNS below 20 JP of a chosen agency
    50 per page with a name/NIP search (htmx requests get only that part). The Excel export
    still holds every employee."""
    _require_admin(request)
    year = _year(request)
    query = (request.GET.get("q") or "").strip()[:100]
    selected = _attainment_agency(request)
    below = None
    if selected is not None:
        below = paginate(
            request,
            selectors.below_target_employees(
                request.user, year, agency_id=selected[0], query=query
            ),
            per_page=ATTAINMENT_PAGE_SIZE,
        )
    context = {
        "year": year,
        "query": query,
        "selected": selected,
        "below": below,
        "agency_key": request.GET.get("pd", ""),
        "list_query": urlencode(
            {"tahun": year, "pd": request.GET.get("pd", "")} | ({"q": query} if query else {})
        ),
    }
    if selected is not None and request.htmx and not request.htmx.history_restore_request:
        template = (
            "development/_below_target_list.html"
            if request.htmx.target == "di-bawah-daftar"
            else "development/_below_target.html"
        )
        return render(request, template, context)
    rows = selectors.agency_attainment(request.user, year)
    context |= {"rows": rows, "chart": selectors.attainment_chart_svg(rows)}
    return render(request, "development/attainment.html", context)


@login_required
def needs_analysis(request):
    """The regency's training-needs analysis: needs by competency × agency."""
    _require_admin(request)
    year = _year(request)
    analysis = selectors.needs_analysis(request.user, year)
    return render(
        request,
        "development/needs_analysis.html",
        {
            "analysis": analysis,
            "year": year,
            "table": [(c, analysis.row(c), analysis.totals[c]) for c in analysis.competencies],
            "chart": selectors.needs_chart_svg(analysis) if analysis.competencies else "",
            "plans": selectors.plan_consolidation(request.user, year),
        },
    )


@login_required
def export_jp(request):
    """Excel: JP per visible employee for a year."""
    from openpyxl import Workbook

    year = _year(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"JP {year}"
    sheet.append(
        [
            "NIP",
            "Nama",
            "Status",
            "Perangkat Daerah",
            "Unit",
            "Jabatan",
            "JP",
            "Target",
            "Keterangan",
        ]
    )
    from .domain import jp_target

    for e in selectors.jp_export_rows(request.user, year).iterator(chunk_size=1000):
        progress = selectors.employee_progress(e, e.jp_total)
        target = jp_target(e.status)
        sheet.append(
            [
                e.nip,
                e.full_name,
                e.get_status_display(),
                e.unit.agency.name if e.unit and e.unit.agency else "",
                e.unit.name if e.unit else "",
                e.position.name if e.position else "",
                float(e.jp_total),
                float(target.minimum or target.cap or 0),
                "Di bawah 20 JP" if progress.below_target else "",
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="jp-pegawai-{year}.xlsx"'
    return response
