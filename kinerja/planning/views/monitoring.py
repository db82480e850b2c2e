"""SKP monitoring per unit: status counts per sub-unit, the names paged and filtered, and
reminders to those who are late."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.http import require
from kinerja.core.pagination import paginate
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from .. import monitoring
from ..domain.orgplan import MONITORING_LABELS
from ._common import _year


def _monitored_unit(request) -> OrgUnit:
    """The unit asked for (or the user's own scope), 404 when it is outside the user's scope."""
    access = access_for(request.user)
    raw = request.GET.get("unit") or request.POST.get("unit")
    if raw:
        try:
            unit = OrgUnit.objects.get(pk=int(raw), is_active=True)
        except (ValueError, OrgUnit.DoesNotExist) as exc:
            raise Http404("Unit tidak ditemukan.") from exc
    else:
        paths = access.admin_unit_paths or access.headed_unit_paths
        unit = (
            OrgUnit.objects.filter(path=paths[0]).first()
            if paths
            else OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
        )
        if unit is None:
            raise Http404("Unit tidak ditemukan.")
    if not monitoring.can_monitor(request.user, unit):
        raise Http404("Unit tidak ditemukan.")
    return unit


@login_required
def monitoring_page(request):
    """Per unit: status counts per sub-unit (drill down by choosing one), and the names paged,
    filtered by status and searched by name or NIP."""
    unit = _monitored_unit(request)
    year = _year(request)
    report = monitoring.monitoring(unit=unit, year=year)
    status = request.GET.get("status", "")
    if status not in (*monitoring.STATUS_VALUES, "late"):
        status = ""
    search = request.GET.get("q", "")[:100]
    page = paginate(
        request, monitoring.monitoring_rows(unit=unit, year=year, status=status, search=search)
    )
    # The unit picker lists the perangkat daerah, the user's own scope and the way up from the
    # current unit; the units below are reached through the per-unit summary (drill-down).
    access = access_for(request.user)
    shortlist = OrgUnit.objects.filter(
        Q(agency_id=F("id"))
        | Q(path__in=[*access.admin_unit_paths, *access.headed_unit_paths])
        | Q(pk__in=unit.ancestor_ids())
    )
    units = list(
        access.filter_units(shortlist.filter(is_active=True))
        .only("pk", "name", "path")
        .order_by("path")
        .distinct()
    )
    ancestors = set(unit.ancestor_ids()) - {unit.pk}
    trail = [u for u in units if u.pk in ancestors]
    return render(
        request,
        "planning/monitoring.html",
        {
            "report": report,
            "year": year,
            "page": page,
            "rows": monitoring.rows_for(page.object_list, year=year),
            "status": status,
            "search": search,
            "status_choices": [*MONITORING_LABELS.items()],
            "units": units,
            "trail": trail,
            "can_remind": monitoring.can_remind(request.user, unit),
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def monitoring_remind(request):
    unit = _monitored_unit(request)
    year = _year(request)
    require(monitoring.can_remind(request.user, unit), "Anda tidak berwenang mengirim pengingat.")
    sent = monitoring.send_skp_reminders(actor=request.user, unit=unit, year=year)
    if sent:
        messages.success(request, f"Pengingat dikirim kepada {sent} pegawai.")
    else:
        messages.info(request, "Tidak ada pengingat baru yang perlu dikirim hari ini.")
    return redirect(f"{redirect('planning:monitoring').url}?unit={unit.pk}&tahun={year}")
