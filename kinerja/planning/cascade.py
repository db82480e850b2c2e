"""The cascade tree (RPJMD goal → Perjanjian Kinerja → JPT RHK → staff RHKs) and its coverage.

The tree opens level by level: the first page holds the regent's goals and the agencies'
Perjanjian Kinerja with the number of RHKs under each; the RHKs below a node are read when the
node is opened (one page of children at a time). Every read goes through the SKP scope
(`Skp.objects.visible_to`), so a draft never shows to someone who may not see it. The coverage
report is counted in the database and its names are listed a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Trim

from .domain.forms import RhkGroup
from .models import AgreementTarget, Indicator, OrgGoal, Rhk, Skp

# Kinds of nodes whose children are read on demand.
NODE_TARGET = "target"
NODE_RHK = "rhk"
NODE_LOOSE = "lepas"  # RHKs linked neither to a Perjanjian Kinerja nor to a visible superior RHK
NODE_KINDS = (NODE_TARGET, NODE_RHK, NODE_LOOSE)

# Coverage lists.
COVER_UNSUPPORTED = "tanpa-dukungan"
COVER_UNLINKED = "tidak-terkait"
COVER_NO_TARGET = "tanpa-target"
COVERAGE_LABELS = {
    COVER_UNSUPPORTED: "RHK atasan yang belum didukung bawahan",
    COVER_UNLINKED: "RHK Utama yang tidak terkait apa pun",
    COVER_NO_TARGET: "Indikator tanpa target",
}

INDICATOR_FIELDS = (
    "id",
    "rhk_id",
    "aspect",
    "text",
    "target_min",
    "target_max",
    "target_unit",
    "target_text",
    "order",
)
RHK_FIELDS = (
    "id",
    "skp_id",
    "group",
    "text",
    "parent_id",
    "agreement_target_id",
    "order",
    "skp__employee_name",
    "skp__position_name",
    "skp__unit_name",
)


def scoped_skps(user, *, year: int, agency=None) -> QuerySet:
    """Open SKPs of the year the user may see, optionally limited to one agency's subtree."""
    skps = Skp.objects.visible_to(user).filter(year=year, is_closed=False)
    if agency is not None:
        skps = skps.filter(unit__path__startswith=agency.path)
    return skps


def scoped_rhks(user, *, year: int, agency=None) -> QuerySet:
    return Rhk.objects.filter(skp__in=scoped_skps(user, year=year, agency=agency).values("pk"))


@dataclass
class TargetNode:
    target: AgreementTarget
    rhk_count: int = 0

    @property
    def label(self) -> str:
        t = self.target
        return (
            f"{t.agreement.unit.name}: {t.objective} — IKU {t.indicator} "
            f"(target {t.target_value.normalize():f} {t.target_unit})"
        )


@dataclass
class GoalNode:
    goal: OrgGoal | None  # None: Perjanjian Kinerja rows tied to no goal of the year
    targets: list[TargetNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.goal.text if self.goal else "Perjanjian Kinerja tanpa sasaran daerah"


@dataclass(frozen=True)
class CoverageCounts:
    unsupported: int
    unlinked: int
    indicators_without_target: int


@dataclass(frozen=True)
class CascadeOverview:
    """The top of the tree and the coverage counts (a fixed number of queries)."""

    goals: list[GoalNode]
    loose_count: int  # RHKs at the top of no Perjanjian Kinerja chain
    rhk_count: int
    coverage: CoverageCounts


def _top_level(rhks: QuerySet, skps: QuerySet) -> QuerySet:
    """RHKs whose superior RHK is absent or outside the scope: they hang under a PK row or, when
    linked to none, in the "loose" group."""
    return rhks.filter(Q(parent__isnull=True) | ~Q(parent__skp__in=skps.values("pk")))


def overview(user, *, year: int, agency=None) -> CascadeOverview:
    skps = scoped_skps(user, year=year, agency=agency)
    rhks = Rhk.objects.filter(skp__in=skps.values("pk"))
    goals = list(OrgGoal.objects.filter(year=year).order_by("order", "id"))
    targets_qs = AgreementTarget.objects.filter(agreement__year=year).select_related(
        "agreement__unit"
    )
    if agency is not None:
        targets_qs = targets_qs.filter(agreement__unit__path__startswith=agency.path)
    targets = list(targets_qs.order_by("agreement__unit__path", "order", "id"))
    top = _top_level(rhks, skps)
    per_target = dict(
        top.filter(agreement_target__in=[t.pk for t in targets])
        .order_by()
        .values_list("agreement_target_id")
        .annotate(n=Count("pk"))
    )
    by_goal = {goal.pk: GoalNode(goal) for goal in goals}
    loose_targets = GoalNode(None)
    for target in targets:
        node = TargetNode(target, per_target.get(target.pk, 0))
        by_goal.get(target.goal_id, loose_targets).targets.append(node)
    nodes = list(by_goal.values())
    if loose_targets.targets:
        nodes.append(loose_targets)
    # One pass over the RHKs for the totals, the loose group and the unlinked ones.
    top_q = Q(parent__isnull=True) | ~Q(parent__skp__in=skps.values("pk"))
    totals = rhks.aggregate(
        all=Count("pk"),
        loose=Count("pk", filter=top_q & Q(agreement_target__isnull=True)),
        unlinked=Count("pk", filter=UNLINKED_Q),
    )
    return CascadeOverview(
        goals=nodes,
        loose_count=totals["loose"],
        rhk_count=totals["all"],
        coverage=CoverageCounts(
            unsupported=_unsupported(skps, rhks).count(),
            unlinked=totals["unlinked"],
            indicators_without_target=_without_target(rhks).count(),
        ),
    )


def _children_count(skps: QuerySet):
    """Per RHK: how many RHKs in scope support it (intervene in it)."""
    supporting = (
        Rhk.objects.filter(parent=OuterRef("pk"), skp__in=skps.values("pk"))
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(supporting, output_field=IntegerField()), 0)


def _with_tree_columns(rhks: QuerySet, skps: QuerySet) -> QuerySet:
    return (
        rhks.select_related("skp")
        .only(*RHK_FIELDS)
        .annotate(support_count=_children_count(skps))
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.only(*INDICATOR_FIELDS).order_by("order", "id"),
            )
        )
        .order_by("skp__unit_name", "skp__employee_name", "-group", "order", "id")
    )


