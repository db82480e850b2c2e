"""The assessor's team for "Pengembangan Tim": the employees whose pejabat penilai the user is today.

`current_assessor_map` answers "who assesses these people" one employee at a time in Python, which
costs in proportion to the size of the units a head leads (a kepala dinas heads thousands). Here
the question is turned round and answered per unit: the heads of the units in the user's
subtrees are loaded once (a few hundred units at most), the assessor rule
(`derive_assessor`: the first head up the tree of a high enough rank) is applied to each unit and
each rank an employee may need, and the result is one SQL filter. Pages of the team then cost
the same whatever the size of the unit.

Exact where the per-employee rule is special: employees named in a supervision override follow
the override; acting officials (Plt/Plh) of a unit in the subtree, who skip themselves, are resolved
one by one. The result equals `current_assessor_map` (see tests/test_team_scope.py in this app).
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, QuerySet, Value, When

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.domain.positions import (
    EXPERT_LEVELS,
    SKILLED_LEVELS,
    FunctionalLevel,
    PositionKind,
    Rank,
    minimum_assessor_rank,
    rank_of,
)
from kinerja.organisations.domain.supervision import ActingKind, UnitHead
from kinerja.organisations.models import Employee, OrgUnit, SupervisionOverride
from kinerja.organisations.selectors import current_assessor_map, unit_heads

from .domain import MINIMUM_DUTY_STATUSES, PNS_MINIMUM_JP

NOBODY = Q(pk__in=[])


def _position_q_by_rank() -> dict[Rank, Q]:
    """For each rank an assessor may need, the positions (kind and level) that need it."""
    combos: dict[Rank, list[Q]] = {}
    for kind in PositionKind:
        levels: list[FunctionalLevel | None] = [None]
        if kind is PositionKind.FUNCTIONAL_EXPERT:
            levels += sorted(EXPERT_LEVELS)
        elif kind is PositionKind.FUNCTIONAL_SKILLED:
            levels += sorted(SKILLED_LEVELS)
        for level in levels:
            rank = minimum_assessor_rank(kind, level)
            stored = level.value if level else ""
            combos.setdefault(rank, []).append(Q(position__kind=kind.value, position__level=stored))
    return {rank: reduce(or_, parts) for rank, parts in combos.items()}


def _first_official(chain_ids: list[int], heads: dict[int, UnitHead], needed: Rank) -> int | None:
    """`derive_assessor` over a chain of loaded units; None when it leaves the loaded subtrees."""
    for unit_id in chain_ids:
        head = heads.get(unit_id)
        if head is None:
            return None
        official = head.official()
        if official is None or head.head_kind is None:
            continue
        if rank_of(head.head_kind) >= needed:
            return official.employee_id
    return None


def assessed_by(user, on_date: dt.date | None = None) -> Q:
    """A filter on Employee: those whose pejabat penilai on the date is the user.

    A constant number of queries (computed once per request and date, kept on the user): the
    units of the user's subtrees and their heads (three), the acting officials among them (four,
    only when there are some), the overrides naming the user (only when there are some), and
    the ids selected (one).
    """
    on_date = on_date or clock.today()
    cached = getattr(user, "_kinerja_assessed_by", None)
    if cached is not None and cached[0] == on_date:
        return cached[1]
    rule = _assessed_by(user, on_date)
    # The rule is a long filter (units by rank); the ids it selects (one query) make the page's
    # several lists cheap to filter and to plan.
    ids = [] if rule is NOBODY else list(Employee.objects.filter(rule).values_list("pk", flat=True))
    result = in_ids("pk", ids)
    if user is not None and getattr(user, "is_authenticated", False):
        user._kinerja_assessed_by = (on_date, result)
    return result


def _assessed_by(user, on_date: dt.date) -> Q:
    access = access_for(user)
    me = access.employee_id
    if me is None:
        return NOBODY
    parts: list[Q] = []
    overridden = SupervisionOverride.objects.on(on_date).values("employee_id")
    if access.headed_unit_paths:
        units = dict(
            OrgUnit.objects.filter(
                reduce(or_, (Q(path__startswith=p) for p in access.headed_unit_paths))
            ).values_list("id", "path")
        )
        heads = unit_heads(units, on_date)
        by_rank = _position_q_by_rank()
        buckets: dict[tuple[bool, Rank], list[int]] = {}
        for unit_id, path in units.items():
            chain_ids = [int(p) for p in reversed(path.strip("/").split("/")) if p]
            for rank in by_rank:
                # A non-head is assessed from their own unit up; a head from the parent up.
                for is_head, start in ((False, chain_ids), (True, chain_ids[1:])):
                    if _first_official(start, heads, rank) == me:
                        buckets.setdefault((is_head, rank), []).append(unit_id)
        derived = [
            in_ids("unit_id", ids) & Q(position__is_head=is_head) & by_rank[rank]
            for (is_head, rank), ids in buckets.items()
        ]
        # An acting official (Plt/Plh) or one heading several units skips themselves on a chain
        # the buckets cannot see: those few are resolved one by one. A definitive head is a
        # head subject of their own unit, which the buckets already start above.
        officials = [h.official() for h in heads.values() if h.official() is not None]
        seen: set[int] = set()
        special_ids = {me}
        for official in officials:
            if official.acting != ActingKind.DEFINITIVE or official.employee_id in seen:
                special_ids.add(official.employee_id)
            seen.add(official.employee_id)
        if derived:
            parts.append(reduce(or_, derived) & ~in_ids("pk", special_ids) & ~Q(pk__in=overridden))
        special = (
            [
                e
                for e, a in current_assessor_map(sorted(special_ids - {me}), on_date).items()
                if a == me
            ]
            if len(special_ids) > 1
            else []
        )
        if special:
            parts.append(Q(pk__in=sorted(special)))
    if access.override_assessee_ids:
        named = {}
        for o in (
            SupervisionOverride.objects.on(on_date)
            .filter(employee_id__in=sorted(access.override_assessee_ids))
            .order_by("start_date", "id")
        ):
            named[o.employee_id] = o.assessor_id  # the latest override wins, as for the line
        mine = sorted(e for e, a in named.items() if a == me)
        if mine:
            parts.append(Q(pk__in=mine))
    return reduce(or_, parts) if parts else NOBODY


class _AnyOf(Func):
    """`column = ANY(%s)` with the whole id list as one array parameter (PostgreSQL): a team of
    a thousand costs one parameter instead of a thousand in every query that filters on it."""

    output_field = BooleanField()

    def __init__(self, expression, ids: list[int]):
        super().__init__(expression)
        self.ids = ids

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} = ANY(%s)", (*params, self.ids)


def in_ids(field: str, ids: list[int]) -> Q:
    """`field IN ids`, as one array parameter on PostgreSQL."""
    ids = sorted(ids)
    if connection.vendor == "postgresql" and ids:
        return Q(_AnyOf(F(field), ids))
    return Q(**{f"{field}__in": ids})


def members(user) -> QuerySet[Employee]:
    """Active employees the user assesses (not the user)."""
    return Employee.objects.filter(assessed_by(user), is_active=True).exclude(
        pk=access_for(user).employee_id
    )


def below_target_q() -> Q:
    """On employees annotated with `jp_total`: PNS under the yearly minimum (never a PPPK)."""
    return Q(status__in=sorted(MINIMUM_DUTY_STATUSES), jp_total__lt=PNS_MINIMUM_JP)


def team(user, year: int, *, query: str = "", below_only: bool = False) -> QuerySet[Employee]:
    """Active employees the user assesses with their year's JP, PNS below 20 JP first, then by
    name; optionally only those below, or those matching a name/NIP search. Paged by the caller.
    """
    from .selectors import _search, with_jp_total

    qs = with_jp_total(members(user), year).annotate(
        below=Case(
            When(below_target_q(), then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )
    if below_only:
        qs = qs.filter(below_target_q())
    qs = _search(qs, query)
    return qs.select_related("unit", "position").order_by("-below", "name", "nip")


def decidable(user, employee_field: str = "employee") -> Q:
    """A filter on rows of an employee (needs, plans): those of the employees the user assesses,
    or administers as BKPSDM or OPD admin; never the user's own."""
    access = access_for(user)
    assessed = Employee.objects.filter(assessed_by(user)).values("pk")
    parts = [Q(**{f"{employee_field}__in": assessed})]
    if access.manages_all:
        parts = [Q()]
    parts += [
        Q(**{f"{employee_field}__unit__path__startswith": p}) for p in access.admin_unit_paths
    ]
    return reduce(or_, parts) & ~Q(**{f"{employee_field}_id": access.employee_id})
