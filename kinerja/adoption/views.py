"""Pages of the adoption app (thin: reads from selectors, draws with presentation)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from kinerja.core import clock
from kinerja.core.http import require
from kinerja.core.pagination import paginate

from . import presentation, selectors

NOT_ALLOWED = selectors.NOT_ALLOWED


def _year(request) -> int:
    value = request.GET.get("tahun", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return clock.today().year


def _scope(request) -> tuple[list[int] | None, int | None]:
    """The agencies the user may see, narrowed by ?instansi= (an unknown one answers 404)."""
    require(selectors.can_view_adoption(request.user), NOT_ALLOWED)
    ids = selectors.scoped_agency_ids(request.user)
    value = request.GET.get("instansi", "")
    if not value:
        return ids, None
    if not value.isdigit() or (ids is not None and int(value) not in ids):
        raise Http404("Perangkat daerah tidak ditemukan.")
    return [int(value)], int(value)


def _figures(request, year: int):
    ids, selected = _scope(request)
    reads = selectors.read_counts(year=year, agency_ids=ids)
    figures = list(selectors.agency_adoption(year=year, agency_ids=ids, reads=reads).values())
    if selected is not None and not figures:
        raise Http404("Perangkat daerah tidak ditemukan.")
    whole = selected is None and ids is None
    label = selectors.REGENCY_LABEL if whole else "Jumlah"
    if len(figures) == 1:
        label = figures[0].agency_name
    total = selectors.regency_totals(figures, label=label)
    return ids, selected, figures, total, reads


@login_required
def overview(request):
    """Adoption per agency and for the regency, the trend, read rates, and whom to call."""
    year = _year(request)
    ids, selected, figures, total, reads = _figures(request, year)
    trend = selectors.weekly_trend(agency_ids=ids, current=total)
    rates = selectors.announcement_rates(year=year, agency_ids=ids, reads=reads)
    names = {f.agency_id: f.agency_name for f in figures}
    rate_rows = [
        (
            rate,
            [
                (names[agency_id], delivered, read, presentation.percent(read / delivered))
                for agency_id, (delivered, read) in sorted(
                    rate.by_agency.items(), key=lambda item: names.get(item[0], "")
                )
                if agency_id in names and delivered
            ],
        )
        for rate in rates
    ]
    return render(
        request,
        "adoption/overview.html",
        {
            "year": year,
            "figures": figures,
            "total": total,
            "is_regency": selected is None and (ids is None or len(figures) > 1),
            "selected": selected,
            "agencies": list(selectors.visible_agencies(request.user).values_list("pk", "name")),
            "period": selectors.current_period(year),
            "trend": trend,
            "rate_rows": rate_rows,
            "agencies_chart": presentation.agencies_chart_svg(figures) if len(figures) > 1 else "",
            "trend_chart": presentation.trend_chart_svg(trend),
            "kinds": selectors.PEOPLE_KINDS,
        },
    )


@login_required
def people(request, kind: str):
    """The names behind one figure, with a WhatsApp-ready reminder for each person."""
    if kind not in selectors.PEOPLE_KINDS:
        raise Http404("Data tidak ditemukan.")
    year = _year(request)
    ids, selected = _scope(request)
    period = selectors.current_period(year)
    page = paginate(
        request, selectors.people_behind(kind=kind, year=year, agency_ids=ids), per_page=100
    )
    rows = []
    for employee in page.object_list:
        text = presentation.reminder_text(kind, employee, year=year, period=period)
        rows.append(
            {
                "employee": employee,
                "text": text,
                "whatsapp": presentation.whatsapp_url(text, employee.phone),
                "has_number": bool(presentation.whatsapp_number(employee.phone)),
            }
        )
    return render(
        request,
        "adoption/people.html",
        {
            "year": year,
            "kind": kind,
            "title": selectors.PEOPLE_KINDS[kind],
            "page": page,
            "rows": rows,
            "selected": selected,
            "agencies": list(selectors.visible_agencies(request.user).values_list("pk", "name")),
            "period": period,
        },
    )


@login_required
def export(request):
    """Excel: the figures of the page (per agency and total, weekly trend, read rates)."""
    year = _year(request)
    ids, selected, figures, total, reads = _figures(request, year)
    content = presentation.workbook_bytes(
        year=year,
        figures=figures,
        total=total,
        trend=selectors.weekly_trend(agency_ids=ids, current=total),
        rates=selectors.announcement_rates(year=year, agency_ids=ids, reads=reads),
        period=selectors.current_period(year),
        generated=clock.now(),
    )
    response = HttpResponse(content, content_type=presentation.XLSX)
    suffix = f"-{selected}" if selected else ""
    response["Content-Disposition"] = f'attachment; filename="adopsi-{year}{suffix}.xlsx"'
    return response
