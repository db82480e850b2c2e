"""notify and the announcement list keep a bounded number of queries as the audience grows."""

from __future__ import annotations

import math

import pytest
from django.db import connection
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.communication import services
from kinerja.communication.models import Notification


@pytest.mark.django_db
def test_notify_thousands_in_batched_inserts(django_assert_max_num_queries):
    User.objects.bulk_create(User(username=f"pegawai{i:05d}") for i in range(2500))
    users = User.objects.all()
    fields = [f for f in Notification._meta.concrete_fields if not f.primary_key]
    per_insert = min(
        services.BATCH_SIZE,
        connection.ops.bulk_batch_size(fields, [None] * services.BATCH_SIZE),  # SQLite: ~124
    )
    batches = math.ceil(2500 / per_insert)
    with django_assert_max_num_queries(batches + 6):
        sent = services.notify(
            recipients=users,
            kind="announcement",
            title="Pengumuman",
            body="Isi",
            url="/",
            dedupe_key="announcement:1",
        )
    assert sent == 2500
    with django_assert_max_num_queries(6):
        assert (
            services.notify(
                recipients=users,
                kind="announcement",
                title="Pengumuman",
                body="Isi",
                url="/",
                dedupe_key="announcement:1",
            )
            == 0
        )
    assert Notification.objects.count() == 2500


@pytest.mark.django_db
def test_announcement_list_query_count_does_not_grow(
    world, publish, login, django_assert_max_num_queries
):
    client = login(world.staff)
    publish()
    client.get(reverse("communication:announcements"))
    with django_assert_max_num_queries(12):
        client.get(reverse("communication:announcements"))
    for i in range(10):
        publish(title=f"Pengumuman {i}", pinned=i % 2 == 0)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("communication:announcements"))
    assert response.content.decode().count("Pengumuman ") >= 10
