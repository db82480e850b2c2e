"""Helpers shared by the planning models."""

from __future__ import annotations


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(key.value, label) for key, label in labels.items()]
