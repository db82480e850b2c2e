"""Reads of the organisation: the tree, the directory, profiles and assessor lines."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from kinerja.core import clock

from .domain.positions import FunctionalLevel, PositionKind
from .domain.supervision import ActingKind, Holder, Subject, UnitHead, derive_assessor
from .models import Assignment, Employee, OrgUnit, Position, SupervisionOverride


def employee_directory(user, *, query: str = "", unit: OrgUnit | None = None) -> QuerySet[Employee]:
    """Employees the user may see, filtered by name/NIP and unit subtree; one query per page."""
    qs = Employee.objects.visible_to(user).filter(is_active=True).select_related("unit", "position")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    query = (query or "").strip()
    if query:
        digits = query.replace(" ", "")
        if digits.isdigit():
            qs = qs.filter(nip__startswith=digits)
        else:
            for word in query.split():
                qs = qs.filter(name__icontains=word)
    return qs.order_by("name", "nip")


def unit_tree(user, *, root: OrgUnit | None = None, max_depth: int | None = None) -> list[OrgUnit]:
    """Visible units in tree order with their direct employee counts (one query)."""
    qs = OrgUnit.objects.visible_to(user).filter(is_active=True)
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    if max_depth is not None:
        qs = qs.filter(depth__lte=max_depth)
    return list(
        qs.annotate(employee_count=Count("employees", filter=Q(employees__is_active=True)))
        .only("id", "name", "kind", "code", "parent_id", "path", "depth", "agency_id")
        .order_by("path")
    )


def agencies(user) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.visible_to(user).filter(depth=1, is_active=True).order_by("name")


def employee_profile(user, nip: str) -> Employee:
    """One visible employee with unit and position; raises Employee.DoesNotExist otherwise."""
    return (
        Employee.objects.visible_to(user)
        .select_related("unit", "position", "unit__agency")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("position", "position__unit").order_by(
                    "-start_date"
                ),
            )
        )
        .get(nip=nip)
    )


@dataclass(frozen=True)
class AssessorLine:
    """The pejabat penilai kinerja and the atasan pejabat penilai of an employee on a date."""

    on_date: dt.date
    assessor: Employee | None
    assessor_acting: str
    assessor_source: str
    superior: Employee | None
    superior_acting: str
    superior_source: str

    @property
    def is_complete(self) -> bool:
        return self.assessor is not None


def unit_heads(unit_ids: Iterable[int], on_date: dt.date) -> dict[int, UnitHead]:
    """Head positions of the given units with who holds or acts in them on the date (two queries):
    the ground of the assessor-line rule, shared with development's team page."""
    ids = list(set(unit_ids))
    heads = {
        p.unit_id: p for p in Position.objects.filter(unit_id__in=ids, is_head=True, is_active=True)
    }
    holders: dict[int, list[Holder]] = defaultdict(list)
    for a in Assignment.objects.on(on_date).filter(position_id__in=[p.pk for p in heads.values()]):
        holders[a.position_id].append(Holder(a.employee_id, ActingKind(a.acting)))
    result = {}
    for unit_id in ids:
        pos = heads.get(unit_id)
        result[unit_id] = UnitHead(
            unit_id=unit_id,
            head_kind=PositionKind(pos.kind) if pos else None,
            holders=tuple(holders.get(pos.pk, ())) if pos else (),
        )
    return result


def _subject(employee: Employee) -> Subject | None:
    pos = employee.position
    if pos is None:
        return None
    return Subject(
        employee_id=employee.pk,
        kind=PositionKind(pos.kind),
        level=FunctionalLevel(pos.level) if pos.level else None,
        is_head=pos.is_head,
    )


def _assessor_id(employee: Employee, on_date: dt.date) -> tuple[int | None, str, str, int | None]:
    """(assessor id, acting kind, source, explicit superior id) for one employee."""
    override = (
        SupervisionOverride.objects.on(on_date)
        .filter(employee_id=employee.pk)
        .order_by("-start_date", "-id")
        .first()
    )
    if override is not None:
        return (
            override.assessor_id,
            ActingKind.DEFINITIVE.value,
            "override",
            override.assessor_superior_id,
        )
    subject = _subject(employee)
    if subject is None or employee.unit is None:
        return None, "", "", None
    chain_ids = list(reversed(employee.unit.ancestor_ids()))
    heads = unit_heads(chain_ids, on_date)
    found = derive_assessor(subject, [heads[i] for i in chain_ids])
    if found is None:
        return None, "", "", None
    return found.employee_id, found.acting.value, found.source, None


def assessor_line(employee: Employee, on_date: dt.date | None = None) -> AssessorLine:
    """Resolve both links of the line: overrides first, then the tree (with Plt/Plh)."""
    on_date = on_date or clock.today()
    assessor_id, acting, source, explicit_superior = _assessor_id(employee, on_date)
    assessor = superior = None
    sup_acting = sup_source = ""
    if assessor_id is not None:
        assessor = Employee.objects.select_related("unit", "position").get(pk=assessor_id)
        if explicit_superior is not None:
            superior_id, sup_acting, sup_source = (
                explicit_superior,
                ActingKind.DEFINITIVE.value,
                "override",
            )
        elif assessor.position is not None and assessor.position.kind == PositionKind.REGENT:
            # The regent assesses JPT and is also their atasan penilai (domain-reference §5).
            superior_id, sup_acting, sup_source = assessor.pk, acting, source
        else:
            superior_id, sup_acting, sup_source, _ = _assessor_id(assessor, on_date)
        if superior_id is not None:
            superior = (
                assessor
                if superior_id == assessor.pk
                else Employee.objects.select_related("unit", "position").get(pk=superior_id)
            )
    return AssessorLine(on_date, assessor, acting, source, superior, sup_acting, sup_source)


def current_assessor_map(
    employee_ids: Iterable[int], on_date: dt.date | None = None
) -> dict[int, int | None]:
    """Assessor of many employees at once with a constant number of queries (used for cycle checks)."""
    on_date = on_date or clock.today()
    employees = list(
        Employee.objects.filter(pk__in=list(employee_ids)).select_related("unit", "position")
    )
    overrides = {
        o.employee_id: o.assessor_id
        for o in SupervisionOverride.objects.on(on_date)
        .filter(employee_id__in=[e.pk for e in employees])
        .order_by("start_date", "id")
    }
    unit_ids: set[int] = set()
    for e in employees:
        if e.unit is not None:
            unit_ids.update(e.unit.ancestor_ids())
    heads = unit_heads(unit_ids, on_date)
    result: dict[int, int | None] = {}
    for e in employees:
        if e.pk in overrides:
            result[e.pk] = overrides[e.pk]
            continue
        subject = _subject(e)
        if subject is None or e.unit is None:
            result[e.pk] = None
            continue
        chain = [heads[i] for i in reversed(e.unit.ancestor_ids())]
        found = derive_assessor(subject, chain)
        result[e.pk] = found.employee_id if found else None
    return result


def supervision_history(employee: Employee) -> QuerySet[SupervisionOverride]:
    return (
        SupervisionOverride.objects.filter(employee=employee)
        .select_related("assessor", "assessor_superior", "created_by")
        .order_by("-start_date", "-id")
    )
