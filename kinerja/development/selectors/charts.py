"""Server-side SVG charts (pygal) of attainment and needs, cached on exactly what they show."""

from __future__ import annotations

from collections.abc import Callable

from kinerja.core.charts import cached_svg, chart_style, load_pygal

from .analysis import NeedsAnalysis
from .attainment import AgencyAttainment

CHART_CACHE_SECONDS = 60 * 60
CHART_KEY = "development:chart:v2:{kind}"  # v2: the shared look (core.charts.chart_style)


def _cached_svg(kind: str, data: object, draw: Callable[[], str]) -> str:
    """Cached on exactly what the chart shows (changed data is a different key)."""
    return cached_svg(CHART_KEY.format(kind=kind), data, draw, timeout=CHART_CACHE_SECONDS)


def attainment_chart_svg(rows: list[AgencyAttainment]) -> str:
    """Server-side SVG bar chart of the share of PNS meeting 20 JP per agency."""
    data = [(r.name, float(r.share)) for r in rows]
    return _cached_svg("attainment", data, lambda: _draw_attainment(data))


def _draw_attainment(data: list[tuple[str, float]]) -> str:
    pygal = load_pygal()

    chart = pygal.Bar(
        js=[],
        height=360,
        show_legend=False,
        range=(0, 100),
        x_label_rotation=30,
        title="PNS yang memenuhi 20 JP (%)",
        style=chart_style(),
    )
    chart.x_labels = [name for name, _share in data]
    chart.add("Memenuhi (%)", [share for _name, share in data])
    return chart.render(is_unicode=True)


def needs_chart_svg(analysis: NeedsAnalysis) -> str:
    """The 15 competencies most needed (cached on exactly those figures)."""
    data = [(c, analysis.totals[c]) for c in analysis.competencies[:15]]
    return _cached_svg("needs", data, lambda: _draw_needs(data))


def _draw_needs(data: list[tuple[str, int]]) -> str:
    pygal = load_pygal()

    chart = pygal.HorizontalBar(
        js=[],
        height=360,
        show_legend=False,
        title="Kebutuhan per kompetensi",
        style=chart_style(("#6f42c1",)),
    )
    chart.x_labels = [name for name, _n in data]
    chart.add("Kebutuhan", [n for _name, n in data])
    return chart.render(is_unicode=True)
