"""The bell: unread notification count, counted lazily once per page (one query at most)."""

from __future__ import annotations

from functools import cached_property

from .selectors import unread_count


class Bell:
    """Counts on first use; pages that do not show the bell pay nothing."""

    def __init__(self, user):
        self._user = user

    @cached_property
    def unread(self) -> int:
        return unread_count(self._user)


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}
