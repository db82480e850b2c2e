"""Where the importing user may write: the `Scope` and `scope_for`, which works it out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from kinerja.organisations.access import access_for


@dataclass(frozen=True)
class Scope:
    """Where the importing user may write: everywhere, or inside some unit subtrees."""

    everywhere: bool
    paths: tuple[str, ...] = ()

    def covers(self, path: str | None) -> bool:
        if self.everywhere:
            return True
        return path is not None and any(path.startswith(p) for p in self.paths)


def scope_for(actor: Any) -> Scope:
    """BKPSDM admins and superusers import anywhere, OPD admins inside their agency, others not."""
    if actor is None:
        return Scope(everywhere=True)
    access = access_for(actor)
    if access.manages_all:
        return Scope(everywhere=True)
    if access.is_opd_admin and access.admin_unit_paths:
        return Scope(everywhere=False, paths=access.admin_unit_paths)
    raise PermissionDenied(
        "Hanya admin BKPSDM dan pengelola kinerja perangkat daerah yang dapat mengimpor data."
    )
