"""Who may publish to whom, edit, and read receipts; pages answer 403/404 accordingly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.communication.models import Announcement, Notification
from kinerja.core import clock


def form_data(**overrides):
    data = {
        "title": "Apel pagi",
        "body": "Apel pagi Senin pukul 07.30.\n<b>Wajib</b> hadir.",
        "author_label": "BKPSDM",
        "publish_at": (clock.now() - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "scope": "all",
    }
    data.update(overrides)
    return data


CREATE = reverse("communication:announcement_create")


@pytest.mark.django_db
def test_bkpsdm_publishes_to_everyone_and_the_audience_is_notified(
    world, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.bkpsdm_admin).post(CREATE, form_data())
    assert response.status_code == 302
    a = Announcement.objects.get()
    assert a.notified_at is not None
    assert Notification.objects.filter(kind="announcement").count() == 12
    assert AuditEvent.objects.filter(action="announcement.publish").count() == 1


@pytest.mark.django_db
def test_body_is_escaped_and_keeps_line_breaks(world, login, publish):
    a = publish(body="Baris satu\n<script>alert(1)</script>")
    html = (
        login(world.staff).get(reverse("communication:announcement", args=[a.pk])).content.decode()
    )
    assert "Baris satu<br>&lt;script&gt;" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_agency_head_publishes_to_own_agency(world, login):
    data = form_data(
        scope="agencies", agencies=[world.health.pk], author_label="Kepala Dinas Kesehatan"
    )
    response = login(world.health_head).post(CREATE, data)
    assert response.status_code == 302
    assert list(Announcement.objects.get().target_agencies.all()) == [world.health]


@pytest.mark.django_db
def test_agency_head_cannot_target_another_agency(world, login):
    data = form_data(
        scope="agencies", agencies=[world.it_agency.pk], author_label="Kepala Dinas Kesehatan"
    )
    assert login(world.health_head).post(CREATE, data).status_code == 403
    assert not Announcement.objects.exists()


@pytest.mark.django_db
def test_agency_head_cannot_target_everyone(world, login):
    data = form_data(author_label="Kepala Dinas Kesehatan")
    assert login(world.health_head).post(CREATE, data).status_code == 403


@pytest.mark.django_db
def test_agency_head_cannot_target_a_unit_of_another_agency(world, login):
    data = form_data(
        scope="units", units=[world.it_agency.pk], author_label="Kepala Dinas Kesehatan"
    )
    assert login(world.health_head).post(CREATE, data).status_code == 403


@pytest.mark.django_db
def test_opd_admin_publishes_to_a_unit_inside_their_agency(world, login):
    data = form_data(scope="units", units=[world.puskesmas.pk], author_label="Dinas Kesehatan")
    assert login(world.health_admin).post(CREATE, data).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["staff", "bidang_head", "auditor"])
def test_employees_and_lower_heads_cannot_create(world, login, persona):
    client = login(getattr(world, persona))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403


@pytest.mark.django_db
def test_regent_publishes_as_kantor_bupati(world, login):
    response = login(world.regent).post(CREATE, form_data(author_label="Kantor Bupati"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_author_label_outside_the_role_is_refused(world, login):
    response = login(world.regent).post(CREATE, form_data(author_label="BKPSDM"))
    assert response.status_code == 200
    assert not Announcement.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [("bkpsdm_admin", 200), ("health_head", 200), ("staff", 403), ("it_staff", 404)],
)
def test_read_receipts_only_for_author_and_admins(world, login, persona, status):
    a = Announcement.objects.none()
    from kinerja.communication import services

    a = services.publish_announcement(
        actor=world.user(world.health_head),
        title="Rapat",
        body="Rapat evaluasi",
        author_label="Kepala Dinas Kesehatan",
        publish_at=clock.now(),
        scope="agencies",
        agencies=[world.health],
    )
    url = reverse("communication:announcement_receipts", args=[a.pk])
    assert login(getattr(world, persona)).get(url).status_code == status


@pytest.mark.django_db
def test_only_the_author_or_bkpsdm_edits(world, login, publish):
    a = publish()
    url = reverse("communication:announcement_edit", args=[a.pk])
    assert login(world.regent).get(url).status_code == 403
    response = login(world.bkpsdm_admin).post(url, form_data(title="Apel pagi (diubah)"))
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.title == "Apel pagi (diubah)"


@pytest.mark.django_db
def test_announcement_pages_render(world, login, publish):
    publish(pinned=True)
    client = login(world.bkpsdm_admin)
    list_html = client.get(reverse("communication:announcements")).content.decode()
    assert "Disematkan" in list_html and "Baru" in list_html
    assert client.get(CREATE).status_code == 200
