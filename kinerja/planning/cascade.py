"""The cascade tree (RPJMD goal → Perjanjian Kinerja → JPT RHK → staff RHKs) and its coverage.

Built from four queries whatever the size of the agency: goals, PK targets, the RHKs of the
visible open SKPs of the year, and their indicators; the tree is assembled in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .domain.forms import RhkGroup
from .models import AgreementTarget, Indicator, OrgGoal, Rhk, Skp


@dataclass
class Node:
    kind: str  # "goal" | "target" | "rhk" | "group"
    obj: object | None
    label: str
    children: list[Node] = field(default_factory=list)


@dataclass
class CascadeReport:
    roots: list[Node]
    unsupported: list[Rhk]  # superior RHKs no subordinate intervenes in
    unlinked: list[Rhk]  # Utama RHKs linked to nothing
    indicators_without_target: list[Indicator]
    rhk_count: int


def cascade(user, *, year: int, agency=None) -> CascadeReport:
    goals = list(OrgGoal.objects.filter(year=year).order_by("order", "id"))
    targets_qs = AgreementTarget.objects.filter(agreement__year=year).select_related(
        "agreement__unit"
    )
    skps = Skp.objects.visible_to(user).filter(year=year, is_closed=False)
    if agency is not None:
        targets_qs = targets_qs.filter(agreement__unit__path__startswith=agency.path)
        skps = skps.filter(unit__path__startswith=agency.path)
    targets = list(targets_qs.order_by("agreement__unit__path", "order", "id"))
    rhks = list(
        Rhk.objects.filter(skp__in=skps.values("pk"))
        .select_related("skp")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order")))
        .order_by("skp__unit_name", "skp__employee_name", "-group", "order", "id")
    )

    by_parent: dict[int, list[Rhk]] = defaultdict(list)
    by_target: dict[int, list[Rhk]] = defaultdict(list)
    ids = {r.pk for r in rhks}
    placed: set[int] = set()
    for rhk in rhks:
        if rhk.parent_id in ids:
            by_parent[rhk.parent_id].append(rhk)
        elif rhk.agreement_target_id:
            by_target[rhk.agreement_target_id].append(rhk)

    def rhk_node(rhk: Rhk, seen: frozenset[int]) -> Node:
        placed.add(rhk.pk)
        label = f"{rhk.text} — {rhk.skp.employee_name} ({rhk.skp.position_name})"
        node = Node("rhk", rhk, label)
        for child in by_parent.get(rhk.pk, []):
            if child.pk not in seen:  # a corrupted loop never recurses forever
                node.children.append(rhk_node(child, seen | {child.pk}))
        return node

    def target_node(target: AgreementTarget) -> Node:
        label = (
            f"{target.agreement.unit.name}: {target.objective} — IKU {target.indicator} "
            f"(target {target.target_value.normalize():f} {target.target_unit})"
        )
        return Node(
            "target",
            target,
            label,
            [rhk_node(r, frozenset({r.pk})) for r in by_target.get(target.pk, [])],
        )

    roots: list[Node] = []
    by_goal: dict[int | None, list[AgreementTarget]] = defaultdict(list)
    for target in targets:
        by_goal[target.goal_id].append(target)
    for goal in goals:
        roots.append(
            Node("goal", goal, goal.text, [target_node(t) for t in by_goal.get(goal.pk, [])])
        )
    loose_targets = [t for t in targets if t.goal_id not in {g.pk for g in goals}]
    if loose_targets:
        roots.append(
            Node(
                "group",
                None,
                "Perjanjian Kinerja tanpa sasaran daerah",
                [target_node(t) for t in loose_targets],
            )
        )
    rest = [r for r in rhks if r.pk not in placed and (r.parent_id not in ids)]
    rest_nodes = [rhk_node(r, frozenset({r.pk})) for r in rest if r.pk not in placed]
    if rest_nodes:
        roots.append(
            Node("group", None, "RHK yang tidak terhubung ke Perjanjian Kinerja", rest_nodes)
        )

    assessor_ids = {r.skp.assessor_id for r in rhks if r.skp.assessor_id}
    unsupported = [
        r
        for r in rhks
        if r.group == RhkGroup.UTAMA
        and r.skp.employee_id in assessor_ids
        and not by_parent.get(r.pk)
    ]
    unlinked = [
        r
        for r in rhks
        if r.group == RhkGroup.UTAMA and r.parent_id is None and r.agreement_target_id is None
    ]
    without_target = [i for r in rhks for i in r.indicators.all() if not i.has_target]
    return CascadeReport(
        roots=roots,
        unsupported=unsupported,
        unlinked=unlinked,
        indicators_without_target=without_target,
        rhk_count=len(rhks),
    )
