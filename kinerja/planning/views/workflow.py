"""The approval workflow from the pages: one step on an SKP, and the assessor's review queue
with bulk approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.http import require

from .. import permissions, selectors, services
from ..domain.workflow import SkpAction, TransitionError
from ..forms import ReasonForm
from ._common import _skp_or_404

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
