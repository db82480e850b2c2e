"""Who may do what in competency development (serve views, API and templates alike)."""

from __future__ import annotations

from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee
from kinerja.organisations.selectors import assessor_line

from .models import TrainingEvent


def is_development_admin(user) -> bool:
    """BKPSDM (or a superuser): the catalogue, the rules and every event."""
    return access_for(user).manages_all


def can_manage_event(user, event: TrainingEvent) -> bool:
    """BKPSDM, or the OPD admin of the agency that organises the event."""
    return access_for(user).manages_unit_path(event.organiser_unit.path)


def can_organise_for(user, unit) -> bool:
    return access_for(user).manages_unit_path(unit.path)


def can_create_events(user) -> bool:
    access = access_for(user)
    return access.manages_all or access.is_opd_admin


def is_assessor_of(user, employee: Employee) -> bool:
    """The user is the employee's pejabat penilai today (overrides and Plt/Plh included)."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None or employee_id == employee.pk:
        return False
    line = assessor_line(employee)
    return line.assessor is not None and line.assessor.pk == employee_id


def _admin_of(user, employee: Employee) -> bool:
    if employee.unit is None:
        return access_for(user).manages_all
    return access_for(user).manages_unit_path(employee.unit.path)


def can_verify_report(user, employee: Employee) -> bool:
    """The assessor or the agency's OPD admin (or BKPSDM); never the employee themself."""
    if getattr(user, "employee_id", None) == employee.pk:
        return False
    return is_assessor_of(user, employee) or _admin_of(user, employee)


def can_manage_needs(user, employee: Employee) -> bool:
    """Confirm or add needs, agree the plan as assessor: the assessor (or an admin in scope)."""
    if getattr(user, "employee_id", None) == employee.pk:
        return False
    return is_assessor_of(user, employee) or _admin_of(user, employee)
