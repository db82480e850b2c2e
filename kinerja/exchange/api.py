"""API: exports for the national systems (SIASN, e-Kinerja BKN) for a system that pulls."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Pertukaran data nasional"])
