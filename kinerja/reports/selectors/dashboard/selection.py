"""Which employees a grouped read counts, and the group key it cuts their unit path to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.functions import Substr

from kinerja.organisations.models import PATH_SEGMENT, OrgUnit


@dataclass(frozen=True)
class Selection:
    """Which employees a grouped read counts: those under any of `paths`, those working in one
    of `unit_ids` itself, those without a unit (`unitless`), or everyone (`everyone`)."""

    paths: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()
    unitless: bool = False
    everyone: bool = False

    @classmethod
    def of(cls, scope: OrgUnit | None) -> Selection:
        return cls(everyone=True) if scope is None else cls(paths=(scope.path,))

    def q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}is_active": True, f"{prefix}skp_exemption": ""})
        if self.everyone:
            return q
        parts = [Q(**{f"{prefix}unit__path__startswith": path}) for path in self.paths]
        if self.unit_ids:
            parts.append(Q(**{f"{prefix}unit__in": list(self.unit_ids)}))
        if self.unitless:
            parts.append(Q(**{f"{prefix}unit__isnull": True}))
        if not parts:
            return Q(pk__in=[])
        return q & reduce(or_, parts)


def _scope_employees(scope: OrgUnit | None, prefix: str = "") -> Q:
    return Selection.of(scope).q(prefix)


def group_cut(scope: OrgUnit | None) -> int:
    """The length of the group keys: the unit path cut at the level below the scope (the
    regency's level below is the perangkat daerah: the children of the root unit)."""
    return (len(scope.path) if scope is not None else PATH_SEGMENT) + PATH_SEGMENT


def _key(prefix: str, cut: int):
    """The group key: the employee's unit path cut at the level below the scope."""
    return Substr(f"{prefix}unit__path", 1, cut)
