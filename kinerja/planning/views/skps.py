"""SKP pages: my SKP (opening one), the SKP with its RHK and history, its PDF and the public
check of a printout, and copying last year's SKP into a draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require

from .. import guided, selectors, services
from ..domain.workflow import TransitionError
from ..forms import CreateSkpForm
from ..models import Skp
from ._common import _detail_context, _errors_to_form, _skp_or_404


def position_change(employee, skps, year: int) -> dict | None:
    """The open SKP of the year when the employee's position or unit has changed since it was
    made (a new SKP has to open for the rest of the year), with the suggested start date."""
    current = next((s for s in skps if s.year == year and not s.is_closed), None)
    if current is None:
        return None
    if current.position_id == employee.position_id and current.unit_id == employee.unit_id:
        return None
    from kinerja.organisations.models import Assignment

    today = clock.today()
    started = (
        Assignment.objects.on(today)
        .filter(employee=employee, position_id=employee.position_id)
        .order_by("-start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    start = started if started and started > current.period_start else today
    if start <= current.period_start or start.year != year:
        start = today
    return {"skp": current, "start": start}


@login_required
def my_skp(request):
    """The user's own SKPs; create this year's if there is none, or a new one for the rest of
    the year when the position changed (the old one closes)."""
    employee = request.user.employee
    if employee is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    year = clock.today().year
    form = CreateSkpForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            skp = services.create_skp(
                actor=request.user,
                employee=employee,
                year=form.cleaned_data["year"],
                approach=form.cleaned_data["approach"],
                period_start=form.cleaned_data.get("period_start"),
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "SKP dibuat. Tambahkan rencana hasil kerja Anda.")
            return redirect("planning:skp_detail", pk=skp.pk)
    skps = list(selectors.skps_of(request.user, employee_id=employee.pk))
    has_current = any(s.year == year and not s.is_closed for s in skps)
    return render(
        request,
        "planning/my_skp.html",
        {
            "skps": skps,
            "form": form,
            "year": year,
            "has_current": has_current,
            "moved": position_change(employee, skps, year),
            "employee": employee,
        },
    )


@login_required
def skp_detail(request, pk: int):
    skp = _skp_or_404(request.user, pk)
    return render(request, "planning/skp_detail.html", _detail_context(request, skp))


@login_required
def skp_pdf(request, pk: int):
    """The official SKP document (PDF) with its verification code and QR."""
    from django.http import HttpResponse

    from .. import documents

    skp = _skp_or_404(request.user, pk)
    document = documents.issue_document(actor=request.user, skp=skp)
    verify_url = request.build_absolute_uri(documents.verify_path(document))
    pdf = documents.render_pdf(skp=skp, document=document, verify_url=verify_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="SKP-{skp.year}-{skp.employee.nip}.pdf"'
    return response


def verify(request, code: str):
    """Public: is this printed SKP authentic, and is it still the current content?"""
    from ..documents import is_current
    from ..models import SkpDocument

    document = SkpDocument.objects.select_related("skp").filter(code=code.upper()[:32]).first()
    context = {"document": document, "current": bool(document) and is_current(document)}
    return render(request, "planning/verify.html", context, status=200 if document else 404)


@login_required
@require_POST
def copy_previous(request, pk: int):
    """Copy last year's RHKs and indicators into this draft."""
    skp = get_visible_or_404(Skp.objects.visible_to(request.user), pk=pk)
    require(
        skp.employee_id == request.user.employee_id, "Hanya pemilik SKP yang dapat mengubahnya."
    )
    try:
        version = int(request.POST.get("version", skp.version))
        copies = guided.copy_from_previous_year(
            actor=request.user, skp=skp, expected_version=version
        )
    except StaleObjectError:
        messages.error(request, "Rencana telah berubah sejak Anda membukanya; ulangi penyalinan.")
    except (ValidationError, TransitionError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    except ValueError:
        messages.error(request, "Permintaan tidak valid.")
    else:
        messages.success(
            request,
            f"{len(copies)} RHK dari SKP tahun lalu disalin. Kaitkan kembali setiap RHK Utama "
            "dengan RHK atasan tahun ini.",
        )
    return redirect("planning:skp_detail", pk=skp.pk)
