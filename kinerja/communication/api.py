"""API: the announcements a user sees and their read marks, read rates for authors and
BKPSDM, and the user's own notifications (list, unread count, mark read)."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, error_responses

from . import permissions, selectors, services
from .models import Announcement, AnnouncementRead, Notification

router = Router(tags=["Komunikasi"])

Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="ID")]


# --- Schemas -----------------------------------------------------------------------------------


class AnnouncementOut(Schema):
    id: int
    title: str
    body: str
    author_label: str
    publish_at: dt.datetime
    expires_at: dt.datetime | None
    pinned: bool
    scope: str
    is_read: bool

    @staticmethod
    def resolve_is_read(obj) -> bool:
        return bool(getattr(obj, "is_read", False))


class UnreadFilter(Schema):
    unread_only: bool = Field(False, description="Hanya yang belum dibaca")


class ReadMarkOut(Schema):
    announcement_id: int
    read_at: dt.datetime


class AgencyRateOut(Schema):
    agency_id: int | None
    agency_name: str
    audience: int
    read: int
    rate: float | None


class ReadRateOut(Schema):
    announcement_id: int
    audience: int = Field(description="Pegawai sasaran yang memiliki akun aktif")
    read: int
    rate: float | None = Field(description="0..1; kosong bila tidak ada sasaran")
    by_agency: list[AgencyRateOut]


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    whatsapp: str | None = Field(description="Tautan WhatsApp siap salin untuk pengingat")

    @staticmethod
    def resolve_whatsapp(obj) -> str | None:
        return services.whatsapp_link(obj) if obj.is_reminder else None


class UnreadCountOut(Schema):
    unread: int


class ReadAllOut(Schema):
    updated: int


# --- Announcements -----------------------------------------------------------------------------


def _announcement(request, pk: int) -> Announcement:
    """An announcement the user may open (addressed to them, theirs, or any for BKPSDM)."""
    try:
        found = selectors.announcement_for(request.user, pk)
    except Announcement.DoesNotExist as exc:
        raise Http404 from exc
    found.is_read = AnnouncementRead.objects.filter(announcement=found, user=request.user).exists()
    return found


@router.get(
    "/announcements",
    response={200: list[AnnouncementOut], **error_responses(401, 422)},
    summary="Pengumuman yang ditujukan kepada pengguna (yang disematkan lebih dulu)",
)
@paginate(BoundedLimitOffsetPagination)
def list_announcements(request, filters: Query[UnreadFilter]):
    qs = selectors.visible_announcements(request.user)
    if filters.unread_only:
        qs = qs.filter(is_read=False)
    return qs


@router.get(
    "/announcements/{announcement_id}",
    response={200: AnnouncementOut, **error_responses(401, 404, 422)},
    summary="Satu pengumuman (membacanya lewat API tidak menandainya dibaca)",
)
def announcement_detail(request, announcement_id: Id):
    return Status(200, _announcement(request, announcement_id))


@router.post(
    "/announcements/{announcement_id}/read",
    response={200: ReadMarkOut, **error_responses(401, 404, 422)},
    summary="Tandai pengumuman sudah dibaca (tanda baca)",
)
def mark_announcement_read(request, announcement_id: Id):
    found = _announcement(request, announcement_id)
    services.mark_announcement_read(user=request.user, announcement=found)
    mark = AnnouncementRead.objects.get(announcement=found, user=request.user)
    return Status(200, {"announcement_id": found.pk, "read_at": mark.read_at})


@router.get(
    "/announcements/{announcement_id}/read-rate",
    response={200: ReadRateOut, **error_responses(401, 403, 404, 422)},
    summary="Tingkat baca per perangkat daerah (penulis dan BKPSDM)",
)
def announcement_read_rate(request, announcement_id: Id):
    found = _announcement(request, announcement_id)
    if not permissions.can_manage_announcement(request.user, found):
        raise PermissionDenied("Hanya penulis atau admin BKPSDM yang dapat melihat tanda baca.")
    receipts = selectors.read_receipts(found)
    return Status(
        200,
        {
            "announcement_id": found.pk,
            "audience": receipts.total,
            "read": receipts.read,
            "rate": receipts.read / receipts.total if receipts.total else None,
            "by_agency": [
                {
                    "agency_id": row.agency_id,
                    "agency_name": row.agency_name,
                    "audience": row.total,
                    "read": row.read,
                    "rate": row.read / row.total if row.total else None,
                }
                for row in receipts.by_agency
            ],
        },
    )


# --- Notifications -----------------------------------------------------------------------------


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **error_responses(401, 422)},
    summary="Notifikasi pengguna, terbaru lebih dulu",
)
@paginate(BoundedLimitOffsetPagination)
def list_notifications(request, filters: Query[UnreadFilter]):
    qs = selectors.notifications_for(request.user)
    if filters.unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


@router.get(
    "/notifications/unread-count",
    response={200: UnreadCountOut, **error_responses(401)},
    summary="Jumlah notifikasi yang belum dibaca (angka pada lonceng)",
)
def notifications_unread_count(request):
    return Status(200, {"unread": selectors.unread_count(request.user)})


@router.post(
    "/notifications/read-all",
    response={200: ReadAllOut, **error_responses(401)},
    summary="Tandai semua notifikasi sudah dibaca",
)
def mark_all_notifications_read(request):
    return Status(200, {"updated": services.mark_all_read(user=request.user)})


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **error_responses(401, 404, 422)},
    summary="Tandai satu notifikasi sudah dibaca",
)
def mark_notification_read(request, notification_id: Id):
    try:
        item = services.mark_read(user=request.user, notification_id=notification_id)
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    return Status(200, item)
