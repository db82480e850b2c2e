"""The leader's team as one SQL condition, shared by every read of the leadership pages.

The team is the subtree of each unit the user heads (definitively, Plt or Plh) plus the employees
a supervision override names them assessor of, without the user. The head of a large agency is
often also Plt of units inside it (schools whose head post is vacant): their headed units nest,
and only the outermost ones are kept, so the condition is one path prefix, not one per unit
(fifteen `LIKE` alternatives repeated in every query cost planning and compiling time).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee


def outermost_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """The paths not inside another one of them (a materialised path starts with its
    ancestors', and sorts right after them)."""
    roots: list[str] = []
    for path in sorted(set(paths)):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return tuple(roots)


def team_q(user, prefix: str = "") -> Q | None:
    """The condition an employee (or the employee at `prefix`, e.g. "owner__") meets to be in
    the user's team; None when the user has no team."""
    access = access_for(user)
    parts = [Q(**{f"{prefix}unit__path__startswith": p}) for p in team_roots(user)]
    if access.override_assessee_ids:
        parts.append(Q(**{f"{prefix}pk__in": sorted(access.override_assessee_ids)}))
    if not parts:
        return None
    q = reduce(or_, parts) & Q(**{f"{prefix}is_active": True})
    if access.employee_id is not None:
        q &= ~Q(**{f"{prefix}pk": access.employee_id})
    return q


def team_roots(user) -> tuple[str, ...]:
    """Paths of the outermost units the user heads."""
    return outermost_paths(access_for(user).headed_unit_paths)


def team_members(user) -> QuerySet[Employee]:
    """Active employees in the units the user heads, plus those they assess by override, by
    name (the same people as `development.selectors.team_members`)."""
    q = team_q(user)
    if q is None:
        return Employee.objects.none()
    return Employee.objects.filter(q).select_related("unit", "position").order_by("name", "nip")
