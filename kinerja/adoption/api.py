"""API: adoption figures per agency and for the regency."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Adopsi"])
