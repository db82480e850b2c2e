"""PDF (WeasyPrint) and Excel (openpyxl) of the dashboard and of the capaian kinerja annex."""

from __future__ import annotations

import base64
from io import BytesIO

from django.template.loader import render_to_string

from kinerja.core import clock
from kinerja.evaluation.domain import Predicate

from .selectors.achievement import Achievement, annex_rows
from .selectors.dashboard import Dashboard, Figures, PersonRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANNEX_HEADER = [
    "No",
    "Sasaran strategis",
    "Indikator kinerja utama",
    "Target",
    "Realisasi",
    "Capaian",
    "Penjelasan",
]


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "printed_at": clock.now()})
    return HTML(string=html).write_pdf()


def dashboard_pdf(board: Dashboard, charts: dict[str, str], people: list[PersonRow]) -> bytes:
    return _pdf(
        "reports/dashboard_pdf.html",
        {
            "board": board,
            "charts": {name: svg_data_uri(svg) for name, svg in charts.items()},
            "people": people,
            "predicates": list(Predicate),
        },
    )


def _pct(value) -> float | None:
    return float(value) if value is not None else None


def _figures_row(f: Figures) -> list:
    return [
        f.name,
        f.headcount,
        *[n for _, _, n in f.skp_rows],
        _pct(f.approved_pct),
        f.indicators,
        f.realised,
        _pct(f.realised_pct),
        _pct(f.mean_achievement),
        f.evaluated,
        _pct(f.evaluated_pct),
        *[f.predicates[p] for p in Predicate],
        f.org_result.label if f.org_result else "",
        "; ".join(v.message for v in f.violations),
        f.appeals,
        f.appeals_open,
        f.appeals_changed,
        f.pns,
        f.pns_met,
        _pct(f.jp_pct),
        f.pppk,
    ]


def dashboard_xlsx(board: Dashboard, people: list[PersonRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Ringkasan"
    sheet.append([f"Dasbor kinerja {board.title} — tahun {board.year}"])
    sheet.append([f"Periode: {board.period or '—'}; dicetak {clock.now():%d-%m-%Y %H:%M}"])
    header = [
        "Unit",
        "Pegawai",
        *[label for _, label, _ in board.total.skp_rows],
        "SKP disetujui (%)",
        "Indikator bertarget",
        "Realisasi terisi",
        "Realisasi terisi (%)",
        "Rata-rata capaian (%)",
        "Dinilai",
        "Dinilai dari SKP disetujui (%)",
        *[p.label for p in Predicate],
        "Capaian organisasi",
        "Catatan pola distribusi",
        "Keberatan",
        "Keberatan belum diputus",
        "Keberatan mengubah hasil",
        "PNS",
        "PNS ≥ 20 JP",
        "PNS ≥ 20 JP (%)",
        "PPPK",
    ]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for figures in board.groups:
        sheet.append(_figures_row(figures))
    sheet.append(_figures_row(board.total))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 45

    trend = book.create_sheet("Tren")
    trend.append(["Periode", "Realisasi terisi", "Realisasi terisi (%)", "Dinilai", "Dinilai (%)"])
    for point in board.trend:
        trend.append(
            [
                point.period.label,
                point.realised,
                _pct(point.realised_pct),
                point.evaluated,
                _pct(point.evaluated_pct),
            ]
        )
    if people:
        names = book.create_sheet("Pegawai")
        names.append(["Nama", "NIP", "Jabatan", "Unit", "Status SKP", "Predikat", "JP"])
        for row in people:
            e = row.employee
            names.append(
                [
                    e.full_name,
                    e.nip,
                    e.position.name if e.position else "",
                    e.unit.name if e.unit else "",
                    row.skp_label,
                    row.predicate.label if row.predicate else "",
                    float(row.jp),
                ]
            )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def annex_pdf(achievement: Achievement) -> bytes:
    return _pdf(
        "reports/annex_pdf.html",
        {"a": achievement, "rows": annex_rows(achievement), "header": ANNEX_HEADER},
    )


def annex_xlsx(achievement: Achievement) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Capaian Kinerja"
    sheet.append([f"Capaian kinerja {achievement.agency.name} — {achievement.year}"])
    sheet.append([f"Periode: {achievement.period or '—'}"])
    sheet.append(ANNEX_HEADER)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in annex_rows(achievement):
        sheet.append(row)
    for column, width in zip("ABCDEFG", (5, 40, 40, 16, 22, 10, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=4):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = BytesIO()
    book.save(out)
    return out.getvalue()
