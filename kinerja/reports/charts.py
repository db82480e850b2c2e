"""Server-side SVG charts of the dashboard (pygal, no JavaScript: they print as drawn)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from kinerja.core.charts import cached_svg, chart_style, load_pygal
from kinerja.evaluation.domain import Predicate
from kinerja.planning.domain.orgplan import MONITORING_LABELS, MonitoringStatus

from .selectors.dashboard import Dashboard, Figures

PREDICATE_COLOURS = {
    Predicate.SANGAT_BAIK: "#1b7f3b",
    Predicate.BAIK: "#5cb85c",
    Predicate.BUTUH_PERBAIKAN: "#f0ad4e",
    Predicate.KURANG: "#d9534f",
    Predicate.SANGAT_KURANG: "#7a1f1f",
}
SKP_ORDER = (
    MonitoringStatus.APPROVED,
    MonitoringStatus.SUBMITTED,
    MonitoringStatus.RETURNED,
    MonitoringStatus.DRAFT,
    MonitoringStatus.NONE,
)
SKP_COLOURS = ("#1b7f3b", "#2f6db5", "#f0ad4e", "#9aa5b1", "#d9534f")


CHART_KEY = "reports:chart:v2"  # v2: keyed on the JSON of what is drawn, the shared look


def _drawn(spec: tuple, draw: Callable[[], str]) -> str:
    """A dashboard chart's SVG, cached as long as the dashboard's figures (after a change most
    charts of a dashboard draw the same data again). `spec` is everything the drawing reads."""
    timeout = int(getattr(settings, "REPORTS_DASHBOARD_CACHE_SECONDS", 300))
    return cached_svg(CHART_KEY, spec, draw, timeout=timeout)


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _height(rows: int) -> int:
    return max(220, 60 + 28 * rows)


CHART_GROUPS = 25  # bars per chart: a chart of 160 schools is neither readable nor quick to draw


def charted_groups(board: Dashboard) -> tuple[list[Figures], int]:
    """The groups the per-unit charts draw (the largest by head-count, in the table's order; the
    table above the charts keeps every group) and how many are left out."""
    if len(board.groups) <= CHART_GROUPS:
        return list(board.groups), 0
    by_size = sorted(board.groups, key=lambda g: (-g.headcount, g.name))[:CHART_GROUPS]
    chosen = {id(g) for g in by_size}
    return [g for g in board.groups if id(g) in chosen], len(board.groups) - CHART_GROUPS


def _title(title: str, board: Dashboard) -> str:
    left_out = charted_groups(board)[1]
    if not left_out:
        return title
    return f"{title} — {CHART_GROUPS} unit terbesar, dan {left_out} unit lainnya (lihat tabel)"


def _bars(board: Dashboard) -> list[Figures]:
    """The charted groups bottom-up (a horizontal chart draws its first row at the bottom)."""
    return list(reversed(charted_groups(board)[0]))


def skp_chart(board: Dashboard) -> str:
    """SKP completion per group: approved, submitted, returned, draft, none (head-counts)."""
    groups = _bars(board)
    title = _title(f"Status SKP {board.year}", board)
    labels = [_short(g.name) for g in groups]
    series = [(MONITORING_LABELS[s], [g.skp[s] for g in groups]) for s in SKP_ORDER]

    def draw() -> str:
        pygal = load_pygal()
        chart = pygal.HorizontalStackedBar(
            js=[],
            style=chart_style(SKP_COLOURS),
            height=_height(len(groups)),
            width=900,
            title=title,
            legend_at_bottom=True,
            legend_at_bottom_columns=5,
            print_values=False,
        )
        chart.x_labels = labels
        for name, values in series:
            chart.add(name, values)
        return chart.render(is_unicode=True)

    return _drawn(("skp", title, labels, series), draw)


def predicate_chart(board: Dashboard) -> str:
    """Predicate distribution per group, as a share of those evaluated in the period."""
    groups = _bars(board)
    title = _title(f"Sebaran predikat kinerja (%) — {board.period or 'tanpa periode'}", board)
    labels = [_short(g.name) for g in groups]
    series = [
        (
            predicate.label,
            [
                round(g.predicates[predicate] * 100 / g.predicate_total, 1)
                if g.predicate_total
                else None
                for g in groups
            ],
        )
        for predicate in Predicate
    ]

    def draw() -> str:
        pygal = load_pygal()
        chart = pygal.HorizontalStackedBar(
            js=[],
            style=chart_style(PREDICATE_COLOURS.values()),
            height=_height(len(groups)),
            width=900,
            range=(0, 100),
            title=title,
            legend_at_bottom=True,
            legend_at_bottom_columns=5,
        )
        chart.x_labels = labels
        for name, values in series:
            chart.add(name, values)
        return chart.render(is_unicode=True)

    return _drawn(("predicates", title, labels, series), draw)


def trend_chart(board: Dashboard) -> str:
    """Over the year's periods: evaluations given and realisations entered (%)."""
    title = f"Tren per periode {board.year} (%)"
    labels = [p.period.label for p in board.trend]
    series = [
        (
            "Realisasi indikator terisi",
            [float(p.realised_pct) if p.realised_pct is not None else None for p in board.trend],
        ),
        (
            "SKP disetujui yang sudah dinilai",
            [float(p.evaluated_pct) if p.evaluated_pct is not None else None for p in board.trend],
        ),
    ]

    def draw() -> str:
        pygal = load_pygal()
        chart = pygal.Line(
            js=[],
            style=chart_style(("#2f6db5", "#1b7f3b")),
            height=300,
            width=900,
            range=(0, 100),
            title=title,
            legend_at_bottom=True,
            x_label_rotation=0,
            dots_size=4,
        )
        chart.x_labels = labels
        for name, values in series:
            chart.add(name, values)
        return chart.render(is_unicode=True)

    return _drawn(("trend", title, labels, series), draw)


def jp_chart(board: Dashboard) -> str:
    """Share of PNS with at least 20 JP, per group (PPPK have no minimum and are not counted)."""
    groups = _bars(board)
    title = _title(f"PNS yang memenuhi 20 JP (%) — {board.year}", board)
    labels = [_short(g.name) for g in groups]
    values = [float(g.jp_pct) if g.jp_pct is not None else None for g in groups]

    def draw() -> str:
        pygal = load_pygal()
        chart = pygal.HorizontalBar(
            js=[],
            style=chart_style(("#2f6db5",)),
            height=_height(len(groups)),
            width=900,
            range=(0, 100),
            show_legend=False,
            title=title,
        )
        chart.x_labels = labels
        chart.add("PNS ≥ 20 JP", values)
        return chart.render(is_unicode=True)

    return _drawn(("jp", title, labels, values), draw)


def chart_note(board: Dashboard) -> str:
    """The line under the per-unit charts when they leave units out."""
    left_out = charted_groups(board)[1]
    if not left_out:
        return ""
    return (
        f"Grafik menampilkan {CHART_GROUPS} unit dengan pegawai terbanyak, dan {left_out} unit "
        "lainnya ada di tabel per unit di atas."
    )


def all_charts(board: Dashboard) -> dict[str, str]:
    return {
        "skp": skp_chart(board),
        "predicates": predicate_chart(board),
        "trend": trend_chart(board),
        "jp": jp_chart(board),
    }
