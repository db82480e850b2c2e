from __future__ import annotations

import datetime as dt

import pytest

from kinerja.communication import services
from kinerja.core import clock


@pytest.fixture
def publish(world):
    """Publish an announcement as BKPSDM (or `actor`), due now unless told otherwise."""

    def _publish(*, actor=None, publish_at=None, **kwargs):
        actor = actor or world.user(world.bkpsdm_admin)
        kwargs.setdefault("title", "Sosialisasi e-Kinerja")
        kwargs.setdefault("body", "Harap hadir di aula BKPSDM.\nBawa laptop.")
        kwargs.setdefault("author_label", "BKPSDM")
        return services.publish_announcement(
            actor=actor,
            publish_at=publish_at or clock.now() - dt.timedelta(minutes=1),
            **kwargs,
        )

    return _publish
