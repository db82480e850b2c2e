"""Who may publish announcements to whom, and who may see their read receipts."""

from __future__ import annotations

from django.db.models import Q

from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit


def can_publish_anywhere(user) -> bool:
    """BKPSDM admins, leadership (regent, sekda) and superusers address the whole regency."""
    access = access_for(user)
    return access.manages_all or access.is_leadership


def publisher_agencies(user) -> list[OrgUnit]:
    """Agencies an agency head (head of a depth-1 unit) or an OPD admin may address (one query)."""
    access = access_for(user)
    if not access.headed_unit_ids and not access.admin_unit_paths:
        return []
    return list(
        OrgUnit.objects.filter(
            Q(pk__in=access.headed_unit_ids, depth=1) | Q(path__in=access.admin_unit_paths, depth=1)
        ).order_by("name")
    )


def can_create_announcement(user) -> bool:
    return can_publish_anywhere(user) or bool(publisher_agencies(user))


def can_manage_announcement(user, announcement) -> bool:
    """Edit and read receipts: the author, or a BKPSDM admin / superuser."""
    return announcement.author_id == user.pk or access_for(user).manages_all


def targets_allowed(user, *, scope: str, agencies: list[OrgUnit], units: list[OrgUnit]) -> bool:
    """May `user` address this place? Agency publishers stay inside their own agencies."""
    if can_publish_anywhere(user):
        return True
    own = publisher_agencies(user)
    if not own or scope == "all":
        return False
    own_ids = {a.pk for a in own}
    own_paths = [a.path for a in own]
    if scope == "agencies":
        return bool(agencies) and all(a.pk in own_ids for a in agencies)
    if scope == "units":
        return bool(units) and all(any(u.path.startswith(p) for p in own_paths) for u in units)
    return False


def author_label_choices(user) -> list[str]:
    """The names an author may sign with."""
    access = access_for(user)
    labels: list[str] = []
    if access.manages_all:
        labels.append("BKPSDM")
    if access.is_leadership or access.is_superuser:
        labels.append("Kantor Bupati")
    labels.extend(
        f"Kepala {a.name}" if a.pk in access.headed_unit_ids else a.name
        for a in publisher_agencies(user)
    )
    return labels
