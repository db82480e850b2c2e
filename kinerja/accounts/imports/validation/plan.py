"""The plan validation builds and `commit` carries out: one operation per accepted row, and the
`Result` (the errors found, the plan, the row count).

A `UnitRef` is how the checks refer to a unit, registered or still only in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..reader import RowError


@dataclass
class UnitRef:
    code: str
    id: int | None  # None while it exists only in the file
    path: str | None
    in_scope: bool
    kind: str


@dataclass
class UnitOp:
    row: int
    code: str
    name: str
    kind: str
    short_name: str | None
    parent_code: str | None
    existing_id: int | None = None
    changed: bool = False
    move_to_id: int | None = None


@dataclass
class PositionOp:
    row: int
    code: str
    name: str
    unit_code: str
    kind: str
    level: str
    is_head: bool
    class_grade: int | None
    existing_id: int | None = None
    changed: bool = False


@dataclass
class EmployeeOp:
    row: int
    nip: str
    fields: dict[str, Any]
    unit_code: str | None
    position_code: str | None
    start_date: dt.date | None
    existing_id: int | None = None
    changed: bool = False
    new_assignment: bool = False
    end_assignment_id: int | None = None
    needs_login: bool = False
    link_user_id: int | None = None
    unit: UnitRef | None = None


@dataclass
class OverrideOp:
    row: int
    nip: str
    assessor_nip: str
    superior_nip: str | None
    start_date: dt.date
    end_date: dt.date | None
    reason: str
    skip: bool = False


@dataclass
class Plan:
    units: list[UnitOp] = field(default_factory=list)
    positions: list[PositionOp] = field(default_factory=list)
    employees: list[EmployeeOp] = field(default_factory=list)
    overrides: list[OverrideOp] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        def count(ops, pred) -> int:
            return sum(1 for op in ops if pred(op))

        return {
            "units_new": count(self.units, lambda o: o.existing_id is None),
            "units_updated": count(self.units, lambda o: o.existing_id and o.changed),
            "positions_new": count(self.positions, lambda o: o.existing_id is None),
            "positions_updated": count(self.positions, lambda o: o.existing_id and o.changed),
            "employees_new": count(self.employees, lambda o: o.existing_id is None),
            "employees_updated": count(self.employees, lambda o: o.existing_id and o.changed),
            "assignments_new": count(self.employees, lambda o: o.new_assignment),
            "accounts_new": count(self.employees, lambda o: o.needs_login),
            "overrides_new": count(self.overrides, lambda o: not o.skip),
        }


@dataclass
class Result:
    errors: list[RowError]
    plan: Plan
    rows: int

    @property
    def ok(self) -> bool:
        return not self.errors
