"""Reads of the organisational plans: goals and Perjanjian Kinerja per year."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import F, Prefetch, Q, QuerySet

from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from .models import AgreementTarget, OrgGoal, PerformanceAgreement


@dataclass(frozen=True)
class OrgPerformance:
    year: int
    goals: list
    agreements: list


def org_performance(user, *, year: int, agency_id: int | None = None) -> OrgPerformance:
    """The year's goals and every visible Perjanjian Kinerja with its targets (3 queries)."""
    goals = list(OrgGoal.objects.filter(year=year).order_by("order", "id"))
    agreements = (
        PerformanceAgreement.objects.visible_to(user)
        .filter(year=year)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=AgreementTarget.objects.select_related("goal").order_by("order", "id"),
            )
        )
        .order_by("unit__path")
    )
    if agency_id is not None:
        agreements = agreements.filter(unit_id=agency_id)
    return OrgPerformance(year=year, goals=goals, agreements=list(agreements))


def managed_agencies(user) -> QuerySet:
    """Perangkat daerah (top-level units under the regency) whose PK the user may fill in."""
    access = access_for(user)
    qs = agencies()
    if access.manages_all:
        return qs
    if not access.admin_unit_paths:
        return qs.none()
    return qs.filter(reduce(or_, (Q(path__startswith=p) for p in access.admin_unit_paths)))


def agencies() -> QuerySet:
    """Every active perangkat daerah (a unit that is its own agency)."""
    return OrgUnit.objects.filter(is_active=True, agency_id=F("id")).order_by("name")
