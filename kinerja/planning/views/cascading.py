"""Cascading: handing an RHK to subordinates (matriks peran hasil) and the cascade tree from the
regent's goals down, opened a level at a time, with its coverage lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render

from kinerja.core.http import require
from kinerja.core.pagination import paginate
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.organisations.selectors import current_assessor_map

from .. import cascade as cascade_selectors
from .. import org_selectors, permissions, services
from ..forms import DistributeForm
from ..models import AgreementTarget, Rhk
from ._common import _rhk_or_404, _year


@login_required
def distribute(request, pk: int):
    """Matriks peran hasil: hand one of my RHKs to the subordinates I assess."""
    rhk = _rhk_or_404(request.user, pk)
    require(
        permissions.can_distribute_rhk(request.user, rhk),
        "Hanya pemilik RHK yang dapat membaginya kepada bawahan.",
    )
    me = request.user.employee_id
    candidates = list(
        Employee.objects.visible_to(request.user)
        .active()
        .filter(~Q(pk=me))
        .select_related("position")
        .order_by("name")
    )
    assessors = current_assessor_map([e.pk for e in candidates])
    subordinates = [e for e in candidates if assessors.get(e.pk) == me]
    form = DistributeForm(request.POST or None, subordinates=subordinates)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.distribute_rhk(
                actor=request.user, rhk=rhk, assignments=form.assignments()
            )
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    form.add_error(None, error)
        else:
            messages.success(request, f"RHK dibagikan kepada {len(created)} pegawai.")
            return redirect("planning:skp_detail", pk=rhk.skp_id)
    return render(request, "planning/distribute.html", {"form": form, "rhk": rhk})


def _agency_filter(request):
    raw = request.GET.get("unit")
    if not raw:
        return None
    try:
        return org_selectors.agencies().get(pk=int(raw))
    except (ValueError, OrgUnit.DoesNotExist) as exc:
        raise Http404("Unit tidak ditemukan.") from exc


def _cascade_query(year: int, agency) -> str:
    return f"tahun={year}" + (f"&unit={agency.pk}" if agency is not None else "")


@login_required
def cascade(request):
    """The top of the cascade tree (regent's goals and Perjanjian Kinerja with the number of RHKs
    under each) and the coverage counts; deeper levels open on demand (cascade_node)."""
    year = _year(request)
    agency = _agency_filter(request)
    report = cascade_selectors.overview(request.user, year=year, agency=agency)
    return render(
        request,
        "planning/cascade.html",
        {
            "report": report,
            "year": year,
            "agency": agency,
            "query": _cascade_query(year, agency),
            "agencies": org_selectors.agencies().only("pk", "name"),
        },
    )


@login_required
def cascade_node(request):
    """The RHKs right below one node of the cascade, 50 at a time: an htmx fragment when the
    node is opened in the tree, a page of its own without JavaScript."""
    year = _year(request)
    agency = _agency_filter(request)
    kind = request.GET.get("jenis", "")
    if kind not in cascade_selectors.NODE_KINDS:
        raise Http404("Simpul tidak ditemukan.")
    pk = None
    if kind != cascade_selectors.NODE_LOOSE:
        try:
            pk = int(request.GET.get("id", ""))
        except ValueError as exc:
            raise Http404("Simpul tidak ditemukan.") from exc
    try:
        children = cascade_selectors.node_children(
            request.user, kind=kind, pk=pk, year=year, agency=agency
        )
        title = (
            None
            if request.htmx
            else cascade_selectors.node_title(
                request.user, kind=kind, pk=pk, year=year, agency=agency
            )
        )
    except (Rhk.DoesNotExist, AgreementTarget.DoesNotExist) as exc:
        raise Http404("Simpul tidak ditemukan.") from exc
    page = paginate(request, children)
    context = {
        "page": page,
        "year": year,
        "agency": agency,
        "query": _cascade_query(year, agency),
        "kind": kind,
        "node_id": pk,
        "title": title,
    }
    if request.htmx:
        return render(request, "planning/_cascade_children.html", context)
    return render(request, "planning/cascade_node.html", context)


@login_required
def cascade_coverage(request):
    """One coverage list of the cascade (unsupported, unlinked, indicators without target),
    50 names a page."""
    year = _year(request)
    agency = _agency_filter(request)
    kind = request.GET.get("jenis", "")
    if kind not in cascade_selectors.COVERAGE_LABELS:
        raise Http404("Daftar tidak ditemukan.")
    page = paginate(
        request, cascade_selectors.coverage_list(request.user, kind=kind, year=year, agency=agency)
    )
    return render(
        request,
        "planning/cascade_coverage.html",
        {
            "page": page,
            "year": year,
            "agency": agency,
            "query": _cascade_query(year, agency),
            "kind": kind,
            "title": cascade_selectors.COVERAGE_LABELS[kind],
            "is_indicator": kind == cascade_selectors.COVER_NO_TARGET,
        },
    )
