"""Who may do what with an SKP; used by views, the API and templates alike."""

from __future__ import annotations

from kinerja.organisations.access import access_for

from .domain.workflow import EDITABLE, ActorRole, SkpStatus
from .selectors import head_posts_held


def is_owner(user, skp) -> bool:
    employee_id = getattr(user, "employee_id", None)
    return bool(employee_id) and employee_id == skp.employee_id


def is_assessor_of(user, skp) -> bool:
    """The assessor of record, a Plt/Plh acting in their head post, or whoever the assessor line
    names today (after a correction by an admin)."""
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return False
    if skp.assessor_id == employee_id:
        return True
    if skp.assessor_post_id and skp.assessor_post_id in head_posts_held(user):
        return True
    from kinerja.organisations.selectors import assessor_line

    line = assessor_line(skp.employee)
    return line.assessor is not None and line.assessor.pk == employee_id


def role_of(user, skp) -> ActorRole | None:
    if is_owner(user, skp):
        return ActorRole.OWNER
    if is_assessor_of(user, skp):
        return ActorRole.ASSESSOR
    return None


def can_edit_skp(user, skp) -> bool:
    return is_owner(user, skp) and SkpStatus(skp.status) in EDITABLE


def can_submit_skp(user, skp) -> bool:
    return can_edit_skp(user, skp)


def can_withdraw_skp(user, skp) -> bool:
    return is_owner(user, skp) and skp.status == SkpStatus.SUBMITTED


def can_approve_skp(user, skp) -> bool:
    return skp.status == SkpStatus.SUBMITTED and is_assessor_of(user, skp)


can_return_skp = can_approve_skp


def can_request_revision(user, skp) -> bool:
    return is_owner(user, skp) and skp.status == SkpStatus.APPROVED


def can_decide_revision(user, skp) -> bool:
    return skp.status == SkpStatus.REVISION_REQUESTED and is_assessor_of(user, skp)


def can_set_expectations(user, skp) -> bool:
    return skp.status != SkpStatus.APPROVED and is_assessor_of(user, skp)


def can_distribute_rhk(user, rhk) -> bool:
    """An assessor hands out an RHK of their own open SKP."""
    return is_owner(user, rhk.skp) and not rhk.skp.is_closed


def can_create_skp_for(user, employee) -> bool:
    """The employee, or an admin who manages their unit (the pengelola kinerja)."""
    if getattr(user, "employee_id", None) == employee.pk:
        return True
    access = access_for(user)
    return employee.unit is not None and access.manages_unit_path(employee.unit.path)
