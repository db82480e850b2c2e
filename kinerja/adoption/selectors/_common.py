"""Helpers shared by the adoption reads."""

from __future__ import annotations


def _rate(read: int, total: int) -> float | None:
    return read / total if total else None
