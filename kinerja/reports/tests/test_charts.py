"""The per-unit charts draw the largest units; the table keeps every unit."""

from __future__ import annotations

from django.core.cache import cache

from kinerja.planning.domain.orgplan import MonitoringStatus
from kinerja.reports.charts import CHART_GROUPS, all_charts, chart_note, charted_groups
from kinerja.reports.selectors.dashboard import Dashboard, Figures


def _board(n: int) -> Dashboard:
    groups = [Figures(key=f"{i:03}", name=f"Sekolah {i:03}", headcount=i + 1) for i in range(n)]
    return Dashboard(
        year=2026,
        scope=None,
        period=None,
        periods=[],
        groups=groups,
        total=Figures(key="", name="Jumlah"),
        trend=[],
        breadcrumbs=[],
    )


def test_a_few_units_are_all_charted_without_a_note():
    board = _board(10)
    assert charted_groups(board) == (board.groups, 0)
    assert chart_note(board) == ""
    assert "lainnya" not in all_charts(board)["skp"]


def test_many_units_chart_the_largest_in_the_tables_order_and_name_the_rest():
    board = _board(CHART_GROUPS + 15)
    charted, left_out = charted_groups(board)
    assert left_out == 15 and len(charted) == CHART_GROUPS
    assert [g.name for g in charted] == [f"Sekolah {i:03}" for i in range(15, CHART_GROUPS + 15)]
    assert "dan 15 unit lainnya" in chart_note(board)
    charts = all_charts(board)
    for name in ("skp", "predicates", "jp"):
        assert "Sekolah 039" in charts[name] and "Sekolah 014" not in charts[name]
        assert "15 unit lainnya" in charts[name]  # the printed chart says so too
    assert len(board.groups) == CHART_GROUPS + 15  # the table is untouched


def test_a_chart_is_drawn_again_only_when_its_data_changes():
    cache.clear()
    board = _board(5)
    before = all_charts(board)
    board.groups[0].skp[MonitoringStatus.APPROVED] = 1  # one unit's SKP figures change
    after = all_charts(board)
    assert after["skp"] != before["skp"]
    # The other charts read none of it: the same drawing (pygal gives each drawing a new id).
    assert after["jp"] == before["jp"] and after["trend"] == before["trend"]
    cache.clear()
    assert all_charts(board)["jp"] != before["jp"]  # drawn again: a new id, the same data
