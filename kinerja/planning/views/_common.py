"""What the SKP pages share: the lookups that 404 on what the user may not see, the SKP page's
context, the answers to a stale or invalid edit; and the year the organisational pages show."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from kinerja.core import clock
from kinerja.core.http import get_visible_or_404, require

from .. import permissions, selectors
from ..domain.behaviour import BERAKHLAK
from ..domain.forms import ATTACHMENT_LABELS, AttachmentKind
from ..domain.workflow import SkpStatus, allowed_actions
from ..forms import AttachmentForm, ExpectationsForm, IndicatorForm, ReasonForm, RhkForm
from ..models import Indicator, Rhk, Skp

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


def _detail_context(request, skp: Skp, **extra) -> dict:
    user = request.user
    role = permissions.role_of(user, skp)
    rows = selectors.rhk_rows(skp)
    problems = []
    if permissions.can_edit_skp(user, skp):
        from ..domain.forms import FormType
        from ..domain.rules import submission_problems

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
        from ..guided import examples_for, previous_skp

        context["examples"] = examples_for(skp)
        context["previous_skp"] = previous_skp(skp)
    context.update(extra)
    return context


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


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun") or request.POST.get("tahun") or clock.today().year)
    except ValueError:
        year = clock.today().year
    return year if 2000 <= year <= 2100 else clock.today().year


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)
