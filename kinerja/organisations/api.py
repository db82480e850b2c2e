"""API: the org-unit tree and employees, scoped exactly like the pages."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kinerja.core.api_schemas import BoundedLimitOffsetPagination, SafeStr, error_responses

from . import selectors
from .models import Employee, OrgUnit

router = Router(tags=["Organisasi"])


class OrgUnitOut(Schema):
    id: int
    name: str
    kind: str
    code: str | None
    parent_id: int | None
    agency_id: int | None
    depth: int


class EmployeeOut(Schema):
    nip: str
    name: str
    full_name: str
    status: str
    rank: str
    unit_id: int | None
    unit: str | None = Field(None, alias="unit.name")
    position: str | None = Field(None, alias="position.name")
    position_kind: str | None = Field(None, alias="position.kind")


class PersonRef(Schema):
    nip: str
    full_name: str
    position: str | None


class AssessorLineOut(Schema):
    on_date: dt.date
    assessor: PersonRef | None
    assessor_acting: str
    assessor_source: str
    superior: PersonRef | None


class EmployeeDetailOut(EmployeeOut):
    gender: str
    birth_date: dt.date
    is_active: bool
    assessor_line: AssessorLineOut


class EmployeeFilter(Schema):
    unit: int | None = Field(None, description="ID unit: pegawai di unit ini dan di bawahnya")
    q: SafeStr | None = Field(None, max_length=100, description="Cari nama atau awalan NIP")


class UnitFilter(Schema):
    root: int | None = Field(None, description="ID unit: hanya subtree unit ini")
    max_depth: int | None = Field(None, ge=0, le=20)


@router.get(
    "/org-units",
    response={200: list[OrgUnitOut], **error_responses(401, 404, 422)},
    summary="Pohon unit kerja yang boleh dilihat",
    description="404 bila unit `root` tidak ada atau di luar hak akses.",
)
def org_units(request, filters: Query[UnitFilter]):
    root = None
    if filters.root is not None:
        root = OrgUnit.objects.visible_to(request.user).filter(pk=filters.root).first()
        if root is None:
            raise Http404
    return Status(200, selectors.unit_tree(request.user, root=root, max_depth=filters.max_depth))


@router.get(
    "/employees",
    response={200: list[EmployeeOut], **error_responses(401, 404, 422)},
    summary="Daftar pegawai (berhalaman)",
    description="404 bila unit `unit` tidak ada atau di luar hak akses.",
)
@paginate(BoundedLimitOffsetPagination)
def employees(request, filters: Query[EmployeeFilter]):
    unit = None
    if filters.unit is not None:
        unit = OrgUnit.objects.visible_to(request.user).filter(pk=filters.unit).first()
        if unit is None:
            raise Http404
    return selectors.employee_directory(request.user, query=filters.q or "", unit=unit)


def _person(e: Employee | None) -> dict | None:
    if e is None:
        return None
    return {
        "nip": e.nip,
        "full_name": e.full_name,
        "position": e.position.name if e.position_id else None,
    }


@router.get(
    "/employees/{nip}",
    response={200: EmployeeDetailOut, **error_responses(401, 404)},
    summary="Detail pegawai dan garis penilainya",
)
def employee_detail(request, nip: str):
    if not (nip.isascii() and nip.isdigit()):
        raise Http404
    try:
        employee = selectors.employee_profile(request.user, nip)
    except Employee.DoesNotExist as exc:
        raise Http404 from exc
    line = selectors.assessor_line(employee)
    employee.assessor_line = {
        "on_date": line.on_date,
        "assessor": _person(line.assessor),
        "assessor_acting": line.assessor_acting,
        "assessor_source": line.assessor_source,
        "superior": _person(line.superior),
    }
    return Status(200, employee)
