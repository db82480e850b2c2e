"""Official evaluation documents (PDF), their public verification, and signing the penetapan."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404, require
from kinerja.organisations.models import OrgUnit

from . import documents
from .errors import StateError
from .models import Evaluation, PredicateDetermination
from .selectors.calibration import can_view_calibration
from .services.determination import can_sign_determination, sign_predicate_determination


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evaluation_pdf(request, evaluation_id: int):
    """The periodic or annual evaluation document of one employee (whoever may see it)."""
    evaluation = get_visible_or_404(
        Evaluation.objects.visible_to(request.user).select_related("skp__employee", "period"),
        pk=evaluation_id,
    )
    pdf, _ = documents.evaluation_pdf(
        actor=request.user, evaluation=evaluation, absolute=request.build_absolute_uri
    )
    period = evaluation.period
    name = "Evaluasi-Tahunan" if period.is_annual else f"Evaluasi-{period.kind}-{period.number}"
    return _pdf(pdf, f"{name}-{period.year}-{evaluation.skp.employee.nip}.pdf")


@login_required
def determination_pdf(request, determination_id: int):
    """The signed penetapan predikat kinerja of a perangkat daerah."""
    determination = get_visible_or_404(
        PredicateDetermination.objects.visible_to(request.user).select_related("agency"),
        pk=determination_id,
    )
    require(
        can_view_calibration(request.user, determination.agency),
        "Anda tidak berwenang mengunduh penetapan predikat perangkat daerah ini.",
    )
    pdf, _ = documents.determination_pdf(
        actor=request.user, determination=determination, absolute=request.build_absolute_uri
    )
    return _pdf(pdf, f"Penetapan-Predikat-{determination.year}-{determination.agency_id}.pdf")


def verify(request, code: str):
    """Public: was this evaluation document issued, and does it still match the stored data?"""
    found = documents.verify(code)
    doc_date = None
    if found is not None:
        try:
            doc_date = dt.date.fromisoformat(str(found.issued.statement.get("date", "")))
        except ValueError:
            doc_date = None
    return render(
        request,
        "evaluation/documents/verify.html",
        {"found": found, "doc_date": doc_date},
        status=200 if found else 404,
    )


@login_required
@require_POST
def sign_determination(request):
    """The agency head signs the penetapan predikat kinerja from the calibration page."""
    agency = get_visible_or_404(
        OrgUnit.objects.visible_to(request.user), pk=_int(request.POST.get("unit"))
    )
    year = _int(request.POST.get("tahun"))
    back = f"/evaluasi/kalibrasi/?unit={agency.pk}&tahun={year}"
    require(
        can_sign_determination(request.user, agency),
        "Penetapan predikat kinerja ditandatangani oleh kepala perangkat daerah (atau Plt/Plh-nya).",
    )
    if not 2000 <= year <= 2100:
        messages.error(request, "Tahun penetapan tidak sah.")
        return redirect(f"/evaluasi/kalibrasi/?unit={agency.pk}")
    explanations = {
        key.removeprefix("penjelasan:"): value
        for key, value in request.POST.items()
        if key.startswith("penjelasan:")
    }
    try:
        sign_predicate_determination(
            actor=request.user, agency=agency, year=year, explanations=explanations
        )
    except StateError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "Penetapan predikat kinerja ditandatangani; dokumennya dapat diunduh."
        )
    return redirect(back)


def _int(value) -> int:
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2_147_483_647 else 0
