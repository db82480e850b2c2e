"""Building SKPs for tests through the real services."""

from __future__ import annotations

from decimal import Decimal

from kinerja.core import clock
from kinerja.planning import services
from kinerja.planning.models import Skp


def user_of(employee):
    from kinerja.accounts.models import User

    return User.objects.get(employee=employee)


def year() -> int:
    return clock.today().year


def fresh(skp: Skp) -> Skp:
    return Skp.objects.get(pk=skp.pk)


def skp_with_rhk(
    employee, *, parent=None, text="Terlaksananya pelayanan kesehatan primer", target=True
):
    """An SKP with one Utama RHK (linked to `parent` if given) and one indicator."""
    actor = user_of(employee)
    skp = services.create_skp(actor=actor, employee=employee, year=year())
    rhk = services.add_rhk(
        actor=actor, skp=skp, expected_version=skp.version, group="utama", text=text, parent=parent
    )
    skp = fresh(skp)
    if not target:
        # Only old or copied data has an indicator without a target: the services refuse one.
        from kinerja.planning.models import Indicator

        Indicator.objects.create(rhk=rhk, aspect="quantity", text="Jumlah laporan kegiatan")
        return fresh(skp), rhk
    services.add_indicator(
        actor=actor,
        rhk=rhk,
        expected_version=skp.version,
        aspect="quantity",
        text="Jumlah laporan kegiatan",
        target_min=Decimal("12"),
        target_unit="laporan",
    )
    return fresh(skp), rhk


def approved_skp(
    employee, assessor, *, parent=None, text="Meningkatnya pelayanan kesehatan primer"
):
    skp, rhk = skp_with_rhk(employee, parent=parent, text=text)
    services.submit_skp(actor=user_of(employee), skp=skp)
    services.approve_skp(actor=user_of(assessor), skp=fresh(skp))
    return fresh(skp), rhk


def approved_chain(world):
    """Kepala dinas (JPT) → kepala bidang → kepala seksi, each SKP approved and linked upward.

    Returns the kepala seksi's approved SKP and RHK, which the staff can intervene in.
    """
    _, head_rhk = approved_skp(
        world.health_head, world.regent, text="Meningkatnya kualitas pelayanan kesehatan"
    )
    _, bidang_rhk = approved_skp(
        world.bidang_head,
        world.health_head,
        parent=head_rhk,
        text="Meningkatnya mutu layanan primer",
    )
    return approved_skp(world.seksi_head, world.bidang_head, parent=bidang_rhk)
