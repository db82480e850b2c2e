"""SKP pages: my SKP, the SKP with its RHK and history, the assessor's review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require
from kinerja.organisations.models import Employee
from kinerja.organisations.selectors import current_assessor_map

from . import permissions, selectors, services
from .domain.behaviour import BERAKHLAK
from .domain.forms import ATTACHMENT_LABELS, AttachmentKind
from .domain.workflow import SkpAction, SkpStatus, TransitionError, allowed_actions
from .forms import (
    AttachmentForm,
    CreateSkpForm,
    DistributeForm,
    ExpectationsForm,
    IndicatorForm,
    ReasonForm,
    RhkForm,
)
from .models import Indicator, Rhk, Skp, SkpAttachment

STALE_MESSAGE = (
    "Rencana telah berubah sejak Anda membukanya (mungkin di tab atau perangkat lain). "
    "Isi terbaru ditampilkan di bawah; perubahan Anda belum disimpan — periksa lalu ulangi."
)


def _skp_or_404(user, pk: int) -> Skp:
    try:
        return selectors.skp_detail(user, pk)
    except Skp.DoesNotExist as exc:
        raise Http404("SKP tidak ditemukan.") from exc


def _rhk_or_404(user, pk: int) -> Rhk:
    return get_visible_or_404(
        Rhk.objects.filter(skp__in=Skp.objects.visible_to(user)).select_related("skp"), pk=pk
    )


def _indicator_or_404(user, pk: int) -> Indicator:
    return get_visible_or_404(
        Indicator.objects.filter(rhk__skp__in=Skp.objects.visible_to(user)).select_related(
            "rhk", "rhk__skp"
        ),
        pk=pk,
    )


def _require_owner(request, skp: Skp) -> None:
    """403 unless the user owns the SKP (only the owner edits its content)."""
    require(permissions.is_owner(request.user, skp), "Hanya pemilik SKP yang dapat mengubahnya.")


def _errors_to_form(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


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


def _detail_context(request, skp: Skp, **extra) -> dict:
    user = request.user
    role = permissions.role_of(user, skp)
    rows = selectors.rhk_rows(skp)
    problems = []
    if permissions.can_edit_skp(user, skp):
        from .domain.forms import FormType
        from .domain.rules import submission_problems

        problems = submission_problems(rows, form_type=FormType(skp.form_type))
    expectations = {e.value_code: e.text for e in skp.expectations.all()}
    attachments = {kind: [] for kind in AttachmentKind}
    for item in skp.attachments.all():
        attachments[AttachmentKind(item.kind)].append(item)
    can_edit = permissions.can_edit_skp(user, skp)
    context = {
        "skp": skp,
        "rhks": list(skp.rhks.all()),
        "role": role,
        "can_edit": can_edit,
        "actions": allowed_actions(SkpStatus(skp.status), actor_role=role) if role else [],
        "problems": problems,
        "values": [(v, expectations.get(v.code, "")) for v in BERAKHLAK],
        "attachments": [(ATTACHMENT_LABELS[k], items) for k, items in attachments.items()],
        "versions": list(skp.versions.all()),
        "rhk_form": RhkForm(skp=skp, initial={"version": skp.version}) if can_edit else None,
        "indicator_form": IndicatorForm(skp=skp, initial={"version": skp.version})
        if can_edit
        else None,
        "attachment_form": AttachmentForm(initial={"version": skp.version}) if can_edit else None,
        "reason_form": ReasonForm(),
        "expectations_form": ExpectationsForm(initial_texts=expectations)
        if permissions.can_set_expectations(user, skp)
        else None,
    }
    if can_edit:
        from .guided import examples_for, previous_skp

        context["examples"] = examples_for(skp)
        context["previous_skp"] = previous_skp(skp)
    context.update(extra)
    return context


@login_required
def skp_detail(request, pk: int):
    skp = _skp_or_404(request.user, pk)
    return render(request, "planning/skp_detail.html", _detail_context(request, skp))


def _stale(request, skp_pk: int, attempted: dict | None = None):
    """Re-render the SKP as it is now, saying that the plan changed and what the user tried."""
    skp = _skp_or_404(request.user, skp_pk)
    context = _detail_context(request, skp, stale=STALE_MESSAGE, attempted=attempted or {})
    return render(request, "planning/skp_detail.html", context, status=409)


def _invalid(request, skp_pk: int, **forms_with_errors):
    skp = _skp_or_404(request.user, skp_pk)
    return render(
        request,
        "planning/skp_detail.html",
        _detail_context(request, skp, **forms_with_errors),
        status=422,
    )


def _add_content(request, skp_pk: int, form, attempted: dict, add, **form_context):
    """Run an add from the SKP page: a stale version shows the SKP as it is now (409), invalid
    content shows the form with its errors (422), a status that allows no edit a message."""
    try:
        add()
    except StaleObjectError:
        return _stale(request, skp_pk, attempted)
    except ValidationError as exc:
        _errors_to_form(form, exc)
        return _invalid(request, skp_pk, **form_context)
    except TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("planning:skp_detail", pk=skp_pk)


def _save_edit(request, skp_pk: int, form, attempted: dict, save, done: str):
    """Run a save from an edit page; None when the form is to be shown again with its errors."""
    try:
        save()
    except StaleObjectError:
        return _stale(request, skp_pk, attempted)
    except ValidationError as exc:
        _errors_to_form(form, exc)
        return None
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("planning:skp_detail", pk=skp_pk)


def _delete_content(request, skp_pk: int, attempted: dict, delete):
    """Run a delete with the SKP version the page was showing (a stale one gives 409)."""
    try:
        delete(int(request.POST.get("version", 0)))
    except StaleObjectError:
        return _stale(request, skp_pk, attempted)
    except TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("planning:skp_detail", pk=skp_pk)


def _content_form(request, form, skp: Skp, title: str, heading: str):
    """The edit page of one RHK or indicator of the SKP."""
    context = {"form": form, "skp": skp, "title": title, "heading": heading}
    return render(request, "planning/skp_content_form.html", context)


def _rhk_kwargs(data) -> dict:
    """The RHK form's content as the keyword arguments of `add_rhk`/`update_rhk`."""
    return {
        "group": data["group"],
        "text": data["text"],
        "parent": data.get("parent"),
        "agreement_target": data.get("agreement_target"),
        "cascading": data.get("cascading") or "",
        "perspective": data.get("perspective") or "",
    }


