"""Permission-matrix routes of the adoption page and the adoption/communication API."""

from __future__ import annotations

from tests.matrix import Route, api, no_args, pages

# Regency-wide readers, the OPD admin of Dinas Kesehatan and the head of that agency.
ADOPTION = ("health_head", "health_admin", "bkpsdm_admin", "regent", "auditor")
REGENCY_WIDE = ("bkpsdm_admin", "regent", "auditor")
IN_HEALTH = ("staff", "seksi_head", "bidang_head", "health_head", "health_admin")


def _page_table(allowed: tuple[str, ...], otherwise_in_scope: int = 403) -> dict:
    """Allowed personas 200; agency readers outside the agency 404; the rest 403."""
    table = pages(403, **dict.fromkeys(allowed, 200))
    for persona in set(ADOPTION) - set(allowed):
        table[persona] = 404
    return table


def _api_table(allowed: tuple[str, ...]) -> dict:
    table = api(403, **dict.fromkeys(allowed, 200))
    for persona in set(ADOPTION) - set(allowed):
        table[persona] = 404
    return table


def own_agency(w, me):
    return {"instansi": w.health.pk}


def other_agency(w, me):
    return {"instansi": w.it_agency.pk}


def _announcement(author_attr: str, *, health_only: bool):
    def build(w, me):
        from datetime import timedelta

        from kinerja.communication import services as communication
        from kinerja.core import clock

        author = getattr(w, author_attr)
        item = communication.publish_announcement(
            actor=w.user(author),
            title="Pengumuman uji",
            body="Isi pengumuman.",
            author_label="BKPSDM" if author_attr == "bkpsdm_admin" else w.health.name,
            publish_at=clock.now() - timedelta(hours=1),
            scope="agencies" if health_only else "all",
            agencies=[w.health] if health_only else [],
        )
        return {"announcement_id": item.pk}

    return build


regency_announcement = _announcement("bkpsdm_admin", health_only=False)
health_announcement = _announcement("health_admin", health_only=True)
SEES_HEALTH_ANNOUNCEMENT = api(404, **dict.fromkeys(IN_HEALTH, 200), bkpsdm_admin=200)


def _notification(owner):
    def build(w, me):
        from kinerja.communication.models import Notification
        from kinerja.core import clock

        item = Notification.objects.create(
            recipient=w.user(owner(w, me)),
            kind="skp_approved",
            title="Uji",
            body="Isi",
            url="/",
            created_at=clock.now(),
        )
        return {"notification_id": item.pk}

    return build


own_notification = _notification(lambda w, me: me or w.staff)
other_notification = _notification(lambda w, me: w.nurse)


ROUTES = {
    # --- adoption pages
    "adoption:overview": {
        "all": Route(no_args, pages(403, **dict.fromkeys(ADOPTION, 200))),
        "own": Route(no_args, _page_table(ADOPTION), query=own_agency),
        "other": Route(no_args, _page_table(REGENCY_WIDE), query=other_agency),
    },
    "adoption:people": {
        "all": Route(
            lambda w, me: {"kind": "never_logged_in"}, pages(403, **dict.fromkeys(ADOPTION, 200))
        ),
        "other": Route(
            lambda w, me: {"kind": "without_skp"}, _page_table(REGENCY_WIDE), query=other_agency
        ),
    },
    "adoption:export": {
        "all": Route(no_args, pages(403, **dict.fromkeys(ADOPTION, 200))),
        "other": Route(no_args, _page_table(REGENCY_WIDE), query=other_agency),
    },
    # --- api: adoption
    "api:adoption_agencies": {
        "-": Route(no_args, api(403, **dict.fromkeys(ADOPTION, 200)), is_api=True)
    },
    "api:adoption_regency": {
        "-": Route(no_args, api(403, **dict.fromkeys(ADOPTION, 200)), is_api=True)
    },
    "api:adoption_agency": {
        "own": Route(lambda w, me: {"agency_id": w.health.pk}, _api_table(ADOPTION), is_api=True),
        "other": Route(
            lambda w, me: {"agency_id": w.it_agency.pk}, _api_table(REGENCY_WIDE), is_api=True
        ),
    },
    # --- api: communication
    "api:list_announcements": {"-": Route(no_args, api(200), is_api=True)},
    "api:announcement_detail": {
        "all": Route(regency_announcement, api(200), is_api=True),
        "agency": Route(health_announcement, SEES_HEALTH_ANNOUNCEMENT, is_api=True),
    },
    "api:mark_announcement_read": {
        "all": Route(regency_announcement, api(200), method="post", is_api=True),
        "agency": Route(health_announcement, SEES_HEALTH_ANNOUNCEMENT, method="post", is_api=True),
    },
    "api:announcement_read_rate": {
        "all": Route(regency_announcement, api(403, bkpsdm_admin=200), is_api=True),
        # The author (the health OPD admin) and BKPSDM; the agency sees it (403), others 404.
        "agency": Route(
            health_announcement,
            api(
                404,
                **(dict.fromkeys(IN_HEALTH, 403) | {"health_admin": 200, "bkpsdm_admin": 200}),
            ),
            is_api=True,
        ),
    },
    "api:list_notifications": {"own": Route(no_args, api(200), is_api=True)},
    "api:notifications_unread_count": {"own": Route(no_args, api(200), is_api=True)},
    "api:mark_all_notifications_read": {
        "own": Route(no_args, api(200), method="post", is_api=True)
    },
    "api:mark_notification_read": {
        "own": Route(own_notification, api(200), method="post", is_api=True),
        "other": Route(other_notification, api(404), method="post", is_api=True),
    },
}
