"""Each persona can open the pages of the foundation and sees only their scope."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_staff_sees_own_profile_with_assessor_line(world, login):
    client = login(world.staff)
    response = client.get(reverse("organisations:profile", args=[world.staff.nip]))
    assert response.status_code == 200
    assert world.seksi_head.full_name in response.content.decode()


def test_staff_cannot_see_someone_elses_profile(world, login):
    client = login(world.staff)
    assert (
        client.get(reverse("organisations:profile", args=[world.it_staff.nip])).status_code == 404
    )


def test_directory_of_kepala_bidang_lists_only_their_subtree(world, login):
    client = login(world.bidang_head)
    body = client.get(reverse("organisations:directory")).content.decode()
    assert world.staff.full_name in body
    assert world.it_staff.full_name not in body


def test_tree_and_home_render(world, login):
    client = login(world.bkpsdm_admin)
    assert client.get(reverse("organisations:tree")).status_code == 200
    assert client.get(reverse("home")).status_code == 200
