"""Shared by the development use cases: the 409 error, refusals, the audit's agency."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from kinerja.organisations.models import Employee


class ConflictError(ValueError):
    """The action clashes with the object's state (closed event, already registered): HTTP 409."""


def _agency_id(employee: Employee) -> int | None:
    return employee.unit.agency_id if employee.unit_id and employee.unit else None


def _deny(message: str = "Anda tidak berwenang melakukan tindakan ini.") -> None:
    raise PermissionDenied(message)
