"""Pages of the exchange app (thin: reads from selectors, writes through services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts.imports.reader import ImportFileError
from kinerja.core.http import get_visible_or_404, require
from kinerja.core.pagination import paginate
from kinerja.organisations.access import access_for

from . import selectors, services
from .domain.mapping import FILES
from .forms import ExportForm, ReferenceUploadForm
from .models import ExportKind, ImportState

EXPORT_DENIED = "Ekspor data nasional hanya untuk admin BKPSDM dan pengelola kinerja OPD."
IMPORT_DENIED = "Impor data referensi SIASN hanya untuk admin BKPSDM."


def _mappings() -> list[tuple[str, tuple]]:
    return [(label, FILES[value]) for value, label in ExportKind.choices]


def _index(request, form: ExportForm, status: int = 200):
    return render(
        request,
        "exchange/index.html",
        {
            "form": form,
            "mappings": _mappings(),
            "logs": selectors.export_logs(request.user)[:10],
            "can_import": services.can_import(request.user),
        },
        status=status,
    )


@login_required
def index(request):
    """Export files for SIASN and e-Kinerja BKN, their mapping and the latest exports."""
    require(selectors.can_export(request.user), EXPORT_DENIED)
    return _index(request, ExportForm(user=request.user))


@login_required
@require_POST
def export(request):
    """Build, log and download one export file."""
    require(selectors.can_export(request.user), EXPORT_DENIED)
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        return _index(request, form, status=422)
    made = services.export_file(
        actor=request.user,
        kind=form.cleaned_data["kind"],
        file_format=form.cleaned_data["file_format"],
        filters=form.filters(),
    )
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response["X-Content-SHA256"] = made.log.sha256
    return response


@login_required
def export_log(request):
    """Every export (page and API) with its filters, rows and SHA-256."""
    access = access_for(request.user)
    require(selectors.can_export(request.user) or access.is_auditor, EXPORT_DENIED)
    page = paginate(request, selectors.export_logs(request.user), per_page=50)
    return render(request, "exchange/log.html", {"page": page})


@login_required
def imports(request):
    """Upload a SIASN reference file; the list of earlier uploads and their decisions."""
    require(services.can_import(request.user), IMPORT_DENIED)
    form = ReferenceUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                imp = services.stage_import(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    data=upload.read(),
                    name=upload.name or "",
                )
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("exchange:import_detail", pk=imp.pk)
        status = 422
    page = paginate(request, selectors.reference_imports(request.user), per_page=20)
    return render(request, "exchange/imports.html", {"form": form, "page": page}, status=status)


def _get_import(request, pk: int):
    require(services.can_import(request.user), IMPORT_DENIED)
    return get_visible_or_404(selectors.reference_imports(request.user), pk=pk)


@login_required
def import_detail(request, pk: int):
    """The per-row report, or the differences to accept in whole or per row."""
    imp = _get_import(request, pk)
    counts = {"new": 0, "changed": 0, "missing": 0, "superior": 0}
    for change in imp.changes:
        counts[change["action"]] += 1
    return render(
        request,
        "exchange/import_detail.html",
        {"imp": imp, "counts": counts, "open": imp.state == ImportState.PREVIEW},
    )


def _ids(values: list[str]) -> set[int]:
    return {int(v) for v in values if v.isdigit()}


@login_required
@require_POST
def import_apply(request, pk: int):
    imp = _get_import(request, pk)
    accept_all = request.POST.get("mode") == "all"
    try:
        applied = services.apply_import(
            actor=request.user,
            imp=imp,
            change_ids=None if accept_all else _ids(request.POST.getlist("change")),
            superior_ids=_ids(request.POST.getlist("superior")),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"{len(applied)} perubahan diterapkan dan dicatat di jejak audit."
        )
    return redirect("exchange:import_detail", pk=imp.pk)


@login_required
@require_POST
def import_discard(request, pk: int):
    imp = _get_import(request, pk)
    try:
        services.discard_import(actor=request.user, imp=imp)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(request, "Impor dibatalkan; tidak ada data yang berubah.")
    return redirect("exchange:import_detail", pk=imp.pk)
