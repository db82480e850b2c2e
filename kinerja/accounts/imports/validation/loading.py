"""Loading what the file refers to, before any row is checked: registered units and positions
with their active heads, and the employees, open definitive assignments and logins for every NIP
the file names (queried in chunks, never per row).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from typing import Any

from kinerja.organisations.domain.nip import NipError, parse_nip
from kinerja.organisations.models import Assignment, Employee, OrgUnit, Position

from ...models import User
from ._common import _chunks, _ValidatorBase
from .plan import UnitRef


class _Loading(_ValidatorBase):
    """`load`: the database rows every sheet check compares the file against."""

    def load(self) -> None:
        units = list(
            OrgUnit.objects.values_list(
                "id", "code", "path", "kind", "name", "short_name", "parent_id"
            )
        )
        self.unit_by_id = {u[0]: u for u in units}
        self.units: dict[str, UnitRef] = {}
        self.db_units: dict[str, tuple] = {}
        for u in units:
            if u[1]:
                self.db_units[u[1]] = u
                self.units[u[1]] = UnitRef(u[1], u[0], u[2], self.scope.covers(u[2]), u[3])
        self.db_positions = {
            p["code"]: p
            for p in Position.objects.filter(code__isnull=False).values(
                "id",
                "code",
                "name",
                "unit_id",
                "kind",
                "level",
                "is_head",
                "class_grade",
                "is_active",
            )
        }
        self.positions: dict[str, dict[str, Any]] = {}
        for code, p in self.db_positions.items():
            unit = self.unit_by_id.get(p["unit_id"])
            self.positions[code] = {
                "id": p["id"],
                "unit_key": ("id", p["unit_id"]),
                "unit_id": p["unit_id"],
                "is_head": p["is_head"] and p["is_active"],
                "path": unit[2] if unit else None,
            }
        # Active heads per unit: unit key -> set of position keys.
        self.heads: dict[tuple, set[tuple]] = defaultdict(set)
        for pid, unit_id in Position.objects.filter(is_head=True, is_active=True).values_list(
            "id", "unit_id"
        ):
            self.heads[("id", unit_id)].add(("id", pid))

        nips: set[str] = set()
        for kind, key in (
            ("employees", "nip"),
            ("overrides", "nip"),
            ("overrides", "assessor_nip"),
            ("overrides", "superior_nip"),
        ):
            sheet = self.parsed.sheet(kind)
            for raw in sheet.rows if sheet else []:
                value = raw.values.get(key)
                if isinstance(value, str):
                    with contextlib.suppress(NipError):
                        nips.add(parse_nip(value).value)
        self.db_employees: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(nips)):
            for e in Employee.objects.filter(nip__in=chunk).values(
                "id",
                "nip",
                "name",
                "front_title",
                "back_title",
                "status",
                "rank",
                "email",
                "phone",
                "unit_id",
                "position_id",
                "version",
            ):
                self.db_employees[e["nip"]] = e
        ids = [e["id"] for e in self.db_employees.values()]
        self.open_assignments: dict[int, list[tuple[int, int, dt.date]]] = defaultdict(list)
        self.logins: set[int] = set()
        for chunk in _chunks(ids):
            for a in Assignment.objects.filter(
                employee_id__in=chunk, acting="definitive", end_date__isnull=True
            ).values_list("employee_id", "id", "position_id", "start_date"):
                self.open_assignments[a[0]].append(a[1:])
            self.logins.update(
                User.objects.filter(employee_id__in=chunk).values_list("employee_id", flat=True)
            )
        # Logins that already carry the NIP but no employee (made by hand) are linked, not doubled.
        self.free_users: dict[str, int] = {}
        self.taken_usernames: set[str] = set()
        for chunk in _chunks(sorted(nips)):
            for username, user_id, employee_id in User.objects.filter(
                username__in=chunk
            ).values_list("username", "id", "employee_id"):
                if employee_id is None:
                    self.free_users[username] = user_id
                else:
                    self.taken_usernames.add(username)
        self.employee_ids = {e["id"]: nip for nip, e in self.db_employees.items()}
