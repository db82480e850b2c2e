"""The vocabulary of the permission matrix: personas, expected answers and `Route`.

`tests/test_permission_matrix.py` holds the foundation's routes; each area may keep its own in
`tests/matrix_routes/<area>.py` as a module-level `ROUTES` dict built with these helpers. Every
module of that package is merged into the matrix (a URL name listed twice fails the test).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.world import World

PERSONAS = (
    "anonymous",
    "staff",  # pelaksana in the health seksi
    "seksi_head",
    "bidang_head",
    "health_head",
    "health_admin",  # OPD admin of Dinas Kesehatan
    "it_staff",  # outsider: Diskominsa
    "bkpsdm_admin",
    "regent",  # leadership
    "auditor",
)
LOGIN = "login"
Expected = int | str
# Those who may see the nurse of the Puskesmas (the "other" object).
SEE_OTHER = ("health_head", "health_admin", "bkpsdm_admin", "regent", "auditor")


def _table(anonymous: Expected, default: Expected, overrides: Mapping[str, Expected]):
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, f"unknown personas: {unknown}"
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def pages(default: Expected, **overrides: Expected) -> dict[str, Expected]:
    """A page behind login: anonymous visitors are sent to the login page."""
    return _table(LOGIN, default, overrides)


def api(default: Expected, **overrides: Expected) -> dict[str, Expected]:
    """An /api/v1 operation: anonymous callers get 401."""
    return _table(401, default, overrides)


def everyone(status: Expected) -> dict[str, Expected]:
    return _table(status, status, {})


def only(allowed: tuple[str, ...], status: Expected, otherwise: Expected, anonymous=LOGIN):
    return _table(anonymous, otherwise, dict.fromkeys(allowed, status))


@dataclass(frozen=True)
class Route:
    """How to call one URL for a persona, and what each persona must get."""

    kwargs: Callable[[World, Any], dict[str, Any]]
    expect: dict[str, Expected]
    method: str = "get"
    query: Callable[[World, Any], dict[str, Any]] | None = None
    data: Callable[[World, Any], Any] | None = None
    json: bool = False
    is_api: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def no_args(w, me):
    return {}
