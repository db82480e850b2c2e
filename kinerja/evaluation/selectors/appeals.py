"""Appeals (keberatan): the register per perangkat daerah, a user's own queue, one appeal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit
from kinerja.planning import permissions as planning_permissions
from kinerja.planning.selectors import assessor_q

from ..domain import appeal_deadline, can_file_appeal
from ..models import Appeal, AppealStatus, Evaluation
from .calibration import agency_q

_RELATED = ("evaluation__skp__unit", "evaluation__period")


def can_view_register(user, agency: OrgUnit) -> bool:
    """BKPSDM and regency-wide readers, the agency's head and its OPD admins."""
    access = access_for(user)
    return (
        access.sees_all
        or agency.pk in access.headed_unit_ids
        or access.manages_unit_path(agency.path)
    )


def appeals_register(
    user,
    *,
    agency: OrgUnit,
    year: int,
    status: str = "",
    decision: str = "",
    search: str = "",
) -> QuerySet[Appeal]:
    """Visible appeals of an agency's employees for a year, oldest first, in one query."""
    qs = Appeal.objects.visible_to(user).filter(
        agency_q(agency, "evaluation__skp__"), evaluation__period__year=year
    )
    if status in AppealStatus.values:
        qs = qs.filter(status=status)
    if decision in ("uphold", "change"):
        qs = qs.filter(decision=decision)
    if search.strip():
        term = search.strip()
        qs = qs.filter(
            Q(evaluation__skp__employee_name__icontains=term)
            | Q(evaluation__skp__employee__nip__startswith=term)
        )
    return qs.select_related(*_RELATED, "evaluation__skp__employee").order_by("filed_at", "id")


@dataclass(frozen=True)
class MyAppeals:
    filed: list[Appeal]  # the user's own appeals
    to_decide: list[Appeal]  # as atasan pejabat penilai
    to_explain: list[Appeal]  # as pejabat penilai


def my_appeals(user) -> MyAppeals:
    """The appeals a user takes part in (three queries)."""
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return MyAppeals([], [], [])
    base = Appeal.objects.visible_to(user).select_related(*_RELATED)
    return MyAppeals(
        filed=list(base.filter(evaluation__skp__employee_id=employee_id)),
        to_decide=list(base.filter(evaluation__skp__superior_id=employee_id)),
        to_explain=list(
            base.filter(
                evaluation__skp__in=_assessed(user),
                status__in=[AppealStatus.FILED, AppealStatus.EXPLANATIONS_REQUESTED],
            )
        ),
    )


def _assessed(user):
    from kinerja.planning.models import Skp

    return Skp.objects.filter(assessor_q(user)).values("pk")


@dataclass(frozen=True)
class AppealWindow:
    received_on: dt.date
    deadline: dt.date
    is_open: bool
    has_open_appeal: bool

    @property
    def can_file(self) -> bool:
        return self.is_open and not self.has_open_appeal


def appeal_window(evaluation: Evaluation) -> AppealWindow:
    """Whether the employee may still object to this result, and until when."""
    from ..services.appeals import appeal_days_for

    days = appeal_days_for(evaluation.period.year)
    received = evaluation.received_on
    return AppealWindow(
        received_on=received,
        deadline=appeal_deadline(received, days),
        is_open=not evaluation.is_final and can_file_appeal(received, clock.today(), days),
        has_open_appeal=evaluation.appeals.exclude(status=AppealStatus.DECIDED).exists(),
    )


@dataclass
class AppealPage:
    appeal: Appeal
    files: list
    is_employee: bool
    is_assessor: bool
    is_superior: bool

    @property
    def can_request(self) -> bool:
        return self.is_superior and self.appeal.status == AppealStatus.FILED

    @property
    def can_explain(self) -> bool:
        return (self.is_employee or self.is_assessor) and (
            self.appeal.status == AppealStatus.EXPLANATIONS_REQUESTED
        )

    @property
    def can_decide(self) -> bool:
        return self.is_superior and self.appeal.status == AppealStatus.EXPLANATIONS_REQUESTED


def appeal_page(user, *, appeal_id: int) -> AppealPage:
    """One appeal with its files; raises Appeal.DoesNotExist when invisible."""
    appeal = (
        Appeal.objects.visible_to(user)
        .select_related(*_RELATED, "evaluation__skp__employee")
        .get(pk=appeal_id)
    )
    skp = appeal.evaluation.skp
    employee_id = getattr(user, "employee_id", None)
    return AppealPage(
        appeal=appeal,
        files=list(appeal.files.order_by("created_at", "id")),
        is_employee=planning_permissions.is_owner(user, skp),
        is_assessor=planning_permissions.is_assessor_of(user, skp),
        is_superior=bool(employee_id) and employee_id == skp.superior_id,
    )
