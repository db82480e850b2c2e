"""Read receipts: opening marks read, the per-agency read rate and the list of who has not read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.communication.models import AnnouncementRead, Notification
from kinerja.communication.selectors import read_receipts


def rates(receipts) -> dict[str, tuple[int, int]]:
    return {row.agency_name: (row.read, row.total) for row in receipts.by_agency}


@pytest.mark.django_db
def test_opening_an_announcement_records_one_read_and_clears_its_notification(
    world, publish, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = publish(scope="agencies", agencies=[world.health])
    client = login(world.staff)
    url = reverse("communication:announcement", args=[a.pk])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    user = world.user(world.staff)
    assert AnnouncementRead.objects.filter(announcement=a, user=user).count() == 1
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_read_rate_per_agency_moves_when_employees_read(world, publish, login):
    a = publish(scope="agencies", agencies=[world.health, world.it_agency])
    before = read_receipts(a)
    assert rates(before) == {
        "Dinas Kesehatan": (0, 6),
        "Dinas Komunikasi, Informatika dan Persandian": (0, 2),
    }
    for employee in (world.staff, world.nurse, world.it_head):
        login(employee).get(reverse("communication:announcement", args=[a.pk]))
    after = read_receipts(a)
    assert rates(after) == {
        "Dinas Kesehatan": (2, 6),
        "Dinas Komunikasi, Informatika dan Persandian": (1, 2),
    }
    assert (after.read, after.total) == (3, 8)
    assert after.percent == 37.5
    unread = {e.pk for e in after.unread}
    assert unread == {
        world.health_head.pk,
        world.bidang_head.pk,
        world.seksi_head.pk,
        world.health_admin.pk,
        world.it_staff.pk,
    }


@pytest.mark.django_db
def test_employees_without_an_account_are_not_counted(world, publish):
    from tests.world import make_employee

    make_employee(world.health_seksi, None, "Tanpa Akun", with_login=False)
    a = publish(scope="units", units=[world.health_seksi])
    assert read_receipts(a).total == 2


@pytest.mark.django_db
def test_read_receipt_page_uses_a_fixed_number_of_queries(
    world, publish, login, django_assert_max_num_queries
):
    a = publish(scope="all")
    client = login(world.bkpsdm_admin)
    url = reverse("communication:announcement_receipts", args=[a.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    assert "Dinas Kesehatan" in response.content.decode()
    assert world.nurse.name in response.content.decode()
