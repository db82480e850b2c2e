"""The performance dialogue (dialog kinerja): the user's pairs, one SKP's dialogues with the
providers' panels, recording a dialogue and closing its follow-up actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.http import get_visible_or_404, require
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.models import Skp

from .. import services
from ..forms import DialogueForm
from ..models import DialogueAction
from ..panels import dialogue_panels
from ..selectors.dialogue import dialogue_page, dialogue_pairs
from ._common import requested_year, run_service


@login_required
def dialogues(request):
    """The user's employee/assessor pairs of the year with their dialogues and open actions."""
    year = requested_year(request)
    return render(
        request,
        "evaluation/dialogues.html",
        {"year": year, "pairs": dialogue_pairs(request.user, year=year)},
    )


def _dialogue_owners(skp: Skp):
    return [e for e in (skp.employee, skp.assessor) if e is not None]


def _dialogue_response(request, skp_id: int, form=None, status: int = 200):
    try:
        page = dialogue_page(request.user, skp_id=skp_id)
    except Skp.DoesNotExist as exc:
        raise Http404("Data tidak ditemukan.") from exc
    skp = page.skp
    form = form or DialogueForm(owners=_dialogue_owners(skp), initial={"date": clock.today()})
    return render(
        request,
        "evaluation/dialogue.html",
        {
            "page": page,
            "form": form,
            "panels": _rendered_panels(request, skp),
            "today": clock.today(),
        },
        status=status,
    )


def _rendered_panels(request, skp: Skp) -> list[tuple[str, str]]:
    """Each provider's panel as (title, html): its template rendered with its own context keys
    at the top level (what `{% include panel.template with ...panel.context %}` would mean)."""
    return [
        (panel.title, render_to_string(panel.template, dict(panel.context), request=request))
        for panel in dialogue_panels(employee=skp.employee, viewer=request.user)
    ]


@login_required
def dialogue(request, skp_id: int):
    return _dialogue_response(request, skp_id)


@login_required
@require_POST
def dialogue_add(request, skp_id: int):
    skp = get_visible_or_404(
        Skp.objects.visible_to(request.user).select_related("employee", "assessor", "unit"),
        pk=skp_id,
    )
    require(
        planning_permissions.is_owner(request.user, skp)
        or planning_permissions.is_assessor_of(request.user, skp),
        "Hanya pegawai dan pejabat penilainya yang mencatat dialog kinerja.",
    )
    form = DialogueForm(request.POST, owners=_dialogue_owners(skp))
    if not form.is_valid():
        messages.error(request, "Periksa kembali isian dialog kinerja.")
        return _dialogue_response(request, skp_id, form=form, status=422)
    data = form.cleaned_data
    ok = run_service(
        request,
        lambda: services.record_dialogue(
            actor=request.user,
            skp=skp,
            date=data["date"],
            notes=data["notes"],
            actions=[services.NewAction(text, owner, due) for text, owner, due in data["actions"]],
        ),
        "Dialog kinerja dicatat.",
    )
    if not ok:
        return _dialogue_response(request, skp_id, form=form, status=422)
    return redirect("evaluation:dialogue", skp_id)


@login_required
@require_POST
def action_done(request, action_id: int):
    action = get_visible_or_404(
        DialogueAction.objects.filter(
            dialogue__skp__in=Skp.objects.visible_to(request.user).values("pk")
        ).select_related("dialogue__skp"),
        pk=action_id,
    )
    skp = action.dialogue.skp
    require(
        planning_permissions.is_owner(request.user, skp)
        or planning_permissions.is_assessor_of(request.user, skp),
        "Hanya pegawai dan pejabat penilainya yang dapat menutup tindak lanjut.",
    )
    run_service(
        request,
        lambda: services.complete_action(actor=request.user, action=action),
        "Tindak lanjut ditandai selesai.",
    )
    return redirect("evaluation:dialogue", skp.pk)