def node_children(user, *, kind: str, pk: int | None, year: int, agency=None) -> QuerySet:
    """The RHKs right below one node, with their supporting counts and indicators; a queryset
    for paging. Raises Rhk.DoesNotExist / AgreementTarget.DoesNotExist for a node out of scope."""
    skps = scoped_skps(user, year=year, agency=agency)
    rhks = Rhk.objects.filter(skp__in=skps.values("pk"))
    if kind == NODE_RHK:
        if not rhks.filter(pk=pk).exists():  # the opened RHK itself must be visible
            raise Rhk.DoesNotExist
        children = rhks.filter(parent_id=pk)
    elif kind == NODE_TARGET:
        if not AgreementTarget.objects.filter(agreement__year=year, pk=pk).exists():
            raise AgreementTarget.DoesNotExist
        children = _top_level(rhks, skps).filter(agreement_target_id=pk)
    else:
        children = _top_level(rhks, skps).filter(agreement_target__isnull=True)
    return _with_tree_columns(children, skps)


def node_title(user, *, kind: str, pk: int | None, year: int, agency=None) -> str:
    """The label of an opened node, for the page shown without JavaScript."""
    if kind == NODE_RHK:
        rhk = (
            scoped_rhks(user, year=year, agency=agency)
            .select_related("skp")
            .only(*RHK_FIELDS)
            .get(pk=pk)
        )
        return f"{rhk.text} — {rhk.skp.employee_name} ({rhk.skp.position_name})"
    if kind == NODE_TARGET:
        target = AgreementTarget.objects.select_related("agreement__unit").get(pk=pk)
        return TargetNode(target).label
    return "RHK yang tidak terhubung ke Perjanjian Kinerja"


def _unsupported(skps: QuerySet, rhks: QuerySet) -> QuerySet:
    """Utama RHKs of assessors (in scope) that no RHK in scope intervenes in."""
    supported = Rhk.objects.filter(parent=OuterRef("pk"), skp__in=skps.values("pk"))
    return rhks.filter(
        group=RhkGroup.UTAMA, skp__employee_id__in=skps.values("assessor_id")
    ).filter(~Exists(supported))


UNLINKED_Q = Q(group=RhkGroup.UTAMA, parent__isnull=True, agreement_target__isnull=True)


def _unlinked(rhks: QuerySet) -> QuerySet:
    return rhks.filter(UNLINKED_Q)


def _without_target(rhks: QuerySet) -> QuerySet:
    # Same rule as Indicator.has_target: no number and no (non-blank) qualitative text.
    return (
        Indicator.objects.filter(rhk__in=rhks.values("pk"), target_min__isnull=True)
        .annotate(target_text_trimmed=Trim("target_text"))
        .filter(target_text_trimmed="")
    )


def coverage_counts(user, *, year: int, agency=None) -> CoverageCounts:
    skps = scoped_skps(user, year=year, agency=agency)
    rhks = Rhk.objects.filter(skp__in=skps.values("pk"))
    return CoverageCounts(
        unsupported=_unsupported(skps, rhks).count(),
        unlinked=_unlinked(rhks).count(),
        indicators_without_target=_without_target(rhks).count(),
    )


def coverage_list(user, *, kind: str, year: int, agency=None) -> QuerySet:
    """One coverage list as a queryset for paging: RHKs (with their SKP's names) or, for
    indicators without a target, indicators with their RHK and SKP."""
    skps = scoped_skps(user, year=year, agency=agency)
    rhks = Rhk.objects.filter(skp__in=skps.values("pk"))
    if kind == COVER_NO_TARGET:
        return (
            _without_target(rhks)
            .select_related("rhk__skp")
            .only(
                "id",
                "text",
                "rhk__id",
                "rhk__text",
                "rhk__skp_id",
                "rhk__skp__employee_name",
                "rhk__skp__unit_name",
            )
            .order_by("rhk__skp__unit_name", "rhk__skp__employee_name", "rhk_id", "order", "id")
        )
    chosen = _unsupported(skps, rhks) if kind == COVER_UNSUPPORTED else _unlinked(rhks)
    return (
        chosen.select_related("skp")
        .only(*RHK_FIELDS)
        .order_by("skp__unit_name", "skp__employee_name", "order", "id")
    )
