"""API: adoption figures per agency and for the regency (scoped like the adoption page)."""

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema, Status

from kinerja.core import clock
from kinerja.core.api_schemas import error_responses

from . import selectors

router = Router(tags=["Adopsi"])

Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="ID perangkat daerah")]


class YearIn(Schema):
    year: int | None = Field(
        None, ge=2000, le=2100, description="Tahun kinerja (bawaan: tahun ini)"
    )


class FiguresOut(Schema):
    agency_id: int | None = Field(description="Kosong untuk jumlah kabupaten")
    agency_name: str
    employees: int
    never_logged_in: int
    without_skp: int
    due_current_period: int
    not_filled_current_period: int
    assessors_with_evaluations_waiting: int
    evaluations_waiting: int
    announcements_delivered: int
    announcements_read: int
    announcement_read_rate: float | None = Field(description="0..1; kosong bila belum ada")


class RegencyOut(Schema):
    year: int
    current_period: str | None
    agencies: int
    total: FiguresOut


def _allowed(request) -> list[int] | None:
    if not selectors.can_view_adoption(request.user):
        raise PermissionDenied(selectors.NOT_ALLOWED)
    return selectors.scoped_agency_ids(request.user)


def _year(filters: YearIn) -> int:
    return filters.year or clock.today().year


@router.get(
    "/adoption/agencies",
    response={200: list[FiguresOut], **error_responses(401, 403, 422)},
    summary="Angka adopsi per perangkat daerah yang dapat dilihat",
)
def adoption_agencies(request, filters: Query[YearIn]):
    ids = _allowed(request)
    figures = selectors.agency_adoption(year=_year(filters), agency_ids=ids)
    return Status(200, list(figures.values()))


@router.get(
    "/adoption/agencies/{agency_id}",
    response={200: FiguresOut, **error_responses(401, 403, 404, 422)},
    summary="Angka adopsi satu perangkat daerah",
)
def adoption_agency(request, agency_id: Id, filters: Query[YearIn]):
    ids = _allowed(request)
    if ids is not None and agency_id not in ids:
        raise Http404
    found = selectors.agency_adoption(year=_year(filters), agency_ids=[agency_id])
    if agency_id not in found:
        raise Http404
    return Status(200, found[agency_id])


@router.get(
    "/adoption/regency",
    response={200: RegencyOut, **error_responses(401, 403, 422)},
    summary="Jumlah angka adopsi kabupaten (atau perangkat daerah yang dapat dilihat)",
)
def adoption_regency(request, filters: Query[YearIn]):
    ids = _allowed(request)
    year = _year(filters)
    figures = selectors.agency_adoption(year=year, agency_ids=ids)
    label = selectors.REGENCY_LABEL if ids is None else "Jumlah"
    period = selectors.current_period(year)
    return Status(
        200,
        {
            "year": year,
            "current_period": f"{period.label} {period.year}" if period else None,
            "agencies": len(figures),
            "total": selectors.regency_totals(figures, label=label),
        },
    )
