"""API: dashboards, organisational achievement and the public transparency figures.

`GET /transparansi` is the only operation open to anonymous callers (`auth=None`, explicitly
public): it answers the same cached, suppressed figures as the public page. Everything else needs
a token and is scoped like the pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema

from kinerja.core import clock
from kinerja.core.api_schemas import error_responses
from kinerja.evaluation.domain import Predicate
from kinerja.evaluation.models import Period
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit
from kinerja.planning.org_selectors import agencies

from .dashboard_cache import cached_dashboard
from .public import FIRST_YEAR
from .selectors.achievement import agency_achievement
from .selectors.dashboard import Figures
from .selectors.transparency import public_figures

router = Router(tags=["Laporan"])


class PublicPredicateOut(Schema):
    predicate: str
    label: str
    count: int | None = Field(description="Kosong (null) bila disembunyikan: 1–4 orang")


class PublicRowOut(Schema):
    employees: int | None
    skp_approved_pct: float | None
    evaluation_pct: float | None
    jp_pct: float | None
    predicates: list[PublicPredicateOut]
    iku_achievement_pct: float | None


class PublicAgencyOut(PublicRowOut):
    id: int
    name: str


class PublicHistoryOut(Schema):
    year: int
    has_data: bool = Field(description="false: belum ada SKP pada tahun itu")
    regency: PublicRowOut


class TransparencyOut(Schema):
    year: int
    data_as_of: str = Field(description="Waktu data dihitung (ISO 8601)")
    min_group: int
    suppression_note: str
    has_data: bool
    period: str | None
    regency: PublicRowOut
    agencies: list[PublicAgencyOut]
    history: list[PublicHistoryOut]


class PublicFilter(Schema):
    tahun: int | None = Field(None, ge=FIRST_YEAR, le=2100, description="Tahun; bawaan tahun ini")


@router.get(
    "/transparansi",
    auth=None,
    url_name="reports_transparency",
    response={200: TransparencyOut, **error_responses(422)},
    summary="Angka transparansi kinerja (publik, tanpa login)",
    description=(
        "Per perangkat daerah dan kabupaten: SKP disetujui, penilaian selesai, sebaran predikat, "
        "PNS ≥ 20 JP, capaian IKU, dan tiga tahun terakhir. Tanpa data pribadi; angka untuk "
        "kelompok kurang dari 5 orang bernilai null. Disimpan sementara (cache)."
    ),
)
def transparency(request, filters: Query[PublicFilter]):
    year = filters.tahun or clock.today().year
    if year > clock.today().year + 1:
        year = clock.today().year
    return public_figures(year)


class GroupOut(Schema):
    unit_id: int | None
    name: str
    headcount: int
    skp: dict[str, int]
    approved_pct: float | None
    indicators: int
    realised: int
    realised_pct: float | None
    mean_achievement_pct: float | None
    evaluated: int
    predicates: dict[str, int]
    org_result: str | None
    distribution_notes: list[str]
    appeals: int
    appeals_open: int
    appeals_changed: int
    pns: int
    pns_met_jp: int
    jp_pct: float | None
    pppk: int


class DashboardOut(Schema):
    year: int
    unit_id: int | None
    title: str
    period_id: int | None
    period: str | None
    groups: list[GroupOut]
    total: GroupOut


class DashboardFilter(Schema):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Tahun; bawaan tahun ini")
    unit: int | None = Field(None, ge=1, le=2_147_483_647, description="Unit; kosong: kabupaten")
    periode: int | None = Field(None, ge=1, le=2_147_483_647, description="Periode penilaian")


def _float(value) -> float | None:
    return float(value) if value is not None else None


def _group(f: Figures) -> dict:
    return {
        "unit_id": f.unit.pk if f.unit is not None else None,
        "name": f.name,
        "headcount": f.headcount,
        "skp": {str(k): v for k, v in f.skp.items()},
        "approved_pct": _float(f.approved_pct),
        "indicators": f.indicators,
        "realised": f.realised,
        "realised_pct": _float(f.realised_pct),
        "mean_achievement_pct": _float(f.mean_achievement),
        "evaluated": f.evaluated,
        "predicates": {p.value: f.predicates[p] for p in Predicate},
        "org_result": f.org_result.value if f.org_result else None,
        "distribution_notes": [v.message for v in f.violations],
        "appeals": f.appeals,
        "appeals_open": f.appeals_open,
        "appeals_changed": f.appeals_changed,
        "pns": f.pns,
        "pns_met_jp": f.pns_met,
        "jp_pct": _float(f.jp_pct),
        "pppk": f.pppk,
    }


@router.get(
    "/laporan/dasbor",
    url_name="reports_dashboard",
    response={200: DashboardOut, **error_responses(401, 403, 404, 422)},
    summary="Angka dasbor kinerja (kabupaten atau satu unit)",
    description=(
        "Tanpa `unit`: kabupaten (pimpinan, Inspektorat, BKPSDM). Dengan `unit`: unit yang dapat "
        "Anda lihat (admin perangkat daerah, kepala unit); unit lain 404."
    ),
)
def dashboard_figures(request, filters: Query[DashboardFilter]):
    access = access_for(request.user)
    year = filters.tahun or clock.today().year
    scope = None
    if filters.unit is not None:
        scope = OrgUnit.objects.filter(pk=filters.unit).first()
        if scope is None or not access.sees_unit_path(scope.path):
            raise Http404
    elif not access.sees_all:
        raise PermissionDenied(
            "Dasbor kabupaten untuk pimpinan, Inspektorat, dan BKPSDM; sebutkan unit Anda."
        )
    period = None
    if filters.periode is not None:
        period = Period.objects.filter(pk=filters.periode, year=year).first()
        if period is None:
            raise Http404
    # The page's cached figures (the same entry, the same rows): the same answer as the page.
    board = cached_dashboard(year=year, scope=scope, period=period).board
    return {
        "year": year,
        "unit_id": scope.pk if scope else None,
        "title": board.title,
        "period_id": board.period.pk if board.period else None,
        "period": board.period.label if board.period else None,
        "groups": [_group(g) for g in board.groups],
        "total": _group(board.total),
    }


class IkuOut(Schema):
    target_id: int
    objective: str
    indicator: str
    unit: str
    target: float
    source: str
    realisation: float | None
    achievement_pct: float | None
    explanation: str


class AchievementOut(Schema):
    agency_id: int
    agency: str
    year: int
    period_id: int | None
    rows: list[IkuOut]
    proposed_org_result: str | None
    org_result: str | None


class AchievementFilter(Schema):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Tahun; bawaan tahun ini")
    periode: int | None = Field(None, ge=1, le=2_147_483_647, description="Periode penilaian")


@router.get(
    "/laporan/capaian/{agency_id}",
    url_name="reports_achievement",
    response={200: AchievementOut, **error_responses(401, 404, 422)},
    summary="Capaian indikator kinerja utama satu perangkat daerah",
)
def achievement(request, agency_id: int, filters: Query[AchievementFilter]):
    agency = agencies().filter(pk=agency_id).first() if agency_id < 2_147_483_648 else None
    if agency is None:
        raise Http404
    year = filters.tahun or clock.today().year
    periods = Period.objects.filter(year=year)
    if filters.periode is not None:
        period = periods.filter(pk=filters.periode).first()
        if period is None:
            raise Http404
    else:
        period = periods.filter(kind="annual").first() or periods.order_by("-end").first()
    data = agency_achievement(agency=agency, year=year, period=period)
    return {
        "agency_id": agency.pk,
        "agency": agency.name,
        "year": year,
        "period_id": period.pk if period else None,
        "rows": [
            {
                "target_id": r.target.pk,
                "objective": r.target.objective,
                "indicator": r.target.indicator,
                "unit": r.target.target_unit,
                "target": float(r.period_target),
                "source": r.source,
                "realisation": float(r.measurement.value) if r.measurement else None,
                "achievement_pct": _float(r.achievement),
                "explanation": r.explanation,
            }
            for r in data.rows
        ],
        "proposed_org_result": data.proposal.predicate.value if data.proposal else None,
        "org_result": data.org_result.predicate if data.org_result else None,
    }
