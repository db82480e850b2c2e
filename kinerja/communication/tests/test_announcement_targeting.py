"""Who sees which announcement: place (everyone, agency, unit subtree), position kind, role, time."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja.communication.selectors import audience, visible_announcements
from kinerja.core import clock
from kinerja.organisations.access import access_for

PERSONAS = [
    "regent",
    "sekda",
    "health_head",
    "bidang_head",
    "seksi_head",
    "staff",
    "nurse",
    "health_admin",
    "it_head",
    "it_staff",
    "bkpsdm_admin",
    "auditor",
]


def seen_by(world, announcement) -> set[str]:
    return {
        name
        for name in PERSONAS
        if visible_announcements(world.user(getattr(world, name)))
        .filter(pk=announcement.pk)
        .exists()
    }


def audience_names(world, announcement) -> set[str]:
    ids = set(audience(announcement).values_list("pk", flat=True))
    return {name for name in PERSONAS if getattr(world, name).pk in ids}


@pytest.mark.django_db
def test_announcement_to_everyone_is_seen_by_every_employee(world, publish):
    a = publish(scope="all")
    assert seen_by(world, a) == set(PERSONAS)
    assert audience_names(world, a) == set(PERSONAS)


@pytest.mark.django_db
def test_agency_target_reaches_the_whole_agency_tree_and_no_other_agency(world, publish):
    a = publish(scope="agencies", agencies=[world.health])
    expected = {"health_head", "bidang_head", "seksi_head", "staff", "nurse", "health_admin"}
    assert seen_by(world, a) == expected
    assert audience_names(world, a) == expected


@pytest.mark.django_db
def test_unit_target_reaches_the_unit_subtree_only(world, publish):
    a = publish(scope="units", units=[world.health_bidang])
    expected = {"bidang_head", "seksi_head", "staff"}
    assert seen_by(world, a) == expected
    assert audience_names(world, a) == expected


@pytest.mark.django_db
def test_position_kind_target_reaches_those_position_kinds(world, publish):
    a = publish(scope="all", position_kinds=["jpt_pratama"])
    expected = {"sekda", "health_head", "it_head"}
    assert seen_by(world, a) == expected
    assert audience_names(world, a) == expected


@pytest.mark.django_db
def test_role_target_reaches_holders_of_the_role(world, publish):
    a = publish(scope="all", roles=["opd_admin", "auditor"])
    expected = {"health_admin", "auditor"}
    assert seen_by(world, a) == expected
    assert audience_names(world, a) == expected


@pytest.mark.django_db
def test_place_and_position_kind_combine_as_both_required(world, publish):
    a = publish(scope="agencies", agencies=[world.health], position_kinds=["pelaksana"])
    expected = {"staff", "health_admin"}
    assert seen_by(world, a) == expected
    assert audience_names(world, a) == expected


@pytest.mark.django_db
def test_scheduled_announcement_is_not_visible_before_its_time(world, publish):
    a = publish(scope="all", publish_at=clock.now() + dt.timedelta(days=1))
    assert seen_by(world, a) == set()
    later = clock.now() + dt.timedelta(days=2)
    user = world.user(world.staff)
    assert visible_announcements(user, now=later).filter(pk=a.pk).exists()


@pytest.mark.django_db
def test_expired_announcement_is_hidden(world, publish):
    a = publish(
        scope="all",
        publish_at=clock.now() - dt.timedelta(days=3),
        expires_at=clock.now() - dt.timedelta(days=1),
    )
    assert seen_by(world, a) == set()


@pytest.mark.django_db
def test_pinned_announcements_come_first(world, publish):
    older_pinned = publish(
        title="Disematkan", pinned=True, publish_at=clock.now() - dt.timedelta(days=5)
    )
    newer = publish(title="Baru")
    titles = [a.pk for a in visible_announcements(world.user(world.staff))]
    assert titles == [older_pinned.pk, newer.pk]


@pytest.mark.django_db
def test_visible_announcements_is_one_query(world, publish, django_assert_num_queries):
    publish(scope="agencies", agencies=[world.health], position_kinds=["pelaksana"])
    publish(scope="units", units=[world.health_seksi], roles=["opd_admin"])
    publish(scope="all")
    user = world.user(world.staff)
    access_for(user)  # computed once per request by the navigation already
    with django_assert_num_queries(1):
        rows = list(visible_announcements(user))
    assert len(rows) == 2
    assert all(row.is_read is False for row in rows)
