"""Small shared model pieces."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds creation and last-change times."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """Optimistic locking: every write through a service bumps `version`.

    A form carries the version it was rendered with; a save whose version is stale is refused
    (see `kinerja.core.concurrency.save_if_current`), so no update is ever lost silently.
    """

    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        abstract = True
