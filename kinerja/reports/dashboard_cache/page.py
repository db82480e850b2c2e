"""A whole dashboard in the cache: its figures, charts and the HTML of its per-unit table, one
entry per scope, year and period under the scope's data version; each table row is rendered
again only when what it shows changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString

from kinerja.evaluation.models import Period
from kinerja.organisations.models import OrgUnit

from ..charts import all_charts, chart_note
from ..selectors.dashboard import Dashboard, Figures
from .board import cached_board
from .keys import DASHBOARD_KEY, ROW_HTML_KEY, _timeout
from .versions import data_version


@dataclass
class CachedDashboard:
    board: Dashboard
    html: SafeString  # the summary, the per-unit table and the charts (user-independent)
    as_of: datetime


def cached_dashboard(*, year: int, scope: OrgUnit | None, period: Period | None) -> CachedDashboard:
    """The dashboard figures and their HTML (with the charts) for the scope, from the cache when
    current (the PDF export draws its charts again from `board`: the entry keeps them once).

    Nothing in the entry depends on the user: the caller checks that the user may see the scope,
    and names (the drill-down list) are read per request.
    """
    key = DASHBOARD_KEY.format(
        version=data_version(scope.pk if scope is not None else None),
        year=year,
        scope=scope.pk if scope is not None else "regency",
        period=period.pk if period is not None else "default",
    )
    entry = cache.get(key)
    if entry is None:
        board, as_of = cached_board(year=year, scope=scope, period=period)
        charts = all_charts(board)
        html = render_to_string(
            "reports/_dashboard_figures.html",
            {
                "board": board,
                "charts": charts,
                "chart_note": chart_note(board),
                "group_rows_html": _group_rows_html(board),
            },
        )
        entry = CachedDashboard(board=board, html=SafeString(html), as_of=as_of)
        timeout = _timeout()
        if timeout > 0:
            cache.set(key, entry, timeout)
    return entry


def _row_shown(g: Figures) -> tuple:
    """Everything a group's table row shows (with the scope, year and period of its entry)."""
    adoption = g.adoption
    return (
        g.unit.pk if g.unit is not None else None,
        g.unit.depth if g.unit is not None else None,
        g.name,
        g.headcount,
        g.approved_pct,
        tuple(g.skp.items()),
        g.realised_pct,
        g.mean_achievement,
        g.evaluated,
        tuple(n for _, n in g.predicate_rows),
        g.org_result,
        tuple(v.message for v in g.violations),
        g.appeals,
        g.jp_pct,
        (adoption.logged_in, adoption.employees) if adoption is not None else None,
    )


def _group_rows_html(board: Dashboard) -> list[SafeString]:
    """The per-unit table's rows, each rendered again only when what it shows changed (a table
    of 160 schools takes tens of milliseconds to render; after a change one row differs)."""
    key = ROW_HTML_KEY.format(
        scope=board.scope.pk if board.scope is not None else "regency",
        year=board.year,
        period=board.period.pk if board.period is not None else "none",
    )
    stored = cache.get(key) or {}
    template = get_template("reports/_dashboard_group_row.html")
    rendered = {}
    for g in board.groups:
        shown = _row_shown(g)
        html = stored.get(shown)
        if html is None:
            html = template.render({"g": g, "board": board})
        rendered[shown] = html
    if rendered.keys() != stored.keys():
        timeout = _timeout()
        if timeout > 0:
            cache.set(key, rendered, timeout)
    return [SafeString(rendered[_row_shown(g)]) for g in board.groups]
