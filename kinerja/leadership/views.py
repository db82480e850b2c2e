"""Pages of the leadership app: the team workspace, directions, field visits, follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404, require
from kinerja.core.uploads import UploadError
from kinerja.organisations.models import OrgUnit

from . import permissions, selectors, services
from .forms import CloseFollowUpForm, DirectionForm, FieldVisitForm
from .models import Direction, FieldVisit, FieldVisitPhoto, FollowUp


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
def workspace(request):
    """Ruang Pimpinan: the team, their state, what waits for me, what is late, escalations."""
    require(
        permissions.can_lead(request.user),
        "Ruang Pimpinan hanya untuk kepala unit dan pejabat penilai.",
    )
    unit_id = request.GET.get("unit", "")
    try:
        data = selectors.workspace_page(
            request.user,
            unit_id=int(unit_id) if unit_id.isdigit() else None,
            query=request.GET.get("q", ""),
            flag=request.GET.get("saring", ""),
            page=request.GET.get("page"),
            all_units=request.GET.get("semua_unit") == "1",
        )
    except OrgUnit.DoesNotExist as exc:
        raise Http404("Unit tidak ditemukan.") from exc
    form = DirectionForm(
        team=selectors.team_members(request.user),
        rhks=selectors.rhk_options(request.user),
        shown=selectors.direction_choices(
            request.user,
            # The whole team's size is already counted when nothing narrows the list.
            team_size=None if data.selected_unit or data.is_filtered else data.page.paginator.count,
        ),
    )
    directions = selectors.recent_directions(request.user)
    return render(
        request, "leadership/workspace.html", {"ws": data, "form": form, "directions": directions}
    )


def _appending(request) -> bool:
    """`pilihan=tambah`: options added to a list (field-visit form), not a list replaced (the
    direction form's single choice, which starts with its empty choice and picks the first)."""
    return request.GET.get("pilihan") == "tambah"


MAX_LISTED = 1000


def _listed(request) -> list[int]:
    """Ids already in the list being added to (`ada=1,2,3`, sent by the search box), so that a
    repeated search adds only what is not there yet; tokens that are not ids are ignored."""
    if not _appending(request):
        return []
    tokens = request.GET.get("ada", "").split(",")[:MAX_LISTED]
    return [int(t) for t in tokens if t.strip().isdigit()]


@login_required
def member_options(request):
    """htmx: <option>s of team members matching the search (direction and field-visit forms)."""
    require(permissions.can_lead(request.user), "Hanya untuk pimpinan.")
    query = request.GET.get("q", "").strip()[:100]
    members = selectors.search_team(request.user, query, exclude=_listed(request)) if query else []
    return render(
        request,
        "leadership/_member_options.html",
        {"members": members, "query": query, "append": _appending(request)},
    )


@login_required
def rhk_search(request):
    """htmx: <option>s of RHKs of the leader and their team matching the search."""
    require(permissions.can_lead(request.user), "Hanya untuk pimpinan.")
    query = request.GET.get("q", "").strip()[:100]
    rhks = selectors.search_rhks(request.user, query, exclude=_listed(request)) if query else []
    return render(
        request,
        "leadership/_rhk_options.html",
        {"rhks": rhks, "query": query, "append": _appending(request)},
    )


@login_required
@require_POST
def direction_add(request):
    require(permissions.can_lead(request.user), "Hanya pimpinan yang dapat memberi arahan.")
    form = DirectionForm(
        request.POST,
        team=selectors.team_members(request.user),
        rhks=selectors.rhk_options(request.user),
    )
    if form.is_valid():
        try:
            services.give_direction(
                actor=request.user,
                text=form.cleaned_data["text"],
                recipient=form.cleaned_data["recipient"],
                rhk=form.cleaned_data["rhk"],
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, "Arahan telah dikirim.")
    else:
        messages.error(request, "Arahan belum dapat dikirim: periksa isian.")
    return redirect("leadership:workspace")


@login_required
def my_directions(request):
    """Arahan Pimpinan: every direction the user received, with the acknowledge button."""
    acks = list(selectors.received_directions(request.user)[:100])
    return render(request, "leadership/my_directions.html", {"acks": acks})


@login_required
def pending_directions(request):
    """htmx fragment for the home page: directions waiting for the user's acknowledgement and
    the user's open field-visit follow-ups (overdue ones first and marked)."""
    acks = list(selectors.pending_directions(request.user)[:20])
    follow_ups = list(selectors.my_open_follow_ups(request.user)[:20])
    return render(
        request,
        "leadership/_pending_directions.html",
        {
            "acks": acks,
            "follow_ups": follow_ups,
            "overdue_count": sum(f.is_overdue for f in follow_ups),
        },
    )


@login_required
@require_POST
def direction_acknowledge(request, pk: int):
    direction = get_visible_or_404(Direction.objects.visible_to(request.user), pk=pk)
    require(
        direction.acks.filter(employee_id=request.user.employee_id).exists(),
        "Hanya penerima arahan yang dapat mengonfirmasinya.",
    )
    ack = services.acknowledge_direction(actor=request.user, direction=direction)
    if request.htmx:
        return render(request, "leadership/_ack_done.html", {"ack": ack})
    messages.success(request, "Arahan telah dikonfirmasi.")
    return redirect(request.POST.get("next") or "leadership:my_directions")


@login_required
def field_visits(request):
    visits = list(selectors.field_visits(request.user)[:200])
    return render(
        request,
        "leadership/field_visits.html",
        {"visits": visits, "can_lead": permissions.can_lead(request.user)},
    )


@login_required
def field_visit_add(request):
    require(
        permissions.can_lead(request.user), "Hanya pimpinan yang dapat mencatat kunjungan lapangan."
    )
    kwargs = {
        "team": selectors.team_members(request.user),
        "rhks": selectors.rhk_options(request.user),
        "kecamatans": selectors.kecamatan_options(),
        "shown": selectors.field_visit_choices(request.user),
    }
    form = FieldVisitForm(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = services.record_field_visit(
                actor=request.user,
                date=data["date"],
                place=data["place"],
                kecamatan=data["kecamatan"],
                facility=data["facility"],
                purpose=data["purpose"],
                findings=data["findings"],
                employees=list(data["employees"]),
                rhks=list(data["rhks"]),
                photos=data["photos"],
                follow_ups=[
                    services.FollowUpSpec(text=t, owner=o, due_date=d)
                    for t, o, d in form.follow_ups()
                ],
            )
        except UploadError as exc:
            form.add_error("photos", str(exc))
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, "Kunjungan lapangan telah dicatat.")
            return redirect("leadership:field_visit", pk=visit.pk)
    return render(request, "leadership/field_visit_form.html", {"form": form})


@login_required
def field_visit(request, pk: int):
    try:
        visit = selectors.field_visit_detail(request.user, pk)
    except FieldVisit.DoesNotExist as exc:
        raise Http404 from exc
    follow_ups = [
        (f, permissions.can_close_follow_up(request.user, f)) for f in visit.follow_ups.all()
    ]
    return render(
        request,
        "leadership/field_visit_detail.html",
        {"visit": visit, "follow_ups": follow_ups, "close_form": CloseFollowUpForm()},
    )


@login_required
def field_visit_photo(request, pk: int):
    photo = get_visible_or_404(
        FieldVisitPhoto.objects.filter(visit__in=FieldVisit.objects.visible_to(request.user)), pk=pk
    )
    return FileResponse(photo.file.open("rb"), content_type=photo.mime_type, filename=photo.name)


@login_required
def my_follow_ups(request):
    items = list(selectors.my_follow_ups(request.user)[:200])
    return render(
        request,
        "leadership/my_follow_ups.html",
        {"items": items, "close_form": CloseFollowUpForm()},
    )


@login_required
@require_POST
def follow_up_close(request, pk: int):
    follow_up = get_visible_or_404(
        FollowUp.objects.visible_to(request.user).select_related("visit"), pk=pk
    )
    require(
        permissions.can_close_follow_up(request.user, follow_up),
        "Hanya penanggung jawab atau pimpinan yang dapat menutup tindak lanjut ini.",
    )
    form = CloseFollowUpForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.close_follow_up(actor=request.user, follow_up=follow_up, note=note)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, "Tindak lanjut ditandai selesai.")
    nxt = request.POST.get("next", "")
    if nxt == "visit":
        return redirect("leadership:field_visit", pk=follow_up.visit_id)
    return redirect("leadership:my_follow_ups")
