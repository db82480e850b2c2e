"""Check every row of a parsed file against the database and the file itself, and build a plan.

Nothing is written here. Rows may refer to units and positions by code, either already
registered or on an earlier row of the same file. The result lists every problem found
(sheet, row, column, message) and, when there are none, the plan that `commit` carries out.

Modules by concern:

- `scope`: where the importing user may write (`Scope`, `scope_for`);
- `plan`: the operations a valid file becomes (`Plan` and its ops) and the `Result`;
- `loading`: the registered rows the file is compared against, loaded in chunks;
- `units`, `positions`, `employees`, `overrides`: the checks of one sheet each;
- `validator`: the `Validator` that runs them in order, and `validate`;
- `_common`: the shared state, the row reader and small helpers.

A name a test patches is patched in the module that reads it (`CHUNK` in `_common`).
"""

from ._common import CHUNK, Progress
from .plan import EmployeeOp, OverrideOp, Plan, PositionOp, Result, UnitOp, UnitRef
from .scope import Scope, scope_for
from .validator import Validator, validate

__all__ = [
    "CHUNK",
    "EmployeeOp",
    "OverrideOp",
    "Plan",
    "PositionOp",
    "Progress",
    "Result",
    "Scope",
    "UnitOp",
    "UnitRef",
    "Validator",
    "scope_for",
    "validate",
]
