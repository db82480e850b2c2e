"""SKP list and detail, scoped like the pages."""

from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses

from ..models import Skp
from ._common import Id, SkpDetailOut, SkpOut, _detail_out, _skp, router


class SkpFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Tahun SKP")
    employee: SafeStr | None = Field(None, max_length=18, description="NIP pegawai")


@router.get(
    "/skps",
    operation_id="kinerja_planning_api_skps",
    response={200: list[SkpOut], **error_responses(401, 422)},
    summary="Daftar SKP yang boleh dilihat (berhalaman)",
)
@paginate(BoundedLimitOffsetPagination)
def skps(request, filters: Query[SkpFilter]):
    qs = Skp.objects.visible_to(request.user).select_related("employee")
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.employee:
        qs = qs.filter(employee__nip=filters.employee)
    return qs.order_by("-year", "employee_name", "id")


@router.get(
    "/skps/{skp_id}",
    operation_id="kinerja_planning_api_skp_detail",
    response={200: SkpDetailOut, **error_responses(401, 404, 422)},
    summary="Detail SKP: RHK, indikator, ekspektasi perilaku, lampiran",
)
def skp_detail(request, skp_id: Id):
    return Status(200, _detail_out(_skp(request, skp_id)))
