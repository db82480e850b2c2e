"""Organisation models: the unit tree, positions, employees, assignments (definitive/Plt/Plh),
supervision overrides and role grants.

Each submodule imports the ones it points at (units ← positions ← employees ← assignments ←
overrides, roles), so the models register in the order they had in the single module.
"""

from .assignments import Assignment, AssignmentQuerySet
from .employees import Employee, EmployeeQuerySet, EmployeeStatus, Gender, SkpExemption
from .overrides import SupervisionOverride
from .positions import KIND_LABELS, LEVEL_LABELS, Position, PositionQuerySet
from .roles import Role, RoleGrant
from .units import AGENCY_KINDS, PATH_SEGMENT, OrgUnit, OrgUnitQuerySet, UnitKind

__all__ = [
    "AGENCY_KINDS",
    "KIND_LABELS",
    "LEVEL_LABELS",
    "PATH_SEGMENT",
    "Assignment",
    "AssignmentQuerySet",
    "Employee",
    "EmployeeQuerySet",
    "EmployeeStatus",
    "Gender",
    "OrgUnit",
    "OrgUnitQuerySet",
    "Position",
    "PositionQuerySet",
    "Role",
    "RoleGrant",
    "SkpExemption",
    "SupervisionOverride",
    "UnitKind",
]