@login_required
@require_POST
def rhk_add(request, pk: int):
    skp = _skp_or_404(request.user, pk)
    _require_owner(request, skp)
    form = RhkForm(request.POST, skp=skp)
    if not form.is_valid():
        return _invalid(request, skp.pk, rhk_form=form)
    data = form.cleaned_data
    return _add_content(
        request,
        skp.pk,
        form,
        {"RHK baru": data["text"]},
        lambda: services.add_rhk(
            actor=request.user, skp=skp, expected_version=data["version"], **_rhk_kwargs(data)
        ),
        rhk_form=form,
    )


@login_required
def rhk_edit(request, pk: int):
    rhk = _rhk_or_404(request.user, pk)
    skp = rhk.skp
    _require_owner(request, skp)
    initial = {
        "version": skp.version,
        "group": rhk.group,
        "text": rhk.text,
        "parent": rhk.parent_id,
        "agreement_target": rhk.agreement_target_id,
        "cascading": rhk.cascading,
        "perspective": rhk.perspective,
    }
    form = RhkForm(request.POST or None, skp=skp, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _save_edit(
            request,
            skp.pk,
            form,
            {"RHK": data["text"]},
            lambda: services.update_rhk(
                actor=request.user, rhk=rhk, expected_version=data["version"], **_rhk_kwargs(data)
            ),
            "RHK disimpan.",
        )
        if response is not None:
            return response
    return _content_form(request, form, skp, "Ubah RHK", "Ubah rencana hasil kerja")


@login_required
@require_POST
def rhk_delete(request, pk: int):
    rhk = _rhk_or_404(request.user, pk)
    _require_owner(request, rhk.skp)
    return _delete_content(
        request,
        rhk.skp_id,
        {"Hapus RHK": rhk.text},
        lambda version: services.delete_rhk(actor=request.user, rhk=rhk, expected_version=version),
    )


def _indicator_kwargs(data) -> dict:
    """The indicator form's content as the keyword arguments of `add_/update_indicator`."""
    return {
        "text": data["text"],
        "aspect": data.get("aspect") or "",
        "target_min": data.get("target_min"),
        "target_max": data.get("target_max"),
        "target_unit": data.get("target_unit") or "",
        "target_text": data.get("target_text") or "",
    }


@login_required
@require_POST
def indicator_add(request, pk: int):
    rhk = _rhk_or_404(request.user, pk)
    _require_owner(request, rhk.skp)
    form = IndicatorForm(request.POST, skp=rhk.skp)
    if not form.is_valid():
        return _invalid(request, rhk.skp_id, indicator_form=form, indicator_rhk=rhk.pk)
    data = form.cleaned_data
    return _add_content(
        request,
        rhk.skp_id,
        form,
        {"Indikator baru": data["text"]},
        lambda: services.add_indicator(
            actor=request.user,
            rhk=rhk,
            expected_version=data["version"],
            **_indicator_kwargs(data),
        ),
        indicator_form=form,
        indicator_rhk=rhk.pk,
    )


@login_required
def indicator_edit(request, pk: int):
    indicator = _indicator_or_404(request.user, pk)
    skp = indicator.rhk.skp
    _require_owner(request, skp)
    initial = {
        "version": skp.version,
        "aspect": indicator.aspect,
        "text": indicator.text,
        "target_min": indicator.target_min,
        "target_max": indicator.target_max,
        "target_unit": indicator.target_unit,
        "target_text": indicator.target_text,
    }
    form = IndicatorForm(request.POST or None, skp=skp, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _save_edit(
            request,
            skp.pk,
            form,
            {"Indikator": data["text"]},
            lambda: services.update_indicator(
                actor=request.user,
                indicator=indicator,
                expected_version=data["version"],
                **_indicator_kwargs(data),
            ),
            "Indikator disimpan.",
        )
        if response is not None:
            return response
    return _content_form(request, form, skp, "Ubah indikator", "Ubah indikator kinerja individu")


@login_required
@require_POST
def indicator_delete(request, pk: int):
    indicator = _indicator_or_404(request.user, pk)
    skp = indicator.rhk.skp
    _require_owner(request, skp)
    return _delete_content(
        request,
        skp.pk,
        {"Hapus indikator": indicator.text},
        lambda version: services.delete_indicator(
            actor=request.user, indicator=indicator, expected_version=version
        ),
    )


@login_required
@require_POST
def attachment_add(request, pk: int):
    skp = _skp_or_404(request.user, pk)
    _require_owner(request, skp)
    form = AttachmentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, skp.pk, attachment_form=form)
    data = form.cleaned_data
    return _add_content(
        request,
        skp.pk,
        form,
        {"Lampiran baru": data["text"]},
        lambda: services.add_attachment(
            actor=request.user,
            skp=skp,
            expected_version=data["version"],
            kind=data["kind"],
            text=data["text"],
        ),
        attachment_form=form,
    )


@login_required
@require_POST
def attachment_delete(request, pk: int):
    item = get_visible_or_404(
        SkpAttachment.objects.filter(skp__in=Skp.objects.visible_to(request.user)), pk=pk
    )
    _require_owner(request, item.skp)
    return _delete_content(
        request,
        item.skp_id,
        {"Hapus lampiran": item.text},
        lambda version: services.delete_attachment(
            actor=request.user, item=item, expected_version=version
        ),
    )


@login_required
@require_POST
def expectations(request, pk: int):
    skp = _skp_or_404(request.user, pk)
    require(
        permissions.can_set_expectations(request.user, skp),
        "Hanya pejabat penilai yang menulis ekspektasi khusus pimpinan.",
    )
    form = ExpectationsForm(request.POST)
    if form.is_valid():
        current = {e.value_code: e.text for e in skp.expectations.all()}
        for value in BERAKHLAK:
            text = form.cleaned_data.get(value.code, "").strip()
            if text != current.get(value.code, ""):
                services.set_expectation(
                    actor=request.user, skp=skp, value_code=value.code, text=text
                )
        messages.success(request, "Ekspektasi khusus pimpinan disimpan.")
    return redirect("planning:skp_detail", pk=skp.pk)


ACTION_SERVICES = {
    SkpAction.SUBMIT: lambda user, skp, reason: services.submit_skp(actor=user, skp=skp),
    SkpAction.WITHDRAW: lambda user, skp, reason: services.withdraw_skp(actor=user, skp=skp),
    SkpAction.RETURN: lambda user, skp, reason: services.return_skp(
        actor=user, skp=skp, note=reason
    ),
    SkpAction.APPROVE: lambda user, skp, reason: services.approve_skp(actor=user, skp=skp),
    SkpAction.REQUEST_REVISION: lambda user, skp, reason: services.request_revision(
        actor=user, skp=skp, reason=reason
    ),
    SkpAction.APPROVE_REVISION: lambda user, skp, reason: services.approve_revision(
        actor=user, skp=skp, note=reason
    ),
    SkpAction.REJECT_REVISION: lambda user, skp, reason: services.reject_revision(
        actor=user, skp=skp, note=reason
    ),
}
DONE_MESSAGES = {
    SkpAction.SUBMIT: "SKP diajukan kepada pejabat penilai.",
    SkpAction.WITHDRAW: "Pengajuan SKP ditarik kembali.",
    SkpAction.RETURN: "SKP dikembalikan dengan catatan.",
    SkpAction.APPROVE: "SKP disetujui dan ditetapkan.",
    SkpAction.REQUEST_REVISION: "Permintaan revisi dikirim kepada pejabat penilai.",
    SkpAction.APPROVE_REVISION: "Permintaan revisi disetujui; SKP dapat diubah kembali.",
    SkpAction.REJECT_REVISION: "Permintaan revisi ditolak.",
}


@login_required
@require_POST
def skp_action(request, pk: int, action: str):
    """One workflow step; 403 for someone who may not act, the reason shown when refused."""
    skp = _skp_or_404(request.user, pk)
    try:
        step = SkpAction(action)
    except ValueError as exc:
        raise Http404("Tindakan tidak dikenal.") from exc
    require(
        permissions.role_of(request.user, skp) is not None,
        "Anda tidak berwenang melakukan tindakan ini pada SKP ini.",
    )
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        ACTION_SERVICES[step](request.user, skp, reason)
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, DONE_MESSAGES[step])
    return redirect("planning:skp_detail", pk=skp.pk)


