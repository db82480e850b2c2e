"""Pengembangan Tim: the assessor's team JP, needs to confirm, plans to agree, reports to verify."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404
from kinerja.organisations.models import Employee

from .. import selectors, services
from ..forms import (
    NeedForm,
    NoteForm,
)
from ..models import (
    DevelopmentNeed,
    ExternalActivityReport,
    NeedStatus,
)
from ._common import _back, _fail, _year

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

    from ..team import team as team_members

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
