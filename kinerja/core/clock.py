"""The one place the product asks what time it is, so tests can freeze it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """Aware current time."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in the installation's time zone (Asia/Jakarta)."""
    return timezone.localdate()
