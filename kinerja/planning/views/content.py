"""Editing a draft or returned SKP from its page: RHKs, indicators, lampiran (owner only, with
the version the page showed; a stale one re-renders the SKP as it is now, 409), and the
assessor's behaviour expectations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require

from .. import permissions, services
from ..domain.behaviour import BERAKHLAK
from ..domain.workflow import TransitionError
from ..forms import AttachmentForm, ExpectationsForm, IndicatorForm, RhkForm
from ..models import Skp, SkpAttachment
from ._common import (
    _errors_to_form,
    _indicator_or_404,
    _invalid,
    _require_owner,
    _rhk_or_404,
    _skp_or_404,
    _stale,
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
