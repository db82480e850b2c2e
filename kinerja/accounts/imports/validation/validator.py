"""The `Validator`, which runs the loading and the sheet checks in order and sorts the errors,
and `validate`, the entry point. Nothing is written.
"""

from __future__ import annotations

from ..reader import ParsedFile
from ..spec import EMPLOYEES, OVERRIDES, POSITIONS, UNITS
from ._common import Progress
from .employees import _EmployeeChecks
from .loading import _Loading
from .overrides import _OverrideChecks
from .plan import Result
from .positions import _PositionChecks
from .scope import Scope
from .units import _UnitChecks


class Validator(_Loading, _UnitChecks, _PositionChecks, _EmployeeChecks, _OverrideChecks):
    """Checks a parsed file sheet by sheet; later sheets may refer to what earlier ones define."""

    def run(self) -> Result:
        self.load()
        self.units_sheet()
        self.positions_sheet()
        self.employees_sheet()
        self.overrides_sheet()
        self.progress(self.done)
        self.errors.sort(
            key=lambda e: (
                [s.title for s in (UNITS, POSITIONS, EMPLOYEES, OVERRIDES)].index(e.sheet)
                if e.sheet in {"Unit", "Jabatan", "Pegawai", "Penilai"}
                else -1,
                e.row,
            )
        )
        return Result(self.errors, self.plan, self.parsed.row_count)


def validate(parsed: ParsedFile, scope: Scope, progress: Progress | None = None) -> Result:
    """Check every row; never writes. The plan is only meaningful when `result.ok`."""
    return Validator(parsed, scope, progress).run()
