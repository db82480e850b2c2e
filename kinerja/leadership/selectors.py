"""Reads of the leadership app: the team workspace, directions, field visits and follow-ups.

The workspace is computed with a constant number of queries whatever the team size: every
member's state is an annotation (correlated subqueries) on one employee query, and this
period's evaluation state comes from `cycle.period_states` (three queries for the whole team).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kinerja.core import clock
from kinerja.development.domain import progress
from kinerja.development.selectors import reports_to_verify, with_jp_total
from kinerja.development.selectors import team_members as _development_team
from kinerja.evaluation.models import PeriodSubmission
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.domain.workflow import STATUS_LABELS, SkpStatus
from kinerja.planning.models import Skp
from kinerja.planning.selectors import assessor_q

from .cycle import (
    PeriodState,
    SkpSpan,
    appeals_url,
    appeals_waiting,
    evaluations_waiting,
    period_states,
    stalled_periods,
)
from .domain import DEFAULT_ESCALATION_DAYS, is_skp_late, skp_deadline, stall_cutoff
from .models import Direction, DirectionAck, FieldVisit, FollowUp, FollowUpStatus


def team_members(user) -> QuerySet[Employee]:
    """Active employees in the units the user heads, plus those they assess by override."""
    return _development_team(user)


def escalation_days() -> int:
    return int(getattr(settings, "LEADERSHIP_ESCALATION_DAYS", DEFAULT_ESCALATION_DAYS))


def member_table_limit() -> int:
    """Above this many members the whole-tree page shows totals per unit and asks to drill down
    (a head of a large agency has thousands of names; a table that long helps no one)."""
    return int(getattr(settings, "LEADERSHIP_MEMBER_TABLE_LIMIT", 300))


@dataclass
class MemberState:
    employee: Employee
    skp_id: int | None
    skp_status: str | None
    jp_total: object
    jp_progress: object
    pending_directions: int
    open_follow_ups: int
    overdue_follow_ups: int = 0
    period: PeriodState | None = None
    late: bool = False

    @property
    def period_state(self) -> str:
        """This period's realisation/evaluation in words ("" without an approved SKP)."""
        return self.period.label if self.period else ""

    @property
    def skp_status_label(self) -> str:
        return STATUS_LABELS[SkpStatus(self.skp_status)] if self.skp_status else "Belum ada SKP"


@dataclass
class UnitTotal:
    unit: OrgUnit
    members: int = 0
    skp_approved: int = 0
    skp_missing: int = 0
    late: int = 0
    jp_below_target: int = 0


@dataclass
class Workspace:
    year: int
    today: dt.date
    deadline: dt.date
    members: list[MemberState]
    units: list[UnitTotal]
    selected_unit: OrgUnit | None
    skps_to_approve: int
    reports_to_verify: int
    late: list[MemberState]
    stalled: list[Skp]
    escalation_days: int
    headed_units: list[OrgUnit] = field(default_factory=list)
    evaluations_waiting: int = 0
    appeals_waiting: int = 0
    appeals_url: str = ""
    stalled_periods: list[PeriodSubmission] = field(default_factory=list)
    overdue_follow_ups: list[FollowUp] = field(default_factory=list)
    table_limit: int = 300

    @property
    def table_truncated(self) -> bool:
        return self.selected_unit is None and len(self.members) > self.table_limit

    @property
    def members_table(self) -> list[MemberState]:
        """The members listed by name: all of them, or none until a unit is chosen."""
        return [] if self.table_truncated else self.members

    @property
    def is_empty(self) -> bool:
        return not self.members and not self.stalled and not self.stalled_periods

    @property
    def period_late(self) -> list[MemberState]:
        """Members with a period whose entry window closed without a submission."""
        return [m for m in self.members if m.period and m.period.late_count]


