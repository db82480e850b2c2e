"""API: announcements addressed to the user, read marks and read rates; own notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kinerja.accounts.services import issue_token
from kinerja.communication import services
from kinerja.communication.models import AnnouncementRead, Notification
from kinerja.core import clock


@pytest.fixture
def bearer(world):
    def _bearer(employee) -> dict[str, str]:
        _, key = issue_token(user=world.user(employee), name="uji")
        return {"Authorization": f"Bearer {key}"}

    return _bearer


def publish(world, *, author, label, agencies=(), title="Pengumuman uji", pinned=False):
    return services.publish_announcement(
        actor=world.user(author),
        title=title,
        body="Isi pengumuman.",
        author_label=label,
        publish_at=clock.now() - dt.timedelta(hours=1),
        scope="agencies" if agencies else "all",
        agencies=list(agencies),
        pinned=pinned,
    )


@pytest.fixture
def health_news(world):
    return publish(
        world, author=world.health_admin, label=world.health.name, agencies=[world.health]
    )


def test_announcements_list_only_what_is_addressed_to_the_user(world, bearer, health_news):
    regency = publish(
        world, author=world.bkpsdm_admin, label="BKPSDM", title="Untuk semua", pinned=True
    )
    api = Client()
    mine = api.get("/api/v1/announcements", headers=bearer(world.staff)).json()
    assert mine["count"] == 2
    assert [a["id"] for a in mine["items"]] == [regency.pk, health_news.pk]  # pinned first
    assert all(a["is_read"] is False for a in mine["items"])
    outsider = api.get("/api/v1/announcements", headers=bearer(world.it_staff)).json()
    assert [a["id"] for a in outsider["items"]] == [regency.pk]


def test_an_announcement_for_another_agency_is_not_found(world, bearer, health_news):
    response = Client().get(
        f"/api/v1/announcements/{health_news.pk}", headers=bearer(world.it_staff)
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Data tidak ditemukan."}


def test_marking_read_records_the_receipt_once_and_clears_the_notification(
    world, bearer, health_news
):
    api, headers = Client(), bearer(world.staff)
    url = f"/api/v1/announcements/{health_news.pk}/read"
    first = api.post(url, headers=headers)
    again = api.post(url, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json()["read_at"] == again.json()["read_at"]
    assert AnnouncementRead.objects.filter(announcement=health_news).count() == 1
    note = Notification.objects.get(recipient=world.user(world.staff), kind="announcement")
    assert note.read_at is not None
    detail = api.get(f"/api/v1/announcements/{health_news.pk}", headers=headers).json()
    assert detail["is_read"] is True
    unread = api.get("/api/v1/announcements?unread_only=true", headers=headers).json()
    assert unread["count"] == 0
    assert api.post(url, headers=bearer(world.it_staff)).status_code == 404


def test_read_rate_is_for_the_author_and_bkpsdm_only(world, bearer, health_news):
    services.mark_announcement_read(user=world.user(world.staff), announcement=health_news)
    api = Client()
    url = f"/api/v1/announcements/{health_news.pk}/read-rate"
    body = api.get(url, headers=bearer(world.health_admin)).json()
    assert body["audience"] == 6 and body["read"] == 1
    assert body["rate"] == pytest.approx(1 / 6)
    assert [(r["agency_name"], r["audience"], r["read"]) for r in body["by_agency"]] == [
        ("Dinas Kesehatan", 6, 1)
    ]
    assert api.get(url, headers=bearer(world.bkpsdm_admin)).status_code == 200
    refused = api.get(url, headers=bearer(world.staff))
    assert refused.status_code == 403
    assert "penulis" in refused.json()["detail"]
    assert api.get(url, headers=bearer(world.it_staff)).status_code == 404


def _notify(world, employee, n, kind="skp_approved"):
    for i in range(n):
        Notification.objects.create(
            recipient=world.user(employee),
            kind=kind,
            title=f"Pemberitahuan {i}",
            body="Isi",
            url="/skp/",
            created_at=clock.now() + dt.timedelta(seconds=i),
        )


def test_notifications_are_the_users_own_paginated_with_an_unread_count(world, bearer):
    _notify(world, world.staff, 3)
    _notify(world, world.nurse, 2)
    api, headers = Client(), bearer(world.staff)
    page = api.get("/api/v1/notifications?limit=2", headers=headers).json()
    assert page["count"] == 3
    assert [n["title"] for n in page["items"]] == ["Pemberitahuan 2", "Pemberitahuan 1"]
    assert api.get("/api/v1/notifications/unread-count", headers=headers).json() == {"unread": 3}


def test_a_reminder_carries_a_whatsapp_link(world, bearer):
    _notify(world, world.staff, 1, kind="login_reminder")
    [item] = Client().get("/api/v1/notifications", headers=bearer(world.staff)).json()["items"]
    assert item["whatsapp"].startswith("https://wa.me/?text=")


def test_mark_one_and_all_notifications_read(world, bearer):
    _notify(world, world.staff, 3)
    _notify(world, world.nurse, 1)
    api, headers = Client(), bearer(world.staff)
    own = Notification.objects.filter(recipient=world.user(world.staff)).first()
    other = Notification.objects.get(recipient=world.user(world.nurse))
    one = api.post(f"/api/v1/notifications/{own.pk}/read", headers=headers)
    assert one.status_code == 200 and one.json()["read_at"] is not None
    assert api.post(f"/api/v1/notifications/{other.pk}/read", headers=headers).status_code == 404
    assert api.post("/api/v1/notifications/read-all", headers=headers).json() == {"updated": 2}
    assert api.get("/api/v1/notifications/unread-count", headers=headers).json() == {"unread": 0}
    other.refresh_from_db()
    assert other.read_at is None  # someone else's stays unread


def test_bad_input_answers_422_in_indonesian(world, bearer):
    api, headers = Client(), bearer(world.staff)
    response = api.get("/api/v1/notifications?limit=1000", headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"]["limit"] == ["Harus paling besar 100."]
    assert api.post("/api/v1/notifications/0/read", headers=headers).status_code == 422


def test_anonymous_callers_get_401(world):
    for url in (
        "/api/v1/announcements",
        "/api/v1/notifications",
        "/api/v1/notifications/unread-count",
    ):
        assert Client().get(url).status_code == 401


def test_lists_take_a_constant_number_of_queries(world, bearer, django_assert_max_num_queries):
    headers = bearer(world.staff)
    api = Client()
    _notify(world, world.staff, 2)
    publish(world, author=world.bkpsdm_admin, label="BKPSDM")
    with django_assert_max_num_queries(12) as few:
        api.get("/api/v1/notifications", headers=headers)
        api.get("/api/v1/announcements", headers=headers)
    _notify(world, world.staff, 20)
    for i in range(10):
        publish(world, author=world.bkpsdm_admin, label="BKPSDM", title=f"Lagi {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get("/api/v1/notifications", headers=headers)
        api.get("/api/v1/announcements", headers=headers)
