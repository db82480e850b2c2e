"""The Excel workbook of the inspectorate's view: the same filtered list as the page."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .selectors import Filters, Finding

HEADERS = (
    "Jenis",
    "Tanggal",
    "Pegawai",
    "NIP",
    "Perangkat daerah",
    "Periode",
    "Keterangan",
    "Tautan data",
    "Tautan jejak audit",
)


def workbook(found: list[Finding], filters: Filters, *, base_url: str, filter_text: str) -> bytes:
    """One sheet of exceptions plus the filter used, with absolute links."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Pengecualian"
    ws.append(["Daftar pengecualian untuk pemeriksaan Inspektorat"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Saringan: {filter_text}"])
    ws.append([])
    ws.append(list(HEADERS))
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for f in found:
        ws.append(
            [
                f.kind_label,
                f.when,
                f.employee_name,
                f.employee_nip,
                f.agency_name,
                f.period_label,
                f.detail,
                base_url + f.record_url,
                base_url + f.audit_url,
            ]
        )
        ws.cell(row=ws.max_row, column=2).number_format = "DD-MM-YYYY"
        ws.cell(row=ws.max_row, column=4).number_format = "@"
        ws.cell(row=ws.max_row, column=7).alignment = Alignment(wrap_text=True, vertical="top")
    widths = (30, 12, 28, 20, 30, 18, 70, 40, 40)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=4, column=index).column_letter].width = width
    ws.freeze_panes = "A5"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
