"""The bell's unread count (one query per page) and the notifications page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.communication import services
from kinerja.communication.models import Notification


def _send(user, n=1, kind="feedback_received"):
    for i in range(n):
        services.notify(recipients=[user], kind=kind, title=f"Umpan balik {i}", body="Isi", url="/")


@pytest.mark.django_db
def test_bell_shows_unread_count_with_one_query(world, login):
    user = world.user(world.staff)
    _send(user, 3)
    client = login(world.staff)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("communication:guide"))
    bell_queries = [q for q in ctx.captured_queries if "communication_notification" in q["sql"]]
    assert len(bell_queries) == 1
    html = response.content.decode()
    assert "Notifikasi: 3 belum dibaca" in html


@pytest.mark.django_db
def test_bell_has_no_badge_when_all_read(world, login):
    user = world.user(world.staff)
    _send(user, 2)
    services.mark_all_read(user=user)
    html = login(world.staff).get(reverse("communication:guide")).content.decode()
    assert "belum dibaca" not in html


@pytest.mark.django_db
def test_notifications_list_has_fixed_query_count(world, login, django_assert_max_num_queries):
    user = world.user(world.staff)
    _send(user, 3, kind="skp_deadline")
    client = login(world.staff)
    client.get(reverse("communication:notifications"))
    with django_assert_max_num_queries(12):
        small = client.get(reverse("communication:notifications"))
    _send(user, 20, kind="skp_deadline")
    with django_assert_max_num_queries(12):
        large = client.get(reverse("communication:notifications"))
    assert small.status_code == large.status_code == 200
    assert "https://wa.me/?text=" in large.content.decode()


@pytest.mark.django_db
def test_mark_one_read_with_htmx_returns_the_row(world, login):
    user = world.user(world.staff)
    _send(user)
    item = Notification.objects.get(recipient=user)
    response = login(world.staff).post(
        reverse("communication:notification_read", args=[item.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="notifikasi-{item.pk}"' in response.content.decode()
    item.refresh_from_db()
    assert item.read_at is not None


@pytest.mark.django_db
def test_cannot_mark_another_users_notification(world, login):
    _send(world.user(world.nurse))
    item = Notification.objects.get()
    response = login(world.staff).post(reverse("communication:notification_read", args=[item.pk]))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


@pytest.mark.django_db
def test_mark_all_read(world, login):
    user = world.user(world.staff)
    _send(user, 4)
    response = login(world.staff).post(reverse("communication:notifications_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_opening_a_notification_marks_it_read_and_goes_to_its_page(world, login):
    user = world.user(world.staff)
    services.notify(
        recipients=[user],
        kind="skp_returned",
        title="SKP dikembalikan",
        body="",
        url="/perencanaan/",
    )
    item = Notification.objects.get()
    response = login(world.staff).get(reverse("communication:notification_open", args=[item.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/perencanaan/"
    item.refresh_from_db()
    assert item.read_at is not None


@pytest.mark.django_db
def test_opening_a_notification_never_redirects_off_site(world, login):
    user = world.user(world.staff)
    services.notify(
        recipients=[user], kind="skp_returned", title="x", body="", url="https://evil.example/"
    )
    item = Notification.objects.get()
    response = login(world.staff).get(reverse("communication:notification_open", args=[item.pk]))
    assert response["Location"] == reverse("communication:notifications")
