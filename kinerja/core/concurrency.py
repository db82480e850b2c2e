"""Optimistic concurrency: refuse a write made against a stale version of a row."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F


class StaleObjectError(Exception):
    """The row changed since the editor loaded it."""

    def __init__(self, current: models.Model) -> None:
        super().__init__("Data telah diubah oleh pengguna lain sejak Anda membukanya.")
        self.current = current


def save_if_current(instance: models.Model, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` only if the stored version is still `expected_version`; bump the version.

    One conditional UPDATE, so two concurrent saves cannot both succeed.
    """
    model = type(instance)
    values: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if not updated:
        raise StaleObjectError(model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1  # type: ignore[attr-defined]
