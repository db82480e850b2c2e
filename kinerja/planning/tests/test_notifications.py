"""Workflow transitions notify the assessor or the owner, in the app and by e-mail on commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from kinerja.communication.models import Notification
from kinerja.planning import services

from .helpers import approved_chain, fresh, skp_with_rhk, user_of


@pytest.fixture
def chain(world):
    _, kasi_rhk = approved_chain(world)
    Notification.objects.all().delete()
    for employee in (world.staff, world.seksi_head):
        user = user_of(employee)
        user.email = f"{employee.pk}@abdyakab.go.id"
        user.save(update_fields=["email"])
    return world, kasi_rhk


def _of(employee, kind):
    return Notification.objects.filter(recipient__employee=employee, kind=kind)


@pytest.mark.django_db
def test_submission_notifies_the_assessor_and_emails_after_commit(
    chain, django_capture_on_commit_callbacks
):
    world, kasi_rhk = chain
    skp, _ = skp_with_rhk(world.staff, parent=kasi_rhk)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_skp(actor=user_of(world.staff), skp=skp)
    notice = _of(world.seksi_head, "skp_submitted").get()
    assert notice.title == "SKP Rahmat Pelaksana diajukan untuk persetujuan"
    assert notice.url == reverse("planning:skp_detail", args=[skp.pk])
    assert [m.to for m in mail.outbox] == [[f"{world.seksi_head.pk}@abdyakab.go.id"]]


@pytest.mark.django_db
def test_return_notifies_the_owner_with_the_note(chain):
    world, kasi_rhk = chain
    skp, _ = skp_with_rhk(world.staff, parent=kasi_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    services.return_skp(
        actor=user_of(world.seksi_head), skp=fresh(skp), note="Target terlalu kecil"
    )
    notice = _of(world.staff, "skp_returned").get()
    assert "Catatan: Target terlalu kecil" in notice.body


@pytest.mark.django_db
def test_approval_notifies_the_owner_and_resubmission_notifies_again(chain):
    world, kasi_rhk = chain
    skp, _ = skp_with_rhk(world.staff, parent=kasi_rhk)
    staff, kasi = user_of(world.staff), user_of(world.seksi_head)
    services.submit_skp(actor=staff, skp=skp)
    services.return_skp(actor=kasi, skp=fresh(skp), note="Perbaiki")
    services.submit_skp(actor=staff, skp=fresh(skp))
    services.approve_skp(actor=kasi, skp=fresh(skp))
    assert _of(world.seksi_head, "skp_submitted").count() == 2
    assert _of(world.staff, "skp_approved").count() == 1


@pytest.mark.django_db
def test_revision_request_goes_to_assessor_and_decision_to_owner(chain):
    world, kasi_rhk = chain
    skp, _ = skp_with_rhk(world.staff, parent=kasi_rhk)
    staff, kasi = user_of(world.staff), user_of(world.seksi_head)
    services.submit_skp(actor=staff, skp=skp)
    services.approve_skp(actor=kasi, skp=fresh(skp))
    services.request_revision(actor=staff, skp=fresh(skp), reason="Tugas baru")
    services.approve_revision(actor=kasi, skp=fresh(skp))
    assert _of(world.seksi_head, "skp_submitted").filter(title__contains="revisi").exists()
    assert _of(world.staff, "skp_returned").filter(title__contains="revisi").exists()


@pytest.mark.django_db
def test_refused_transition_notifies_nobody(chain):
    world, kasi_rhk = chain
    skp, _ = skp_with_rhk(world.staff, parent=kasi_rhk)
    with pytest.raises(services.TransitionError):
        services.approve_skp(actor=user_of(world.seksi_head), skp=skp)
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_distributing_an_rhk_notifies_the_subordinate_with_a_link_to_their_draft(chain):
    world, kasi_rhk = chain
    services.distribute_rhk(
        actor=user_of(world.seksi_head), rhk=kasi_rhk, assignments=[(world.staff, None, "direct")]
    )
    notice = _of(world.staff, "rhk_distributed").get()
    skp = world.staff.skps.get()
    assert notice.url == reverse("planning:skp_detail", args=[skp.pk])
    assert "Nurul Kasi" in notice.title and kasi_rhk.text[:40] in notice.body
