"""notify(): bulk in-app notifications, dedupe, e-mail on commit respecting preferences."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.core import mail

from kinerja.accounts.models import User
from kinerja.communication import services
from kinerja.communication.models import Notification, NotificationPreference
from kinerja.communication.selectors import email_preferences


def _notify(users, **kwargs):
    kwargs.setdefault("kind", "skp_approved")
    kwargs.setdefault("title", "SKP Anda disetujui")
    kwargs.setdefault("body", "SKP tahun 2026 telah ditetapkan oleh pejabat penilai.")
    kwargs.setdefault("url", "/perencanaan/skp/7/")
    return services.notify(recipients=users, **kwargs)


@pytest.fixture
def staff_user(world):
    user = world.user(world.staff)
    user.email = "rahmat@example.go.id"
    user.save()
    return user


@pytest.mark.django_db
def test_notify_creates_one_notification_per_recipient(world, staff_user):
    nurse = world.user(world.nurse)
    assert _notify([staff_user, nurse, staff_user]) == 2
    assert Notification.objects.filter(kind="skp_approved").count() == 2


@pytest.mark.django_db
def test_same_dedupe_key_twice_sends_once(world, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify([staff_user], kind="skp_deadline", dedupe_key="skp_deadline:2026:W02")
    with django_capture_on_commit_callbacks(execute=True):
        second = _notify([staff_user], kind="skp_deadline", dedupe_key="skp_deadline:2026:W02")
    assert (first, second) == (1, 0)
    assert Notification.objects.filter(recipient=staff_user).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_dedupe_still_reaches_new_recipients(world, staff_user):
    nurse = world.user(world.nurse)
    _notify([staff_user], dedupe_key="k")
    assert _notify([staff_user, nurse], dedupe_key="k") == 1


@pytest.mark.django_db
def test_email_carries_title_body_and_absolute_link(
    world, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kinerja.abdyakab.go.id"
    with django_capture_on_commit_callbacks(execute=True):
        _notify([staff_user])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rahmat@example.go.id"]
    assert message.subject == "[Kinerja Abdya] SKP Anda disetujui"
    assert "Yth. Rahmat Pelaksana" in message.body
    assert "SKP tahun 2026 telah ditetapkan" in message.body
    assert "https://kinerja.abdyakab.go.id/perencanaan/skp/7/" in message.body
    assert "https://kinerja.abdyakab.go.id/komunikasi/preferensi-surel/" in message.body


@pytest.mark.django_db
def test_no_email_before_the_transaction_commits(
    world, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([staff_user])
    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_user_who_turned_a_kind_off_gets_no_email_but_still_the_notification(
    world, staff_user, django_capture_on_commit_callbacks
):
    services.set_email_preferences(user=staff_user, choices={"skp_approved": False})
    with django_capture_on_commit_callbacks(execute=True):
        _notify([staff_user])
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=staff_user).count() == 1


@pytest.mark.django_db
def test_kind_off_by_default_can_be_turned_on(
    world, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([staff_user], kind="announcement")
    assert mail.outbox == []
    services.set_email_preferences(user=staff_user, choices={"announcement": True})
    assert email_preferences(staff_user)["announcement"] is True
    with django_capture_on_commit_callbacks(execute=True):
        _notify([staff_user], kind="announcement", title="Pengumuman kedua")
    assert [m.subject for m in mail.outbox] == ["[Kinerja Abdya] Pengumuman kedua"]


@pytest.mark.django_db
def test_employee_address_is_used_when_the_account_has_none(
    world, django_capture_on_commit_callbacks
):
    world.nurse.email = "siti@example.go.id"
    world.nurse.save()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([world.user(world.nurse)])
    assert mail.outbox[0].to == ["siti@example.go.id"]


@pytest.mark.django_db
def test_recipients_without_any_address_get_no_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([world.user(world.it_staff)])
    assert mail.outbox == []


@pytest.mark.django_db
def test_unknown_kind_is_refused(world, staff_user):
    with pytest.raises(ValueError):
        _notify([staff_user], kind="no_such_kind")


@pytest.mark.django_db
def test_notify_accepts_a_queryset_and_creates_in_batches(world):
    users = User.objects.filter(employee__isnull=False)
    assert (
        services.notify(
            recipients=users, kind="period_opened", title="Periode dibuka", body="", url="/"
        )
        == users.count()
    )


@pytest.mark.django_db
def test_whatsapp_link_holds_text_and_deep_link(world, staff_user, settings):
    settings.SITE_URL = "https://kinerja.abdyakab.go.id"
    _notify([staff_user], kind="skp_deadline", title="Tenggat SKP", body="Segera susun SKP.")
    item = Notification.objects.get(recipient=staff_user)
    link = services.whatsapp_link(item)
    assert link.startswith("https://wa.me/?text=")
    text = unquote(link.removeprefix("https://wa.me/?text="))
    assert (
        text == "Tenggat SKP\nSegera susun SKP.\nhttps://kinerja.abdyakab.go.id/perencanaan/skp/7/"
    )


@pytest.mark.django_db
def test_preferences_page_saves_choices(world, login):
    client = login(world.staff)
    response = client.post("/komunikasi/preferensi-surel/", {"skp_approved": "on"})
    assert response.status_code == 302
    user = world.user(world.staff)
    saved = dict(
        NotificationPreference.objects.filter(user=user).values_list("kind", "email_enabled")
    )
    assert saved["skp_approved"] is True
    assert saved["skp_returned"] is False
