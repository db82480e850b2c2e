"""Predicates of the leadership app, shared by views, the API and templates."""

from __future__ import annotations

from kinerja.organisations.access import access_for


def can_lead(user) -> bool:
    """Unit heads (incl. Plt/Plh) and assessors named by override have a team workspace."""
    return access_for(user).is_assessor and getattr(user, "employee_id", None) is not None


def can_close_follow_up(user, follow_up) -> bool:
    """The owner of the follow-up or the leader who recorded the visit."""
    employee_id = getattr(user, "employee_id", None)
    return employee_id is not None and employee_id in {
        follow_up.owner_id,
        follow_up.visit.leader_id,
    }
