"""Errors the evaluation services raise besides PermissionDenied and ValidationError."""

from __future__ import annotations


class StateError(Exception):
    """The action is not possible in the current state (answered 409 by the API)."""
