"""Organisational plans: the regent's goals (RPJMD) and each agency's Perjanjian Kinerja."""

from decimal import Decimal

from ninja import Field, Query, Schema, Status

from kinerja.core.api_schemas import error_responses

from ._common import MAX_ID, router


class OrgGoalOut(Schema):
    id: int
    year: int
    code: str
    text: str
    indicator: str
    target_value: Decimal | None
    target_unit: str
    version: int


class AgreementTargetOut(Schema):
    id: int
    goal_id: int | None
    objective: str
    indicator: str
    baseline: Decimal | None
    target_value: Decimal
    target_unit: str
    target_q1: Decimal | None
    target_q2: Decimal | None
    target_q3: Decimal | None
    target_q4: Decimal | None
    version: int


class AgreementOut(Schema):
    id: int
    year: int
    unit_id: int
    unit_name: str
    targets: list[AgreementTargetOut]

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class YearFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Tahun (bawaan: tahun ini)")


class AgreementFilter(YearFilter):
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="ID perangkat daerah/unit")


def _plan_year(value: int | None) -> int:
    from kinerja.core import clock

    return value if value is not None else clock.today().year


@router.get(
    "/org-goals",
    operation_id="kinerja_planning_api_org_goals",
    response={200: list[OrgGoalOut], **error_responses(401, 422)},
    summary="Sasaran daerah (RPJMD) per tahun, dengan indikator dan target",
)
def org_goals(request, filters: Query[YearFilter]):
    from ..models import OrgGoal

    return Status(
        200, list(OrgGoal.objects.filter(year=_plan_year(filters.year)).order_by("order", "id"))
    )


@router.get(
    "/performance-agreements",
    operation_id="kinerja_planning_api_performance_agreements",
    response={200: list[AgreementOut], **error_responses(401, 422)},
    summary="Perjanjian Kinerja perangkat daerah per tahun: sasaran, IKU, kondisi awal, target "
    "dan target triwulan",
)
def performance_agreements(request, filters: Query[AgreementFilter]):
    from .. import org_selectors

    report = org_selectors.org_performance(
        request.user, year=_plan_year(filters.year), agency_id=filters.unit
    )
    return Status(200, report.agreements)
