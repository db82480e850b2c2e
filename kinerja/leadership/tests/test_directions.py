"""Directions: only leaders give them, to their own team; recipients acknowledge them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.audit.models import AuditEvent
from kinerja.communication.models import Notification
from kinerja.leadership import services
from kinerja.leadership.models import Direction, DirectionAck

pytestmark = pytest.mark.django_db


def test_direction_to_the_team_reaches_every_member_and_notifies_them(world):
    direction = services.give_direction(
        actor=world.user(world.seksi_head), text="Laporan mingguan setiap Jumat."
    )
    recipients = set(direction.acks.values_list("employee_id", flat=True))
    assert recipients == {world.staff.pk}
    note = Notification.objects.get(recipient=world.user(world.staff))
    assert note.kind == "direction_received"
    assert note.url == "/pimpinan/arahan/"
    assert AuditEvent.objects.filter(action="leadership.direction.give").count() == 1


def test_agency_head_direction_reaches_the_whole_unit_tree(world):
    direction = services.give_direction(
        actor=world.user(world.health_head), text="Turun ke lapangan."
    )
    recipients = set(direction.acks.values_list("employee_id", flat=True))
    assert {world.staff.pk, world.nurse.pk, world.bidang_head.pk, world.seksi_head.pk} <= recipients
    assert world.health_head.pk not in recipients
    assert world.it_staff.pk not in recipients


def test_member_cannot_give_directions(world):
    with pytest.raises(PermissionDenied):
        services.give_direction(actor=world.user(world.staff), text="Arahan")


def test_leader_cannot_direct_someone_outside_their_team(world):
    with pytest.raises(ValidationError):
        services.give_direction(
            actor=world.user(world.seksi_head), text="Arahan", recipient=world.it_staff
        )
    assert not Direction.objects.exists()


def test_recipient_acknowledges_once_and_others_cannot(world):
    direction = services.give_direction(
        actor=world.user(world.seksi_head), text="Arahan", recipient=world.staff
    )
    ack = services.acknowledge_direction(actor=world.user(world.staff), direction=direction)
    first = ack.acknowledged_at
    assert first is not None
    again = services.acknowledge_direction(actor=world.user(world.staff), direction=direction)
    assert again.acknowledged_at == first
    with pytest.raises(PermissionDenied):
        services.acknowledge_direction(actor=world.user(world.seksi_head), direction=direction)


def test_home_fragment_lists_pending_directions_and_htmx_ack_replaces_the_button(world, login):
    direction = services.give_direction(
        actor=world.user(world.seksi_head), text="Siapkan data posyandu.", recipient=world.staff
    )
    client = login(world.staff)
    fragment = client.get("/pimpinan/arahan/menunggu/")
    assert "Siapkan data posyandu." in fragment.content.decode()
    response = client.post(f"/pimpinan/arahan/{direction.pk}/konfirmasi/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Dikonfirmasi" in response.content.decode()
    assert DirectionAck.objects.get(direction=direction).acknowledged_at is not None
    assert "Siapkan data posyandu." not in client.get("/pimpinan/arahan/menunggu/").content.decode()


def test_outsider_gets_404_on_acknowledging_a_direction_they_cannot_see(world, login):
    direction = services.give_direction(
        actor=world.user(world.seksi_head), text="Arahan", recipient=world.staff
    )
    response = login(world.it_staff).post(f"/pimpinan/arahan/{direction.pk}/konfirmasi/")
    assert response.status_code == 404


def test_member_posting_a_direction_is_forbidden(world, login):
    response = login(world.staff).post("/pimpinan/arahan/beri/", {"text": "Arahan"})
    assert response.status_code == 403


def test_workspace_lists_the_leaders_last_directions_with_acknowledgement_counts(world, login):
    head = world.user(world.health_head)
    team_wide = services.give_direction(actor=head, text="Turun ke lapangan.")
    personal = services.give_direction(actor=head, text="Kirim laporan.", recipient=world.nurse)
    services.acknowledge_direction(actor=world.user(world.nurse), direction=team_wide)
    services.give_direction(actor=world.user(world.seksi_head), text="Arahan orang lain.")
    listed = login(world.health_head).get("/pimpinan/").context["directions"]
    assert [d.pk for d in listed] == [personal.pk, team_wide.pk]
    assert (listed[0].recipients, listed[0].acknowledged) == (1, 0)
    assert listed[0].recipient.full_name == world.nurse.full_name
    assert (listed[1].recipients, listed[1].acknowledged) == (team_wide.acks.count(), 1)
