"""Agency and regency pages: JP attainment, the training-needs analysis, the JP export."""

from __future__ import annotations

from io import BytesIO
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core.http import get_visible_or_404
from kinerja.core.pagination import paginate
from kinerja.organisations.models import OrgUnit

from .. import selectors
from ._common import _require_admin, _year

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
    from ..domain import jp_target

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
