"""Writes of the leadership app: directions and their acknowledgement, field visits, follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.audit.services import record
from kinerja.communication.services import notify
from kinerja.core import clock
from kinerja.core.uploads import PHOTO_TYPES, check_upload
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import Rhk, Skp

from .models import (
    Audience,
    Direction,
    DirectionAck,
    FieldVisit,
    FieldVisitPhoto,
    FollowUp,
    FollowUpStatus,
)
from .permissions import can_close_follow_up, can_lead
from .selectors import team_members

MAX_PHOTOS = 10


@dataclass(frozen=True)
class FollowUpSpec:
    text: str
    owner: Employee
    due_date: dt.date | None = None


def _leader(actor: User) -> Employee:
    if not can_lead(actor):
        raise PermissionDenied(
            "Hanya pimpinan (kepala unit atau pejabat penilai) yang dapat melakukan ini."
        )
    return actor.employee


def _check_team(actor: User, employee_ids: Sequence[int], label: str) -> None:
    ids = set(employee_ids)
    if not ids:
        return
    inside = set(team_members(actor).filter(pk__in=ids).values_list("pk", flat=True))
    if inside != ids:
        raise ValidationError(f"{label} harus anggota tim yang Anda pimpin atau nilai.")


def _check_rhks(actor: User, rhks: Sequence[Rhk]) -> None:
    ids = {r.pk for r in rhks}
    if not ids:
        return
    visible = set(
        Rhk.objects.filter(
            pk__in=ids, skp__in=Skp.objects.visible_to(actor).values("pk")
        ).values_list("pk", flat=True)
    )
    if visible != ids:
        raise ValidationError("RHK yang dipilih tidak dapat Anda akses.")


@transaction.atomic
def give_direction(
    *, actor: User, text: str, recipient: Employee | None = None, rhk: Rhk | None = None
) -> Direction:
    """Give an arahan to the whole team (no recipient) or to one member, and notify them."""
    author = _leader(actor)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Arahan tidak boleh kosong."})
    if recipient is not None:
        _check_team(actor, [recipient.pk], "Penerima arahan")
        recipient_ids = [recipient.pk]
    else:
        recipient_ids = list(team_members(actor).values_list("pk", flat=True))
        if not recipient_ids:
            raise ValidationError("Tim Anda belum memiliki anggota.")
    if rhk is not None:
        _check_rhks(actor, [rhk])
    direction = Direction.objects.create(
        author=author,
        text=text,
        audience=Audience.MEMBER if recipient is not None else Audience.TEAM,
        recipient=recipient,
        rhk=rhk,
        created_at=clock.now(),
    )
    DirectionAck.objects.bulk_create(
        [DirectionAck(direction=direction, employee_id=pk) for pk in recipient_ids], batch_size=500
    )
    record(
        actor=actor,
        action="leadership.direction.give",
        obj=direction,
        after={
            "text": text,
            "audience": direction.audience,
            "recipients": len(recipient_ids),
            "rhk_id": rhk.pk if rhk else None,
        },
    )
    notify(
        recipients=User.objects.filter(employee_id__in=recipient_ids),
        kind="direction_received",
        title=f"Arahan dari {author.full_name}",
        body=text[:500],
        url=reverse("leadership:my_directions"),
        dedupe_key=f"direction:{direction.pk}",
    )
    return direction


@transaction.atomic
def acknowledge_direction(*, actor: User, direction: Direction) -> DirectionAck:
    """The recipient confirms they have read the direction (idempotent)."""
    ack = (
        DirectionAck.objects.select_for_update()
        .filter(direction=direction, employee_id=actor.employee_id)
        .first()
    )
    if ack is None or actor.employee_id is None:
        raise PermissionDenied("Hanya penerima arahan yang dapat mengonfirmasinya.")
    if ack.acknowledged_at is None:
        ack.acknowledged_at = clock.now()
        ack.save(update_fields=["acknowledged_at"])
        record(actor=actor, action="leadership.direction.acknowledge", obj=direction)
    return ack


@transaction.atomic
def record_field_visit(
    *,
    actor: User,
    date: dt.date,
    place: str,
    purpose: str,
    findings: str = "",
    facility: str = "",
    kecamatan: OrgUnit | None = None,
    rhks: Sequence[Rhk] = (),
    employees: Sequence[Employee] = (),
    photos: Sequence[UploadedFile] = (),
    follow_ups: Sequence[FollowUpSpec] = (),
) -> FieldVisit:
    """Record a kunjungan lapangan with its photos and follow-ups (owners from the leader's team)."""
    leader = _leader(actor)
    if date > clock.today():
        raise ValidationError({"date": "Tanggal kunjungan tidak boleh di masa depan."})
    if not place.strip() or not purpose.strip():
        raise ValidationError("Lokasi dan tujuan kunjungan wajib diisi.")
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(f"Paling banyak {MAX_PHOTOS} foto per kunjungan.")
    _check_team(actor, [e.pk for e in employees], "Pegawai yang terlibat")
    _check_team(actor, [f.owner.pk for f in follow_ups], "Penanggung jawab tindak lanjut")
    _check_rhks(actor, rhks)
    checked = [check_upload(photo, allowed=PHOTO_TYPES) for photo in photos]
    now = clock.now()
    visit = FieldVisit.objects.create(
        leader=leader,
        date=date,
        place=place.strip(),
        kecamatan=kecamatan,
        facility=facility.strip(),
        purpose=purpose.strip(),
        findings=findings.strip(),
        created_at=now,
    )
    visit.rhks.set(rhks)
    visit.employees.set(employees)
    for item in checked:
        photo = FieldVisitPhoto(
            visit=visit,
            name=item.safe_name,
            mime_type=item.mime_type,
            size=item.size,
            sha256=item.sha256,
            created_at=now,
        )
        photo.file.save(item.safe_name, item.file, save=False)
        photo.save()
    created = FollowUp.objects.bulk_create(
        [
            FollowUp(
                visit=visit, text=f.text.strip(), owner=f.owner, due_date=f.due_date, created_at=now
            )
            for f in follow_ups
            if f.text.strip()
        ]
    )
    record(
        actor=actor,
        action="leadership.field_visit.record",
        obj=visit,
        after={
            "date": date.isoformat(),
            "place": visit.place,
            "photos": [c.sha256 for c in checked],
            "follow_ups": [{"owner": f.owner_id, "text": f.text} for f in created],
            "employees": [e.pk for e in employees],
            "rhks": [r.pk for r in rhks],
        },
    )
    return visit


@transaction.atomic
def close_follow_up(*, actor: User, follow_up: FollowUp, note: str = "") -> FollowUp:
    """Close a follow-up with a note; only its owner or the visit's leader may."""
    follow_up = FollowUp.objects.select_for_update().select_related("visit").get(pk=follow_up.pk)
    if not can_close_follow_up(actor, follow_up):
        raise PermissionDenied(
            "Hanya penanggung jawab atau pimpinan yang dapat menutup tindak lanjut ini."
        )
    if follow_up.status == FollowUpStatus.DONE:
        raise ValidationError("Tindak lanjut ini sudah selesai.")
    follow_up.status = FollowUpStatus.DONE
    follow_up.closed_at = clock.now()
    follow_up.closed_by = actor
    follow_up.closing_note = (note or "").strip()
    follow_up.save(update_fields=["status", "closed_at", "closed_by", "closing_note"])
    record(
        actor=actor,
        action="leadership.follow_up.close",
        obj=follow_up,
        before={"status": FollowUpStatus.OPEN},
        after={"status": FollowUpStatus.DONE, "note": follow_up.closing_note},
    )
    return follow_up