@login_required
def review_queue(request):
    """Submitted SKPs of the assessor's team with quality flags; bulk approve the clean ones."""
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("skp") if i.isdigit()]
        items = {item.skp.pk: item for item in selectors.review_queue(request.user)}
        chosen = [items[i].skp for i in ids if i in items and items[i].flags.is_clean]
        done = services.approve_many(actor=request.user, skps=chosen)
        skipped = len(ids) - done
        messages.success(request, f"{done} SKP disetujui.")
        if skipped:
            messages.warning(
                request,
                f"{skipped} SKP dilewati karena masih memiliki catatan mutu atau telah berubah.",
            )
        return redirect("planning:review_queue")
    items = selectors.review_queue(request.user)
    return render(
        request,
        "planning/review_queue.html",
        {"items": items, "clean_count": sum(1 for i in items if i.flags.is_clean)},
    )


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


@login_required
def skp_pdf(request, pk: int):
    """The official SKP document (PDF) with its verification code and QR."""
    from django.http import HttpResponse

    from . import documents

    skp = _skp_or_404(request.user, pk)
    document = documents.issue_document(actor=request.user, skp=skp)
    verify_url = request.build_absolute_uri(documents.verify_path(document))
    pdf = documents.render_pdf(skp=skp, document=document, verify_url=verify_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="SKP-{skp.year}-{skp.employee.nip}.pdf"'
    return response


def verify(request, code: str):
    """Public: is this printed SKP authentic, and is it still the current content?"""
    from .documents import is_current
    from .models import SkpDocument

    document = SkpDocument.objects.select_related("skp").filter(code=code.upper()[:32]).first()
    context = {"document": document, "current": bool(document) and is_current(document)}
    return render(request, "planning/verify.html", context, status=200 if document else 404)