def _annotated_team(qs: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    skp = Skp.objects.filter(employee=OuterRef("pk"), year=year).order_by(
        "is_closed", "-period_start"
    )
    pending = (
        DirectionAck.objects.filter(employee=OuterRef("pk"), acknowledged_at__isnull=True)
        .order_by()
        .values("employee")
        .annotate(n=Count("pk"))
        .values("n")
    )
    follow_ups = (
        FollowUp.objects.filter(owner=OuterRef("pk"), status=FollowUpStatus.OPEN)
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    overdue = (
        FollowUp.objects.filter(
            owner=OuterRef("pk"), status=FollowUpStatus.OPEN, due_date__lt=clock.today()
        )
        .order_by()
        .values("owner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_jp_total(qs, year).annotate(
        skp_id=Subquery(skp.values("pk")[:1]),
        skp_status=Subquery(skp.values("status")[:1]),
        skp_start=Subquery(skp.values("period_start")[:1]),
        skp_end=Subquery(skp.values("period_end")[:1]),
        overdue_follow_ups=Coalesce(
            Subquery(overdue, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
        pending_directions=Coalesce(
            Subquery(pending, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
        open_follow_ups=Coalesce(
            Subquery(follow_ups, output_field=IntegerField()), Value(0), output_field=IntegerField()
        ),
    )


def stalled_below(user, *, now: dt.datetime | None = None) -> QuerySet[Skp]:
    """SKPs submitted more than N days ago and not decided, whose assessor answers to the user.

    The user is the atasan pejabat penilai recorded on the SKP, or the assessor is in the user's
    team; SKPs the user assesses personally are in their own queue, not here.
    """
    access = access_for(user)
    if access.employee_id is None:
        return Skp.objects.none()
    now = now or clock.now()
    below = team_members(user).values("pk")
    return (
        Skp.objects.filter(
            Q(superior_id=access.employee_id) | Q(assessor_id__in=below),
            status=SkpStatus.SUBMITTED,
            is_closed=False,
            submitted_at__lt=stall_cutoff(now, escalation_days()),
        )
        .exclude(assessor_id=access.employee_id)
        .select_related("employee", "assessor")
        .order_by("submitted_at", "id")
    )


def workspace(user, *, unit_id: int | None = None, year: int | None = None) -> Workspace:
    """The team workspace of an assessor or unit head (constant number of queries)."""
    access = access_for(user)
    today = clock.today()
    year = year or today.year
    headed = list(OrgUnit.objects.filter(pk__in=access.headed_unit_ids).order_by("path"))
    team = team_members(user)
    selected = None
    if unit_id is not None:
        selected = OrgUnit.objects.filter(_paths_q(access.headed_unit_paths), pk=unit_id).first()
        if selected is None:
            raise OrgUnit.DoesNotExist
    rows = list(_annotated_team(team, year).select_related("unit", "position"))
    states = period_states(
        {
            e.pk: SkpSpan(skp_id=e.skp_id, start=e.skp_start, end=e.skp_end)
            for e in rows
            if e.skp_status == SkpStatus.APPROVED
        },
        year=year,
        today=today,
    )
    members: list[MemberState] = []
    for e in rows:
        members.append(
            MemberState(
                employee=e,
                skp_id=e.skp_id,
                skp_status=e.skp_status,
                jp_total=e.jp_total,
                jp_progress=progress(e.status, e.jp_total),
                pending_directions=e.pending_directions,
                open_follow_ups=e.open_follow_ups,
                overdue_follow_ups=e.overdue_follow_ups,
                period=states.get(e.pk),
                late=not e.skp_exemption
                and is_skp_late(status=e.skp_status, year=year, today=today),
            )
        )
    units = _unit_totals(members, headed)
    if selected is not None:
        members = [
            m for m in members if m.employee.unit and m.employee.unit.path.startswith(selected.path)
        ]
    return Workspace(
        year=year,
        today=today,
        deadline=skp_deadline(year),
        members=members,
        units=units,
        selected_unit=selected,
        skps_to_approve=Skp.objects.filter(assessor_q(user), status=SkpStatus.SUBMITTED).count(),
        reports_to_verify=len(reports_to_verify(user)),
        late=[m for m in members if m.late],
        stalled=list(stalled_below(user)),
        escalation_days=escalation_days(),
        headed_units=headed,
        evaluations_waiting=evaluations_waiting(user).count(),
        appeals_waiting=appeals_waiting(user).count(),
        appeals_url=appeals_url(),
        stalled_periods=list(stalled_periods(user, today=today)),
        overdue_follow_ups=list(overdue_follow_ups_for_leader(user, today=today)[:100]),
        table_limit=member_table_limit(),
    )


def _paths_q(paths) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(path__startswith=p)
    return q


def _unit_totals(members: list[MemberState], headed: list[OrgUnit]) -> list[UnitTotal]:
    """Totals per unit of the members (drill-down rows), in tree order."""
    by_unit: dict[int, UnitTotal] = {}
    for m in members:
        unit = m.employee.unit
        if unit is None:
            continue
        total = by_unit.setdefault(unit.pk, UnitTotal(unit=unit))
        total.members += 1
        total.skp_approved += m.skp_status == SkpStatus.APPROVED
        total.skp_missing += m.skp_status is None
        total.late += m.late
        total.jp_below_target += bool(m.jp_progress.below_target)
    if not headed:
        return []
    return sorted(by_unit.values(), key=lambda t: t.unit.path)


# --- Directions ------------------------------------------------------------------------------


def pending_directions(user) -> QuerySet[DirectionAck]:
    """Directions the user received and has not acknowledged yet, newest first."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return DirectionAck.objects.none()
    return (
        DirectionAck.objects.filter(employee_id=employee_id, acknowledged_at__isnull=True)
        .select_related("direction", "direction__author", "direction__rhk")
        .order_by("-direction__created_at", "-id")
    )


def directions_for(user) -> QuerySet[Direction]:
    """Visible directions with counts of recipients and acknowledgements."""
    return (
        Direction.objects.visible_to(user)
        .select_related("author", "recipient", "rhk")
        .annotate(
            recipients=Count("acks"),
            acknowledged=Count("acks", filter=Q(acks__acknowledged_at__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )


def received_directions(user) -> QuerySet[DirectionAck]:
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return DirectionAck.objects.none()
    return (
        DirectionAck.objects.filter(employee_id=employee_id)
        .select_related("direction", "direction__author", "direction__rhk")
        .order_by("-direction__created_at", "-id")
    )


# --- Field visits and follow-ups ---------------------------------------------------------------


def field_visits(user) -> QuerySet[FieldVisit]:
    return (
        FieldVisit.objects.visible_to(user)
        .select_related("leader", "kecamatan")
        .annotate(
            photo_count=Count("photos", distinct=True),
            open_follow_ups=Count(
                "follow_ups", filter=Q(follow_ups__status=FollowUpStatus.OPEN), distinct=True
            ),
        )
        .order_by("-date", "-id")
    )


def field_visit_detail(user, pk: int) -> FieldVisit:
    """One visible visit with everything its page shows; raises FieldVisit.DoesNotExist."""
    return (
        FieldVisit.objects.visible_to(user)
        .select_related("leader", "kecamatan")
        .prefetch_related("photos", "employees", "rhks", "follow_ups__owner")
        .get(pk=pk)
    )


def my_follow_ups(user) -> QuerySet[FollowUp]:
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(owner_id=employee_id)
        .select_related("visit", "visit__leader")
        .order_by("status", "due_date", "id")
    )


def my_open_follow_ups(user) -> QuerySet[FollowUp]:
    """The user's open follow-ups, earliest due date first (those without one last)."""
    return (
        my_follow_ups(user)
        .filter(status=FollowUpStatus.OPEN)
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def overdue_follow_ups_for_leader(user, *, today: dt.date) -> QuerySet[FollowUp]:
    """Open follow-ups past their due date, owned by the leader's team or from their visits."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(
            Q(owner__in=team_members(user).values("pk")) | Q(visit__leader_id=employee_id),
            status=FollowUpStatus.OPEN,
            due_date__lt=today,
        )
        .select_related("owner", "visit")
        .order_by("due_date", "id")
    )


def kecamatan_options() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(kind="kecamatan", is_active=True).order_by("name")


def rhk_options(user, *, year: int | None = None) -> QuerySet:
    """RHKs of this year's open SKPs of the leader and their team that the leader may see."""
    from kinerja.planning.models import Rhk

    year = year or clock.today().year
    employee_id = getattr(user, "employee_id", None)
    owners = Q(skp__employee__in=team_members(user).values("pk"))
    if employee_id:
        owners |= Q(skp__employee_id=employee_id)
    return (
        Rhk.objects.filter(owners, skp__year=year, skp__is_closed=False)
        .filter(skp__in=Skp.objects.visible_to(user).values("pk"))
        .select_related("skp")
        .order_by("skp__employee_name", "-group", "order", "id")
    )
