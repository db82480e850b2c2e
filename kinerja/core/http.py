"""Helpers for views: object fetch that answers 404 when invisible, 403 when not allowed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_visible_or_404(queryset: QuerySet[M], **lookup: object) -> M:
    """Fetch from an already scoped queryset; an object outside the scope does not exist."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("Data tidak ditemukan.") from exc


def require(allowed: bool, message: str = "Anda tidak berwenang melakukan tindakan ini.") -> None:
    """Raise 403 unless the action is allowed (the object itself is already visible)."""
    if not allowed:
        raise PermissionDenied(message)


def check(predicate: Callable[[], bool], message: str) -> None:
    require(predicate(), message)
