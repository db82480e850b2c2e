"""API: announcements and read marks, notifications and their read state."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Komunikasi"])
