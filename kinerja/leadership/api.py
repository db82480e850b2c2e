"""API: the team overview, directions and acknowledgements, field visits and follow-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api_schemas import (
    MAX_OFFSET,
    BoundedLimitOffsetPagination,
    SafeStr,
    error_responses,
)
from kinerja.organisations.models import Employee
from kinerja.planning.models import Rhk

from . import permissions, selectors, services
from .models import Direction, FollowUp

router = Router(tags=["Pimpinan"])

Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="ID")]
DbId = Annotated[int, Field(ge=1, le=2_147_483_647)]


class MemberOut(Schema):
    nip: str
    name: str
    unit: str
    skp_id: int | None
    skp_status: str | None
    skp_late: bool
    period_state: str
    period_status: str | None
    period_late: bool
    jp_total: Decimal
    jp_target: Decimal | None
    jp_below_target: bool
    pending_directions: int
    open_follow_ups: int
    overdue_follow_ups: int


class UnitTotalOut(Schema):
    unit_id: int
    unit: str
    members: int
    skp_approved: int
    skp_missing: int
    late: int
    jp_below_target: int


class StalledOut(Schema):
    skp_id: int
    employee_name: str
    assessor_name: str
    submitted_at: dt.datetime | None


class StalledPeriodOut(Schema):
    skp_id: int
    period_id: int
    period: str
    employee_name: str
    assessor_name: str
    evaluation_deadline: dt.date


class TeamOut(Schema):
    year: int
    skp_deadline: dt.date
    skps_to_approve: int
    reports_to_verify: int
    evaluations_waiting: int
    appeals_waiting: int
    late: int
    member_count: int = Field(..., description="Jumlah seluruh anggota tim")
    limit: int = Field(..., description="Jumlah anggota per halaman")
    offset: int = Field(..., description="Posisi anggota pertama halaman ini")
    next_offset: int | None = Field(..., description="offset halaman berikutnya, bila ada")
    members: list[MemberOut] = Field(..., description="Anggota tim pada halaman ini, urut nama")
    units: list[UnitTotalOut] = Field(..., description="Rekap per unit seluruh tim")
    stalled: list[StalledOut]
    stalled_periods: list[StalledPeriodOut]


class DirectionOut(Schema):
    id: int
    author_nip: str
    author_name: str
    text: str
    audience: str
    recipient_nip: str | None
    rhk_id: int | None
    created_at: dt.datetime
    recipients: int
    acknowledged: int

    @staticmethod
    def resolve_author_nip(obj) -> str:
        return obj.author.nip

    @staticmethod
    def resolve_author_name(obj) -> str:
        return obj.author.full_name

    @staticmethod
    def resolve_recipient_nip(obj) -> str | None:
        return obj.recipient.nip if obj.recipient_id else None


class DirectionIn(Schema):
    text: SafeStr = Field(..., min_length=1, max_length=4000)
    recipient_nip: SafeStr | None = Field(None, max_length=18)
    rhk_id: DbId | None = None


class AckOut(Schema):
    direction_id: int
    acknowledged_at: dt.datetime


class FollowUpOut(Schema):
    id: int
    visit_id: int
    text: str
    owner_nip: str
    due_date: dt.date | None
    status: str
    closed_at: dt.datetime | None
    closing_note: str

    @staticmethod
    def resolve_owner_nip(obj) -> str:
        return obj.owner.nip


class FieldVisitOut(Schema):
    id: int
    leader_nip: str
    date: dt.date
    place: str
    facility: str
    purpose: str
    findings: str
    photo_count: int
    open_follow_ups: int

    @staticmethod
    def resolve_leader_nip(obj) -> str:
        return obj.leader.nip


class FollowUpIn(Schema):
    text: SafeStr = Field(..., min_length=1, max_length=2000)
    owner_nip: SafeStr = Field(..., max_length=18)
    due_date: dt.date | None = None


class FieldVisitIn(Schema):
    date: dt.date
    place: SafeStr = Field(..., min_length=1, max_length=200)
    facility: SafeStr = Field("", max_length=200)
    purpose: SafeStr = Field(..., min_length=1, max_length=4000)
    findings: SafeStr = Field("", max_length=8000)
    employee_nips: list[Annotated[SafeStr, Field(max_length=18)]] = Field(
        default=[], max_length=200
    )
    rhk_ids: list[DbId] = Field(default=[], max_length=50)
    follow_ups: list[FollowUpIn] = Field(default=[], max_length=20)


class CloseIn(Schema):
    note: SafeStr = Field("", max_length=2000)


def _require_leader(request) -> None:
    if not permissions.can_lead(request.user):
        raise PermissionDenied("Hanya kepala unit atau pejabat penilai yang memiliki tim.")


def _team_employee(request, nip: str) -> Employee:
    found = selectors.team_members(request.user).filter(nip=nip).first()
    if found is None:
        raise Http404
    return found


def _rhk(request, pk: int) -> Rhk:
    found = selectors.rhk_options(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


PageLimit = Annotated[
    int,
    Query(ge=1, le=selectors.TEAM_PAGE_MAX, description="Jumlah anggota per halaman (maks. 100)"),
]
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Lewati sejumlah anggota")]


@router.get(
    "/team",
    response={200: TeamOut, **error_responses(401, 403, 422)},
    summary="Ikhtisar tim pimpinan yang sedang masuk (anggota per halaman, rekap per unit)",
)
def team(request, limit: PageLimit = 50, offset: PageOffset = 0):
    _require_leader(request)
    ws = selectors.team_page(request.user, limit=limit, offset=offset)
    following = ws.offset + ws.limit
    return Status(
        200,
        {
            "year": ws.year,
            "skp_deadline": ws.deadline,
            "skps_to_approve": ws.skps_to_approve,
            "reports_to_verify": ws.reports_to_verify,
            "evaluations_waiting": ws.evaluations_waiting,
            "appeals_waiting": ws.appeals_waiting,
            "late": ws.late_count,
            "member_count": ws.count,
            "limit": ws.limit,
            "offset": ws.offset,
            "next_offset": following if following < ws.count else None,
            "members": [
                {
                    "nip": m.employee.nip,
                    "name": m.employee.full_name,
                    "unit": m.employee.unit.name if m.employee.unit else "",
                    "skp_id": m.skp_id,
                    "skp_status": m.skp_status,
                    "skp_late": m.late,
                    "period_state": m.period_state,
                    "period_status": m.period.status if m.period else None,
                    "period_late": bool(m.period and m.period.late),
                    "jp_total": m.jp_total,
                    "jp_target": m.jp_progress.target.minimum,
                    "jp_below_target": bool(m.jp_progress.below_target),
                    "pending_directions": m.pending_directions,
                    "open_follow_ups": m.open_follow_ups,
                    "overdue_follow_ups": m.overdue_follow_ups,
                }
                for m in ws.members
            ],
            "units": [
                {
                    "unit_id": t.unit_id,
                    "unit": t.name,
                    "members": t.members,
                    "skp_approved": t.skp_approved,
                    "skp_missing": t.skp_missing,
                    "late": t.late,
                    "jp_below_target": t.jp_below_target,
                }
                for t in ws.units
            ],
            "stalled": [
                {
                    "skp_id": s.pk,
                    "employee_name": s.employee_name,
                    "assessor_name": s.assessor_name,
                    "submitted_at": s.submitted_at,
                }
                for s in ws.stalled
            ],
            "stalled_periods": [
                {
                    "skp_id": s.skp_id,
                    "period_id": s.period_id,
                    "period": f"{s.period.label} {s.period.year}",
                    "employee_name": s.skp.employee_name,
                    "assessor_name": s.skp.assessor_name,
                    "evaluation_deadline": s.period.evaluation_deadline,
                }
                for s in ws.stalled_periods
            ],
        },
    )


@router.get(
    "/directions",
    response={200: list[DirectionOut], **error_responses(401, 422)},
    summary="Arahan yang dapat dilihat (diberikan atau diterima)",
)
@paginate(BoundedLimitOffsetPagination)
def directions(request):
    return selectors.directions_for(request.user)


@router.post(
    "/directions",
    response={201: DirectionOut, **error_responses(401, 403, 404, 422)},
    summary="Beri arahan kepada seluruh tim atau satu anggota",
)
def give_direction(request, payload: DirectionIn):
    _require_leader(request)
    recipient = _team_employee(request, payload.recipient_nip) if payload.recipient_nip else None
    rhk = _rhk(request, payload.rhk_id) if payload.rhk_id else None
    direction = services.give_direction(
        actor=request.user, text=payload.text, recipient=recipient, rhk=rhk
    )
    return Status(201, selectors.directions_for(request.user).get(pk=direction.pk))


@router.post(
    "/directions/{direction_id}/acknowledge",
    response={200: AckOut, **error_responses(401, 403, 404, 422)},
    summary="Konfirmasi telah membaca arahan",
)
def acknowledge(request, direction_id: Id):
    direction = Direction.objects.visible_to(request.user).filter(pk=direction_id).first()
    if direction is None:
        raise Http404
    ack = services.acknowledge_direction(actor=request.user, direction=direction)
    return Status(200, {"direction_id": direction.pk, "acknowledged_at": ack.acknowledged_at})


@router.get(
    "/field-visits",
    response={200: list[FieldVisitOut], **error_responses(401, 422)},
    summary="Kunjungan lapangan yang dapat dilihat",
)
@paginate(BoundedLimitOffsetPagination)
def field_visits(request):
    return selectors.field_visits(request.user)


@router.post(
    "/field-visits",
    response={201: FieldVisitOut, **error_responses(401, 403, 404, 422)},
    summary="Catat kunjungan lapangan (foto diunggah melalui halaman)",
)
def record_field_visit(request, payload: FieldVisitIn):
    _require_leader(request)
    employees = [_team_employee(request, nip) for nip in dict.fromkeys(payload.employee_nips)]
    rhks = [_rhk(request, pk) for pk in dict.fromkeys(payload.rhk_ids)]
    follow_ups = [
        services.FollowUpSpec(
            text=f.text, owner=_team_employee(request, f.owner_nip), due_date=f.due_date
        )
        for f in payload.follow_ups
    ]
    visit = services.record_field_visit(
        actor=request.user,
        date=payload.date,
        place=payload.place,
        facility=payload.facility,
        purpose=payload.purpose,
        findings=payload.findings,
        employees=employees,
        rhks=rhks,
        follow_ups=follow_ups,
    )
    return Status(201, selectors.field_visits(request.user).get(pk=visit.pk))


@router.post(
    "/follow-ups/{follow_up_id}/close",
    response={200: FollowUpOut, **error_responses(401, 403, 404, 422)},
    summary="Tandai tindak lanjut selesai (penanggung jawab atau pimpinan)",
)
def close_follow_up(request, follow_up_id: Id, payload: CloseIn):
    follow_up = (
        FollowUp.objects.visible_to(request.user)
        .select_related("visit", "owner")
        .filter(pk=follow_up_id)
        .first()
    )
    if follow_up is None:
        raise Http404
    if not permissions.can_close_follow_up(request.user, follow_up):
        raise PermissionDenied("Hanya penanggung jawab atau pimpinan yang dapat menutupnya.")
    closed = services.close_follow_up(actor=request.user, follow_up=follow_up, note=payload.note)
    return Status(200, FollowUp.objects.select_related("owner").get(pk=closed.pk))
