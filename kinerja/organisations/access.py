"""Row-level access: what a signed-in user may see, computed once per request.

Every `visible_to(user)` in the product is built from this object, so the rules live here once:
- BKPSDM admins, leadership (regent, sekda), auditors and superusers see the whole regency;
- an OPD admin sees their perangkat daerah's subtree;
- a unit head (definitive, Plt or Plh on today's date) sees the subtree of the unit they head;
- an assessor named by an override sees that assessee;
- everyone sees themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from kinerja.core import clock

REGENCY_WIDE_READ = frozenset({"bkpsdm_admin", "leadership", "auditor"})


@dataclass(frozen=True)
class Access:
    user_id: int | None
    employee_id: int | None
    is_superuser: bool = False
    roles: frozenset[str] = frozenset()
    admin_unit_paths: tuple[str, ...] = ()
    headed_unit_paths: tuple[str, ...] = ()
    headed_unit_ids: tuple[int, ...] = ()
    override_assessee_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def sees_all(self) -> bool:
        return self.is_superuser or bool(self.roles & REGENCY_WIDE_READ)

    @property
    def manages_all(self) -> bool:
        """May correct data anywhere (BKPSDM admin, superuser)."""
        return self.is_superuser or "bkpsdm_admin" in self.roles

    @property
    def is_opd_admin(self) -> bool:
        return "opd_admin" in self.roles

    @property
    def is_auditor(self) -> bool:
        return "auditor" in self.roles

    @property
    def is_leadership(self) -> bool:
        return "leadership" in self.roles

    @property
    def is_head(self) -> bool:
        return bool(self.headed_unit_ids)

    @property
    def is_assessor(self) -> bool:
        return self.is_head or bool(self.override_assessee_ids)

    def manages_unit_path(self, path: str) -> bool:
        """May this user correct data of the unit at `path` (admin scope, not just visibility)?"""
        if self.manages_all:
            return True
        return any(path.startswith(p) for p in self.admin_unit_paths)

    def sees_unit_path(self, path: str) -> bool:
        if self.sees_all:
            return True
        return any(path.startswith(p) for p in (*self.admin_unit_paths, *self.headed_unit_paths))

    def _path_q(self, prefix: str) -> Q | None:
        paths = (*self.admin_unit_paths, *self.headed_unit_paths)
        if not paths:
            return None
        return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))

    def filter_units(self, qs: QuerySet) -> QuerySet:
        if not self.is_authenticated:
            return qs.none()
        if self.sees_all:
            return qs
        q = self._path_q("")
        own_unit_q = Q(employees__pk=self.employee_id) if self.employee_id else None
        parts = [p for p in (q, own_unit_q) if p is not None]
        if not parts:
            return qs.none()
        return qs.filter(reduce(or_, parts)).distinct()

    def filter_by_unit(self, qs: QuerySet, unit_field: str) -> QuerySet:
        """Scope any model that hangs off an org unit."""
        if not self.is_authenticated:
            return qs.none()
        if self.sees_all:
            return qs
        q = self._path_q(f"{unit_field}__")
        return qs.filter(q) if q is not None else qs.none()

    def filter_employees(self, qs: QuerySet, employee_field: str = "") -> QuerySet:
        """Scope employees, or any model with an employee foreign key (`employee_field`)."""
        if not self.is_authenticated:
            return qs.none()
        if self.sees_all:
            return qs
        prefix = f"{employee_field}__" if employee_field else ""
        parts: list[Q] = []
        if self.employee_id:
            parts.append(Q(**{f"{prefix}pk": self.employee_id}))
        path_q = self._path_q(f"{prefix}unit__")
        if path_q is not None:
            parts.append(path_q)
        if self.override_assessee_ids:
            parts.append(Q(**{f"{prefix}pk__in": sorted(self.override_assessee_ids)}))
        if not parts:
            return qs.none()
        return qs.filter(reduce(or_, parts))


ANONYMOUS = Access(user_id=None, employee_id=None)


def compute_access(user) -> Access:
    """Load roles, headed units and override assessees for a user (three small queries)."""
    from .models import Assignment, OrgUnit, RoleGrant, SupervisionOverride

    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    employee_id = getattr(user, "employee_id", None)
    roles: set[str] = set()
    admin_paths: list[str] = []
    headed_paths: list[str] = []
    headed_ids: list[int] = []
    overrides: frozenset[int] = frozenset()
    if employee_id:
        today = clock.today()
        for grant in RoleGrant.objects.filter(
            employee_id=employee_id, is_active=True
        ).select_related("unit"):
            roles.add(grant.role)
            if grant.role == "opd_admin" and grant.unit is not None:
                admin_paths.append(grant.unit.path)
        headed = (
            OrgUnit.objects.filter(
                positions__is_head=True,
                positions__assignments__in=Assignment.objects.on(today).filter(
                    employee_id=employee_id
                ),
            )
            .values_list("id", "path")
            .distinct()
        )
        for unit_id, path in headed:
            headed_ids.append(unit_id)
            headed_paths.append(path)
        overrides = frozenset(
            SupervisionOverride.objects.on(today)
            .filter(assessor_id=employee_id)
            .values_list("employee_id", flat=True)
        )
    return Access(
        user_id=user.pk,
        employee_id=employee_id,
        is_superuser=bool(getattr(user, "is_superuser", False)),
        roles=frozenset(roles),
        admin_unit_paths=tuple(sorted(set(admin_paths))),
        headed_unit_paths=tuple(sorted(set(headed_paths))),
        headed_unit_ids=tuple(sorted(set(headed_ids))),
        override_assessee_ids=overrides,
    )


def access_for(user) -> Access:
    """The user's Access, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_kinerja_access", None)
    if cached is None:
        cached = compute_access(user)
        user._kinerja_access = cached
    return cached


def forget_access(user) -> None:
    """Drop the cached Access (after roles or assignments change within a request or test)."""
    if user is not None and hasattr(user, "_kinerja_access"):
        del user._kinerja_access
