"""API: the org-unit tree and employees, scoped exactly like the pages."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from . import selectors
from .models import Employee, OrgUnit

router = Router(tags=["Organisasi"])


class Error(Schema):
    detail: str


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
    q: str | None = Field(None, max_length=100, description="Cari nama atau awalan NIP")


class UnitFilter(Schema):
    root: int | None = Field(None, description="ID unit: hanya subtree unit ini")
    max_depth: int | None = Field(None, ge=0, le=20)


@router.get(
    "/org-units",
    response={200: list[OrgUnitOut], 404: Error},
    summary="Pohon unit kerja yang boleh dilihat",
)
def org_units(request, filters: Query[UnitFilter]):
    root = None
    if filters.root is not None:
        root = OrgUnit.objects.visible_to(request.user).filter(pk=filters.root).first()
        if root is None:
            raise Http404
    return 200, selectors.unit_tree(request.user, root=root, max_depth=filters.max_depth)


@router.get("/employees", response=list[EmployeeOut], summary="Daftar pegawai (berhalaman)")
@paginate(LimitOffsetPagination)
def employees(request, filters: Query[EmployeeFilter]):
    unit = None
    if filters.unit is not None:
        unit = OrgUnit.objects.visible_to(request.user).filter(pk=filters.unit).first()
        if unit is None:
            return Employee.objects.none()
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
    response={200: EmployeeDetailOut, 404: Error},
    summary="Detail pegawai dan garis penilainya",
)
def employee_detail(request, nip: str):
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
    return 200, employee
