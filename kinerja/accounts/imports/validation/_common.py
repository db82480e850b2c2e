"""What the sheet checks share: the validator's state and progress count (`_ValidatorBase`), the
row reader that records cell errors (`_Row`), and small helpers for text cells and id chunks.

`CHUNK` is read here (by `tick`): a test that changes it patches `validation._common.CHUNK`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from kinerja.core import clock

from .. import cells
from ..reader import ParsedFile, RawRow, RowError
from ..spec import SheetSpec
from .plan import EmployeeOp, Plan, UnitRef
from .scope import Scope

CHUNK = 500
Progress = Callable[[int], None]


class _Row:
    """Collects a row's errors; `get` reads a cell through a converter and records failures."""

    def __init__(self, spec: SheetSpec, sheet: str, raw: RawRow, errors: list[RowError]):
        self.spec, self.sheet, self.raw, self.errors = spec, sheet, raw, errors
        self.failed = False
        self.headers = {c.key: c.header for c in spec.columns}

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.errors.append(
            RowError(self.sheet, self.raw.number, self.headers.get(key, key), message)
        )

    def get(self, key: str, convert: Callable[[Any], Any], *, required: bool = False) -> Any:
        value = self.raw.values.get(key)
        try:
            result = convert(value)
        except cells.CellError as exc:
            self.error(key, str(exc))
            return None
        if required and result in (None, ""):
            self.error(key, "Wajib diisi.")
            return None
        return result


def _text(n: int) -> Callable[[Any], str]:
    return lambda v: cells.text(v, max_length=n)


def _chunks(items: list[Any], size: int = 900) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _ValidatorBase:
    """The state every sheet check reads and writes; `Validator` combines the checks.

    `load` fills the registered units, positions, employees and logins; each sheet check then
    adds what its rows define (units and positions by code, `file_employees` by NIP), so a later
    sheet may refer to them.
    """

    parsed: ParsedFile
    scope: Scope
    progress: Progress
    errors: list[RowError]
    plan: Plan
    done: int
    today: dt.date
    # Filled by `load`.
    unit_by_id: dict[int, tuple]
    units: dict[str, UnitRef]
    db_units: dict[str, tuple]
    db_positions: dict[str, dict[str, Any]]
    positions: dict[str, dict[str, Any]]
    heads: dict[tuple, set[tuple]]
    db_employees: dict[str, dict[str, Any]]
    open_assignments: dict[int, list[tuple[int, int, dt.date]]]
    logins: set[int]
    free_users: dict[str, int]
    taken_usernames: set[str]
    employee_ids: dict[int, str]
    # Filled by `employees_sheet`.
    file_employees: dict[str, EmployeeOp]

    def __init__(self, parsed: ParsedFile, scope: Scope, progress: Progress | None = None):
        self.parsed, self.scope = parsed, scope
        self.progress = progress or (lambda n: None)
        self.errors: list[RowError] = list(parsed.errors)
        self.plan = Plan()
        self.done = 0
        self.today = clock.today()

    def tick(self) -> None:
        self.done += 1
        if self.done % CHUNK == 0:
            self.progress(self.done)
