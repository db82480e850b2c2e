"""Use cases that change the organisation. Each checks permission, writes, and audits.

Modules by concern:

- `structure`: the unit tree and the positions (jabatan) in it;
- `employees`: registering pegawai and changing their data;
- `assignments`: who holds which position, definitively or as Plt/Plh;
- `supervision`: admin corrections of the assessor line;
- `roles`: granting and revoking roles.
"""

from ..domain.supervision import SupervisionCycleError
from .assignments import assign_position, end_assignment
from .employees import EMPLOYEE_FIELDS, create_employee, update_employee, validate_nip
from .roles import grant_role, revoke_role
from .structure import create_position, create_unit, move_unit
from .supervision import end_assessor_override, set_assessor_override

__all__ = [
    "EMPLOYEE_FIELDS",
    "SupervisionCycleError",
    "assign_position",
    "create_employee",
    "create_position",
    "create_unit",
    "end_assessor_override",
    "end_assignment",
    "grant_role",
    "move_unit",
    "revoke_role",
    "set_assessor_override",
    "update_employee",
    "validate_nip",
]
