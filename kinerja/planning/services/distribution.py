"""Matriks peran hasil: an assessor hands an RHK to subordinates (direct or indirect cascading)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.organisations.models import Employee
from kinerja.organisations.selectors import assessor_line

from .. import permissions
from ..domain.forms import CascadingMode, RhkGroup
from ..domain.workflow import SkpStatus
from ..models import Rhk, Skp
from ._common import _agency_id, _touch
from .drafting import create_skp


@transaction.atomic
def distribute_rhk(
    *,
    actor: Any,
    rhk: Rhk,
    assignments: Sequence[tuple[Employee, str | None, str]],
) -> list[Rhk]:
    """Hand an RHK to subordinates: whole (direct, same text) or in parts (indirect, own text).

    Creates a draft SKP for a subordinate who has none for the year, and adds to it a Utama RHK
    linked to `rhk`. Only subordinates the actor assesses may receive work.
    """
    rhk = Rhk.objects.select_related("skp").get(pk=rhk.pk)
    if not permissions.can_distribute_rhk(actor, rhk):
        raise PermissionDenied("Hanya pemilik RHK yang dapat membaginya kepada bawahan.")
    created: list[Rhk] = []
    for employee, text, mode in assignments:
        mode = CascadingMode(mode)
        line = assessor_line(employee)
        if line.assessor is None or line.assessor.pk != rhk.skp.employee_id:
            raise ValidationError(
                {"assignments": f"{employee.full_name} bukan pegawai yang Anda nilai."}
            )
        own_text = (text or "").strip() or (rhk.text if mode == CascadingMode.DIRECT else "")
        if not own_text:
            raise ValidationError(
                {"assignments": f"Tuliskan bagian RHK untuk {employee.full_name} (tidak langsung)."}
            )
        target = (
            Skp.objects.select_for_update()
            .open()
            .filter(employee=employee, year=rhk.skp.year)
            .first()
        )
        if target is None:
            target = create_skp(actor=None, employee=employee, year=rhk.skp.year)
            record(
                actor=actor,
                action="planning.skp_created_by_distribution",
                obj=target,
                agency_id=_agency_id(target),
            )
        if SkpStatus(target.status) not in {SkpStatus.DRAFT, SkpStatus.RETURNED}:
            raise ValidationError(
                {
                    "assignments": f"SKP {employee.full_name} sedang "
                    f"'{target.get_status_display()}' dan tidak dapat ditambah RHK."
                }
            )
        _touch(target, None)
        child = Rhk.objects.create(
            skp=target,
            group=RhkGroup.UTAMA.value,
            text=own_text,
            parent=rhk,
            cascading=mode.value,
            order=Rhk.objects.filter(skp=target).count() + 1,
        )
        record(
            actor=actor,
            action="planning.rhk_distributed",
            obj=child,
            agency_id=_agency_id(target),
            after={"parent_id": rhk.pk, "employee_id": employee.pk, "mode": mode.value},
        )
        created.append(child)
        _notify_distribution(child, target, rhk, actor)
    return created


def _notify_distribution(child: Rhk, target: Skp, parent: Rhk, actor: Any) -> None:
    """Tell the subordinate that an RHK was placed in their SKP draft (in the app and e-mail)."""
    from django.urls import reverse

    from kinerja.accounts.models import User
    from kinerja.communication.services import notify

    mode = "utuh (langsung)" if child.cascading == CascadingMode.DIRECT else "sebagian"
    notify(
        recipients=User.objects.filter(employee_id=target.employee_id, is_active=True),
        kind="rhk_distributed",
        title=f"RHK baru dari {parent.skp.employee_name} pada SKP {target.year} Anda",
        body=f'{parent.skp.employee_name} membagikan RHK "{parent.text[:200]}" secara {mode}: '
        f'"{child.text[:200]}". Lengkapi indikator dan targetnya, lalu ajukan SKP.',
        url=reverse("planning:skp_detail", args=[target.pk]),
        dedupe_key=f"rhk:{child.pk}:distributed",
    )
