"""Hashing of audit entries (pure: no database)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS = "0" * 64


def canonical(payload: Mapping[str, Any]) -> str:
    """Stable JSON text of an entry's content."""
    return json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )


def entry_hash(prev_hash: str, payload: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and this entry's canonical content."""
    return hashlib.sha256((prev_hash + "|" + canonical(payload)).encode("utf-8")).hexdigest()
