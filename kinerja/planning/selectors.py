"""Reads of SKPs: scoping, the detail page, options for linking, and the assessor's queue."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q, QuerySet

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Assignment

from .domain.forms import FormType
from .domain.rules import IndicatorRow, QualityFlags, RhkRow, duplicated_texts, quality_flags
from .domain.workflow import SkpStatus


def head_posts_held(user) -> frozenset[int]:
    """Head positions the user holds today, definitively or as Plt/Plh (one query, cached)."""
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return frozenset()
    cached = getattr(user, "_kinerja_head_posts", None)
    if cached is None:
        cached = frozenset(
            Assignment.objects.on(clock.today())
            .filter(employee_id=employee_id, position__is_head=True)
            .values_list("position_id", flat=True)
        )
        user._kinerja_head_posts = cached
    return cached


def assessor_q(user) -> Q:
    """SKPs this user assesses: named assessor of record, or acting in the assessor's head post."""
    employee_id = getattr(user, "employee_id", None)
    parts = []
    if employee_id:
        parts.append(Q(assessor_id=employee_id))
    posts = head_posts_held(user)
    if posts:
        parts.append(Q(assessor_post_id__in=sorted(posts)))
    return reduce(or_, parts) if parts else Q(pk__in=[])


def visible_skps(qs: QuerySet, user) -> QuerySet:
    """The one row-level scope for SKPs.

    Whoever may see the employee (self, unit heads above, agency admins, regency-wide roles) sees
    their submitted and approved SKPs; the assessor of record (or the Plt/Plh in that post) sees
    the SKPs they assess. A *draft* is seen only by its owner, the assessor of record or acting
    official, the admins of the owner's agency and regency-wide roles.
    """
    from .models import Skp

    access = access_for(user)
    if not access.is_authenticated:
        return qs.none()
    if access.sees_all:
        return qs
    as_assessor = assessor_q(user)
    scoped = access.filter_employees(Skp.objects.all(), "employee").values("pk")
    qs = qs.filter(Q(pk__in=scoped) | as_assessor)
    privileged = [as_assessor]
    if access.employee_id:
        privileged.append(Q(employee_id=access.employee_id))
    privileged += [Q(employee__unit__path__startswith=p) for p in access.admin_unit_paths]
    return qs.filter(~Q(status=SkpStatus.DRAFT) | reduce(or_, privileged))


def _rhk_prefetch():
    from .models import Indicator, Rhk

    return Prefetch(
        "rhks",
        queryset=Rhk.objects.select_related("parent", "parent__skp", "agreement_target")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
        )
        .order_by("-group", "order", "id"),
    )


def skp_detail(user, pk: int):
    """One visible SKP with everything its page shows; raises Skp.DoesNotExist otherwise."""
    from .models import Skp, SkpVersion

    return (
        Skp.objects.visible_to(user)
        .select_related("employee", "assessor", "superior", "approved_by")
        .prefetch_related(
            _rhk_prefetch(),
            "expectations",
            "attachments",
            Prefetch("versions", queryset=SkpVersion.objects.select_related("created_by")),
        )
        .get(pk=pk)
    )


def skps_of(user, *, employee_id: int, year: int | None = None) -> QuerySet:
    from .models import Skp

    qs = Skp.objects.visible_to(user).filter(employee_id=employee_id)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-period_start")


def open_skp(employee_id: int, year: int):
    from .models import Skp

    return Skp.objects.open().filter(employee_id=employee_id, year=year).first()


def superior_rhk_options(skp) -> QuerySet:
    """RHKs of the assessor's open SKP for the same year that a subordinate may intervene in.

    The assessor's RHKs become choosable once their SKP left draft (nobody else sees a draft);
    an RHK already linked (e.g. distributed by the assessor) stays choosable.
    """
    from .models import Rhk

    if skp.assessor_id is None:
        return Rhk.objects.none()
    return (
        Rhk.objects.filter(
            skp__employee_id=skp.assessor_id, skp__year=skp.year, skp__is_closed=False
        )
        .filter(~Q(skp__status=SkpStatus.DRAFT) | Q(children__skp=skp))
        .select_related("skp")
        .distinct()
        .order_by("-group", "order", "id")
    )


def agreement_target_options(skp) -> QuerySet:
    """Perjanjian Kinerja targets of the SKP's agency for the same year (JPT links)."""
    from .models import AgreementTarget

    if skp.unit is None:
        return AgreementTarget.objects.none()
    unit_ids = {skp.unit_id, skp.unit.agency_id or skp.unit_id}
    return AgreementTarget.objects.filter(
        agreement__unit_id__in=unit_ids, agreement__year=skp.year
    ).select_related("agreement")


def rhk_rows(skp) -> list[RhkRow]:
    """The SKP's RHKs as the domain rules see them (uses prefetched rhks when present)."""
    rows = []
    for number, rhk in enumerate(skp.rhks.all(), start=1):
        rows.append(
            RhkRow(
                number=str(number),
                group=rhk.group,
                text=rhk.text,
                linked=rhk.parent_id is not None,
                parent_status=SkpStatus(rhk.parent.skp.status) if rhk.parent_id else None,
                agreement_linked=rhk.agreement_target_id is not None,
                indicators=tuple(
                    IndicatorRow(ind.text, ind.has_target) for ind in rhk.indicators.all()
                ),
            )
        )
    return rows


@dataclass(frozen=True)
class ReviewItem:
    skp: object
    flags: QualityFlags
    rhk_count: int
    flag_messages: tuple[str, ...]


def _review_rhk_prefetch():
    """Only what the quality flags read: no superior SKP rows, no unused columns."""
    from .models import Indicator, Rhk

    return Prefetch(
        "rhks",
        queryset=Rhk.objects.only(
            "id", "skp_id", "group", "text", "parent_id", "agreement_target_id", "order"
        )
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.only(
                    "id", "rhk_id", "text", "target_min", "target_text", "order"
                ).order_by("order", "id"),
            )
        )
        .order_by("-group", "order", "id"),
    )


def _review_rows(skp) -> list[RhkRow]:
    # The queue flags an Utama RHK that is not linked; whether the superior SKP is approved is
    # checked on submission, so its status is not read here.
    return [
        RhkRow(
            number=str(number),
            group=rhk.group,
            text=rhk.text,
            linked=rhk.parent_id is not None,
            agreement_linked=rhk.agreement_target_id is not None,
            indicators=tuple(
                IndicatorRow(ind.text, ind.has_target) for ind in rhk.indicators.all()
            ),
        )
        for number, rhk in enumerate(skp.rhks.all(), start=1)
    ]


def review_queue(user) -> list[ReviewItem]:
    """Submitted SKPs the user assesses, with quality flags; a constant number of queries."""
    from .models import Skp

    skps = list(
        Skp.objects.visible_to(user)
        .filter(assessor_q(user), status=SkpStatus.SUBMITTED)
        .select_related("employee")
        # Approval re-reads each SKP under a lock, so the queue loads only what it shows.
        .only(
            "id",
            "employee_id",
            "employee_name",
            "position_name",
            "submitted_at",
            "form_type",
            "status",
            "employee__id",
            "employee__nip",
        )
        .prefetch_related(_review_rhk_prefetch())
        .order_by("employee_name", "id")
    )
    rows = {skp.pk: _review_rows(skp) for skp in skps}
    duplicates = duplicated_texts(rows.values())
    items = []
    for skp in skps:
        flags = quality_flags(
            rows[skp.pk], duplicates=duplicates, form_type=FormType(skp.form_type)
        )
        items.append(ReviewItem(skp, flags, len(rows[skp.pk]), tuple(flags.messages())))
    return items
