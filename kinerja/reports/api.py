"""API: dashboards, organisational achievement and the public transparency figures."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Laporan"])
