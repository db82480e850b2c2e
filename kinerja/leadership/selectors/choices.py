"""What the direction and field-visit forms offer to choose from, and their search.

A small team is listed whole (every member, every team RHK). Past CHOICE_LIMIT members the
forms list a few (the leader's own RHKs; for a field visit, the members of the units the leader
heads directly) and the rest is found by the htmx search (`search_team`, `search_rhks`, at most
SEARCH_LIMIT results).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import Skp

from ..team import team_members

CHOICE_LIMIT = 60
SEARCH_LIMIT = 20


def kecamatan_options() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(kind="kecamatan", is_active=True).order_by("name")


def rhk_options(user, *, year: int | None = None) -> QuerySet:
    """RHKs of this year's open SKPs of the leader and their team that the leader may see."""
    from kinerja.planning.models import Rhk

    year = year or clock.today().year
    employee_id = getattr(user, "employee_id", None)
    owners = Q(skp__employee__in=team_members(user).values("pk"))
    if employee_id:
        owners |= Q(skp__employee_id=employee_id)
    return (
        Rhk.objects.filter(owners, skp__year=year, skp__is_closed=False)
        .filter(skp__in=Skp.objects.visible_to(user).values("pk"))
        .select_related("skp")
        .order_by("skp__employee_name", "-group", "order", "id")
    )


@dataclass
class DirectionChoices:
    """What the direction form lists: everyone and every team RHK for a small team; for a large
    one the leader's own RHKs, and the rest found by search."""

    members: list[Employee]
    rhks: list
    search: bool


def direction_choices(user, *, team_size: int | None = None) -> DirectionChoices:
    """`team_size`, when the caller knows it, spares reading the names of a large team."""
    members = []
    if team_size is None or team_size <= CHOICE_LIMIT:
        members = list(
            team_members(user)
            .select_related(None)
            .only("pk", "name", "front_title", "back_title", "nip")[: CHOICE_LIMIT + 1]
        )
    if len(members) <= CHOICE_LIMIT and (team_size is None or team_size <= CHOICE_LIMIT):
        return DirectionChoices(members=members, rhks=list(rhk_options(user)), search=False)
    from kinerja.planning.models import Rhk

    own = (
        Rhk.objects.filter(
            skp__employee_id=getattr(user, "employee_id", None),
            skp__year=clock.today().year,
            skp__is_closed=False,
        )
        .select_related("skp")
        .order_by("-group", "order", "id")
    )
    return DirectionChoices(members=[], rhks=list(own), search=True)


def field_visit_choices(user) -> DirectionChoices:
    """What the field-visit form lists: everyone and every team RHK for a small team; for a
    large one the members of the units the user heads directly (capped) and the user's own
    RHKs, the rest found by search."""
    choices = direction_choices(user)
    if not choices.search:
        return choices
    nearby = list(
        team_members(user)
        .filter(unit_id__in=access_for(user).headed_unit_ids)
        .select_related(None)
        .only("pk", "name", "front_title", "back_title", "nip")[:CHOICE_LIMIT]
    )
    return DirectionChoices(members=nearby, rhks=choices.rhks, search=True)


def search_team(user, query: str, *, exclude: Collection[int] = ()) -> list[Employee]:
    """Team members whose name or NIP matches, for the forms' search; `exclude`: those already
    listed, so a search repeated in the field-visit form adds only members not yet there."""
    return list(
        team_members(user)
        .filter(Q(name__icontains=query) | Q(nip__startswith=query))
        .exclude(pk__in=exclude)
        .select_related(None)
        .only("pk", "name", "front_title", "back_title", "nip")[:SEARCH_LIMIT]
    )


def search_rhks(user, query: str, *, exclude: Collection[int] = ()) -> list:
    """RHKs of the leader and their team whose text or owner's name matches, less those already
    listed (`exclude`)."""
    return list(
        rhk_options(user)
        .filter(Q(text__icontains=query) | Q(skp__employee_name__icontains=query))
        .exclude(pk__in=exclude)[:SEARCH_LIMIT]
    )
