"""The leader's team as one condition: nested headed units collapse to the outermost."""

import pytest

from kinerja.core import clock
from kinerja.development.selectors import team_members as development_team
from kinerja.leadership.team import outermost_paths, team_members, team_roots
from kinerja.organisations import services as org
from kinerja.organisations.access import forget_access
from kinerja.organisations.models import Position

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("paths", "roots"),
    [
        ((), ()),
        (("0001/",), ("0001/",)),
        (("0001/0002/", "0001/"), ("0001/",)),
        (("0001/0002/", "0001/0002/0003/", "0004/"), ("0001/0002/", "0004/")),
        # A sibling whose segment starts like another's is not inside it.
        (("0001/0002/", "0001/00020/"), ("0001/0002/", "0001/00020/")),
    ],
)
def test_outermost_paths_keep_only_units_not_inside_another(paths, roots):
    assert outermost_paths(paths) == roots


def test_a_head_acting_in_a_unit_of_their_own_tree_has_one_root_and_the_same_team(world):
    """The head of an agency who is also Plt of a vacant head post inside it, and assessor of
    someone elsewhere by override: the team is what the development app counts, written as one
    path prefix (plus the override)."""
    today = clock.today()
    vacant = Position.objects.get(unit=world.puskesmas, is_head=True)
    org.assign_position(
        actor=None, employee=world.health_head, position=vacant, start_date=today, acting="plt"
    )
    org.set_assessor_override(
        actor=None,
        employee=world.it_staff,
        assessor=world.health_head,
        start_date=today,
        reason="Penugasan khusus",
    )
    head = world.user(world.health_head)
    forget_access(head)
    assert team_roots(head) == (world.health.path,)
    members = set(team_members(head).values_list("pk", flat=True))
    assert members == set(development_team(head).values_list("pk", flat=True))
    assert {world.nurse.pk, world.staff.pk, world.it_staff.pk} <= members
    assert world.health_head.pk not in members
    sql = str(team_members(head).query)
    assert sql.count("LIKE") == 1, sql


def test_a_member_without_a_team_has_none(world):
    staff = world.user(world.staff)
    assert team_roots(staff) == ()
    assert not team_members(staff).exists()
