"""Server-side SVG charts (pygal) of attainment and needs, cached on exactly what they show."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache

from kinerja.core.charts import load_pygal

from .analysis import NeedsAnalysis
from .attainment import AgencyAttainment

CHART_CACHE_SECONDS = 60 * 60


def _cached_svg(kind: str, data: object, draw: Callable[[], str]) -> str:
    """Drawing a pygal chart costs more than the page's queries; the same data gives the same
    SVG, so it is cached under a hash of exactly what the chart shows (no invalidation needed:
    changed data is a different key)."""
    digest = hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()
    key = f"development:chart:{kind}:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, CHART_CACHE_SECONDS)
    return svg


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
        js=[], height=360, show_legend=False, title="Kebutuhan per kompetensi"
    )
    chart.x_labels = [name for name, _n in data]
    chart.add("Kebutuhan", [n for _name, n in data])
    return chart.render(is_unicode=True)
