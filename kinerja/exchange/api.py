"""API: exports for the national systems (SIASN, e-Kinerja BKN) for a system that pulls.

The rows are exactly those of the CSV/JSON files (same columns, same values, same order, from
`domain.mapping`); each answer is one page (limit/offset) and each pull is logged.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from kinerja.core.api_schemas import MAX_OFFSET, MAX_PAGE_SIZE, error_responses
from kinerja.evaluation.models import Period, PeriodKind

from . import selectors, services
from .domain.mapping import FILES, ColumnType
from .models import ExportKind

router = Router(tags=["Pertukaran data nasional"])

DENIED = "Ekspor data nasional hanya untuk admin BKPSDM dan pengelola kinerja OPD."


def _row_schema(kind: str, name: str) -> type[Schema]:
    fields = {}
    for c in FILES[kind]:
        python_type = int if c.type is ColumnType.INT else str
        description = f"Sumber: {c.source}." + (f" SIASN: {c.siasn}." if c.siasn else "")
        if c.type is ColumnType.DATE:
            description += " Format TTTT-BB-HH."
        fields[c.name] = (python_type | None, Field(None, description=description))
    return create_model(name, __base__=Schema, **fields)


SkpAnnualRow = _row_schema("skp_annual", "SkpAnnualRow")
PeriodicRow = _row_schema("periodic", "PeriodicRow")
TrainingRow = _row_schema("training", "TrainingRow")


def _page_schema(row: type[Schema], name: str) -> type[Schema]:
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(..., description="Jumlah seluruh baris untuk saringan ini")),
        items=(list[row], Field(..., description="Baris halaman ini, urutan tetap")),
    )


SkpAnnualPage = _page_schema(SkpAnnualRow, "SkpAnnualPage")
PeriodicPage = _page_schema(PeriodicRow, "PeriodicPage")
TrainingPage = _page_schema(TrainingRow, "TrainingPage")


class ExportQuery(Schema):
    year: int = Field(..., ge=2000, le=2100, description="Tahun penilaian / tahun JP")
    agency_id: int | None = Field(
        None, ge=1, le=2_147_483_647, description="ID perangkat daerah (opsional)"
    )
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Jumlah baris per halaman")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Lewati sejumlah baris")


class PeriodicQuery(ExportQuery):
    period_id: int | None = Field(None, ge=1, le=2_147_483_647, description="ID periode (opsional)")


class ExportLogOut(Schema):
    id: int
    created_at: dt.datetime
    created_by: str = Field(..., alias="created_by_label")
    kind: str
    file_format: str
    channel: str
    filters: dict
    rows: int
    sha256: str


class LogQuery(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


ExportLogPage = _page_schema(ExportLogOut, "ExportLogPage")


def _filters(request, query: ExportQuery, period_id: int | None = None):
    if not selectors.can_export(request.user):
        raise PermissionDenied(DENIED)
    if (
        query.agency_id
        and not selectors.export_agencies(request.user).filter(pk=query.agency_id).exists()
    ):
        raise Http404("Perangkat daerah tidak ditemukan.")
    if period_id and not (
        Period.objects.exclude(kind=PeriodKind.ANNUAL)
        .filter(pk=period_id, year=query.year)
        .exists()
    ):
        raise Http404("Periode tidak ditemukan pada tahun tersebut.")
    return selectors.ExportFilters(year=query.year, agency_id=query.agency_id, period_id=period_id)


def _page(request, kind: str, query: ExportQuery, period_id: int | None = None) -> dict:
    filters = _filters(request, query, period_id)
    qs = selectors.export_queryset(request.user, kind, filters)
    count = qs.count()
    objects = qs[query.offset : query.offset + query.limit]
    rows = services.json_rows(kind, selectors.build_rows(kind, objects))
    services.log_api_pull(
        actor=request.user,
        kind=kind,
        filters=filters,
        page={"limit": query.limit, "offset": query.offset},
        rows=rows,
    )
    return {"count": count, "items": rows}


ERRORS = error_responses(401, 403, 404, 422)


@router.get(
    "/exchange/skp-annual",
    url_name="exchange_skp_annual",
    response={200: SkpAnnualPage, **ERRORS},
    summary="Hasil SKP tahunan per pegawai (bentuk SIASN skp22), berhalaman",
)
def skp_annual(request, query: Query[ExportQuery]):
    return _page(request, ExportKind.SKP_ANNUAL, query)


@router.get(
    "/exchange/periodic",
    url_name="exchange_periodic",
    response={200: PeriodicPage, **ERRORS},
    summary="Kinerja periodik per pegawai (bentuk SIASN kinerja periodik), berhalaman",
)
def periodic(request, query: Query[PeriodicQuery]):
    return _page(request, ExportKind.PERIODIC, query, query.period_id)


@router.get(
    "/exchange/training",
    url_name="exchange_training",
    response={200: TrainingPage, **ERRORS},
    summary="Riwayat diklat dan kursus (bentuk SIASN riwayat diklat/kursus), berhalaman",
)
def training(request, query: Query[ExportQuery]):
    return _page(request, ExportKind.TRAINING, query)


@router.get(
    "/exchange/exports",
    url_name="exchange_exports",
    response={200: ExportLogPage, **error_responses(401, 403, 422)},
    summary="Catatan ekspor (berkas dan tarikan API), berhalaman",
)
def export_logs(request, query: Query[LogQuery]):
    from kinerja.organisations.access import access_for

    if not (selectors.can_export(request.user) or access_for(request.user).is_auditor):
        raise PermissionDenied(DENIED)
    qs = selectors.export_logs(request.user)
    return {"count": qs.count(), "items": list(qs[query.offset : query.offset + query.limit])}
