"""Pages under /komunikasi/: notifications, e-mail preferences, announcements, Panduan, tour."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.http import require
from kinerja.core.pagination import paginate

from . import permissions, selectors, services
from .forms import AnnouncementForm, PreferencesForm
from .guide import GUIDE_BY_SLUG, GUIDE_PAGES
from .models import Announcement, Notification

# --- Notifications ---------------------------------------------------------------------------


@login_required
def notifications(request):
    """The user's notifications, newest first, with mark-read buttons and WhatsApp links."""
    page = paginate(request, selectors.notifications_for(request.user), per_page=30)
    for item in page.object_list:
        item.whatsapp = services.whatsapp_link(item) if item.is_reminder else ""
    return render(request, "communication/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one notification read; htmx gets the updated row back."""
    try:
        item = services.mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404("Notifikasi tidak ditemukan.") from exc
    if request.htmx:
        item.whatsapp = services.whatsapp_link(item) if item.is_reminder else ""
        return render(request, "communication/_notification_row.html", {"item": item})
    return redirect("communication:notifications")


@login_required
def notification_open(request, pk: int):
    """Follow a notification to its page, marking it read on the way."""
    try:
        item = services.mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as exc:
        raise Http404("Notifikasi tidak ditemukan.") from exc
    safe = url_has_allowed_host_and_scheme(item.url, allowed_hosts={request.get_host()})
    return redirect(item.url if item.url and safe else "communication:notifications")


@login_required
@require_POST
def notifications_read_all(request):
    count = services.mark_all_read(user=request.user)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    messages.success(request, f"{count} notifikasi ditandai sudah dibaca.")
    return redirect("communication:notifications")


@login_required
def preferences(request):
    """Which notifications also arrive by e-mail."""
    current = selectors.email_preferences(request.user)
    form = PreferencesForm(request.POST or None, initial_choices=current)
    if request.method == "POST" and form.is_valid():
        services.set_email_preferences(user=request.user, choices=dict(form.cleaned_data))
        messages.success(request, "Pilihan surel disimpan.")
        return redirect("communication:preferences")
    has_address = bool(
        request.user.email or (request.user.employee and request.user.employee.email)
    )
    return render(
        request, "communication/preferences.html", {"form": form, "has_address": has_address}
    )


# --- Announcements ---------------------------------------------------------------------------


@login_required
def announcements(request):
    """Announcements addressed to the user (pinned first, unread marked) and, for publishers,
    the ones they wrote."""
    page = paginate(request, selectors.visible_announcements(request.user), per_page=20)
    can_create = permissions.can_create_announcement(request.user)
    managed = selectors.managed_announcements(request.user)[:50] if can_create else None
    return render(
        request,
        "communication/announcements.html",
        {"page": page, "can_create": can_create, "managed": managed},
    )


def _announcement_or_404(user, pk: int) -> Announcement:
    try:
        return selectors.announcement_for(user, pk)
    except Announcement.DoesNotExist as exc:
        raise Http404("Pengumuman tidak ditemukan.") from exc


@login_required
def announcement(request, pk: int):
    """One announcement; opening it records the read receipt."""
    item = _announcement_or_404(request.user, pk)
    services.mark_announcement_read(user=request.user, announcement=item)
    return render(
        request,
        "communication/announcement.html",
        {"item": item, "can_manage": permissions.can_manage_announcement(request.user, item)},
    )


def _form_kwargs(form: AnnouncementForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "body": data["body"],
        "author_label": data["author_label"],
        "publish_at": data["publish_at"],
        "expires_at": data.get("expires_at"),
        "pinned": data.get("pinned", False),
        "scope": data["scope"],
        "agencies": list(data.get("agencies") or []),
        "units": list(data.get("units") or []),
        "position_kinds": data.get("position_kinds") or [],
        "roles": data.get("roles") or [],
    }


def _add_errors(form: AnnouncementForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _announcement_form_page(request, form, item, save, saved_message: str):
    """The announcement form; a valid POST is saved by `save` (the service), its refusals shown
    on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(**_form_kwargs(form))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, saved_message)
            return redirect("communication:announcement", pk=saved.pk)
    return render(request, "communication/announcement_form.html", {"form": form, "item": item})


@login_required
def announcement_create(request):
    """Write and schedule an announcement (BKPSDM, leadership, agency heads, OPD admins)."""
    require(
        permissions.can_create_announcement(request.user),
        "Hanya BKPSDM, pimpinan daerah, kepala perangkat daerah atau pengelola kinerja "
        "perangkat daerah yang dapat membuat pengumuman.",
    )
    form = AnnouncementForm(
        request.POST or None,
        user=request.user,
        initial={"publish_at": clock.now().replace(second=0, microsecond=0), "scope": "all"},
    )
    return _announcement_form_page(
        request,
        form,
        None,
        partial(services.publish_announcement, actor=request.user),
        "Pengumuman disimpan.",
    )


@login_required
def announcement_edit(request, pk: int):
    item = _announcement_or_404(request.user, pk)
    require(
        permissions.can_manage_announcement(request.user, item),
        "Hanya penulis atau admin BKPSDM yang dapat mengubah pengumuman ini.",
    )
    initial = {
        "title": item.title,
        "body": item.body,
        "author_label": item.author_label,
        "publish_at": item.publish_at,
        "expires_at": item.expires_at,
        "pinned": item.pinned,
        "scope": item.scope,
        "agencies": list(item.target_agencies.all()),
        "units": list(item.target_units.all()),
        "position_kinds": item.position_kinds,
        "roles": item.roles,
    }
    form = AnnouncementForm(request.POST or None, user=request.user, initial=initial)
    return _announcement_form_page(
        request,
        form,
        item,
        partial(services.update_announcement, actor=request.user, announcement=item),
        "Pengumuman diperbarui.",
    )


@login_required
def announcement_receipts(request, pk: int):
    """Who has read it, by agency, and the names of those who have not (author and admins)."""
    item = _announcement_or_404(request.user, pk)
    require(
        permissions.can_manage_announcement(request.user, item),
        "Tanda baca hanya dapat dilihat oleh penulis pengumuman dan admin BKPSDM.",
    )
    receipts = selectors.read_receipts(item)
    page = paginate(request, receipts.unread, per_page=100)
    return render(
        request,
        "communication/announcement_receipts.html",
        {"item": item, "receipts": receipts, "page": page},
    )


# --- Panduan and the tour --------------------------------------------------------------------


@login_required
def guide(request):
    return render(request, "communication/panduan/index.html", {"pages": GUIDE_PAGES})


@login_required
def guide_page(request, slug: str):
    page = GUIDE_BY_SLUG.get(slug)
    if page is None:
        raise Http404("Halaman panduan tidak ditemukan.")
    index = GUIDE_PAGES.index(page)
    return render(
        request,
        f"communication/panduan/{page.slug}.html",
        {
            "page": page,
            "pages": GUIDE_PAGES,
            "previous": GUIDE_PAGES[index - 1] if index > 0 else None,
            "next": GUIDE_PAGES[index + 1] if index + 1 < len(GUIDE_PAGES) else None,
        },
    )


@login_required
@require_POST
def tour_dismiss(request):
    services.dismiss_tour(user=request.user)
    if request.htmx:
        return HttpResponse("")
    return redirect("home")
