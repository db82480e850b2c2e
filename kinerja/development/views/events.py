"""Diklat & JP for BKPSDM and agency admins: the catalogue, training events and participants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.http import get_visible_or_404, require
from kinerja.core.uploads import UploadError
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from .. import permissions, selectors, services
from ..forms import (
    ActivityEditForm,
    EventEditForm,
)
from ..models import (
    Activity,
    EventStatus,
    Registration,
    RegistrationStatus,
    TrainingEvent,
)
from ._common import _fail, _require_admin, _year


@login_required
def admin(request):
    """Diklat & JP: events the user organises and the catalogue."""
    _require_admin(request)
    return render(
        request,
        "development/admin.html",
        {
            "events": selectors.manageable_events(request.user)[:200],
            "activities": selectors.catalogue(),
            "is_bkpsdm": permissions.is_development_admin(request.user),
            "year": _year(request),
        },
    )


@login_required
def activity_edit(request, pk: int | None = None):
    require(permissions.is_development_admin(request.user), "Katalog dikelola BKPSDM.")
    activity = get_visible_or_404(Activity.objects.all(), pk=pk) if pk else None
    form = ActivityEditForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        competencies = data.pop("competencies")
        try:
            services.save_activity(
                actor=request.user, activity=activity, competencies=competencies, **data
            )
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, "Katalog disimpan.")
            return redirect("development:admin")
    return render(request, "development/activity_form.html", {"form": form, "activity": activity})


def _organiser_units(user):
    access = access_for(user)
    qs = OrgUnit.objects.filter(is_active=True, depth__lte=1).order_by("name")
    if access.manages_all:
        return qs
    return qs.filter(path__in=access.admin_unit_paths)


@login_required
def event_edit(request, pk: int | None = None):
    require(
        permissions.can_create_events(request.user), "Halaman ini untuk BKPSDM dan pengelola OPD."
    )
    event = get_visible_or_404(TrainingEvent.objects.all(), pk=pk) if pk else None
    if event is not None:
        require(permissions.can_manage_event(request.user, event))
    form = EventEditForm(request.POST or None, instance=event, units=_organiser_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        positions = data.pop("target_positions")
        units = data.pop("target_units")
        try:
            saved = services.save_event(
                actor=request.user,
                event=event,
                target_positions=positions,
                target_units=units,
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, "Pelatihan disimpan.")
            return redirect("development:event", pk=saved.pk)
    return render(request, "development/event_form.html", {"form": form, "event": event})


@login_required
def event_detail(request, pk: int):
    """An event and its participants; the organiser marks attendance and completion here."""
    event = get_visible_or_404(
        TrainingEvent.objects.select_related("activity", "organiser_unit", "target_competency"),
        pk=pk,
    )
    can_manage = permissions.can_manage_event(request.user, event)
    if event.status == EventStatus.DRAFT and not can_manage:
        raise Http404("Pelatihan tidak ditemukan.")
    registrations = (
        selectors.event_registrations(event)
        if can_manage
        else Registration.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("employee", "employee__unit")
    )
    mine = (
        Registration.objects.filter(event=event, employee_id=request.user.employee_id)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
        if request.user.employee_id
        else None
    )
    return render(
        request,
        "development/event_detail.html",
        {
            "event": event,
            "registrations": registrations,
            "can_manage": can_manage,
            "mine": mine,
            "seats": selectors.event_seats(event) if can_manage else None,
            "targets": (
                selectors.target_participants(request.user, event).count() if can_manage else 0
            ),
        },
    )


@login_required
@require_POST
def invite_targets(request, pk: int):
    """The organiser invites every target participant not yet in the event."""
    event = get_visible_or_404(TrainingEvent.objects.select_related("organiser_unit"), pk=pk)
    require(permissions.can_manage_event(request.user, event))
    try:
        count = services.invite_targets(actor=request.user, event=event)
    except services.ConflictError as exc:
        _fail(request, exc)
    else:
        messages.success(request, f"{count} pegawai sasaran diundang.")
    return redirect("development:event", pk=event.pk)


@login_required
@require_POST
def registration_action(request, pk: int):
    """Attendance (hadir / tidak hadir) and completion, by the organiser."""
    registration = get_visible_or_404(
        Registration.objects.select_related("event", "event__organiser_unit", "event__activity"),
        pk=pk,
    )
    if not permissions.can_manage_event(request.user, registration.event):
        # Organisers act on any participant; anyone else must not learn the registration exists.
        if not Registration.objects.visible_to(request.user).filter(pk=registration.pk).exists():
            raise Http404("Pendaftaran tidak ditemukan.")
        require(False)
    action = request.POST.get("action")
    try:
        if action == "attended":
            services.mark_attendance(actor=request.user, registration=registration, attended=True)
        elif action == "no_show":
            services.mark_attendance(actor=request.user, registration=registration, attended=False)
        elif action == "complete":
            entry = services.complete_event_participant(
                actor=request.user,
                registration=registration,
                certificate=request.FILES.get("certificate"),
            )
            messages.success(request, f"{registration.employee.name}: {entry.jp} JP dicatat.")
        else:
            raise Http404
    except (services.ConflictError, ValidationError, UploadError) as exc:
        _fail(request, exc)
    return redirect("development:event", pk=registration.event_id)
