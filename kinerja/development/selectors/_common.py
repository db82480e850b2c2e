"""Shared by the development reads: the name or NIP search of a list."""

from __future__ import annotations

from django.db.models import (
    QuerySet,
)


def _search(qs: QuerySet, query: str, prefix: str = "") -> QuerySet:
    """Name words (all must appear) or, for digits, a NIP prefix."""
    query = (query or "").strip()
    if not query:
        return qs
    digits = query.replace(" ", "")
    if digits.isdigit():
        return qs.filter(**{f"{prefix}nip__startswith": digits})
    for word in query.split()[:5]:
        qs = qs.filter(**{f"{prefix}name__icontains": word})
    return qs
