"""The downloadable template: one workbook with a sheet per kind plus "Petunjuk", or one CSV."""

from __future__ import annotations

import csv
import io

from .spec import BY_KIND, INSTRUCTIONS_TITLE, SHEETS, SheetSpec

GENERAL_NOTES = [
    "Isi lembar yang diperlukan saja; lembar kosong dilewati. Urutan penyimpanan: Unit, Jabatan, Pegawai, Penilai.",
    "Baris pertama tiap lembar adalah judul kolom: jangan diubah. Kolom bertanda (wajib) harus diisi.",
    "Unit dan jabatan dirujuk dengan kodenya. Rujukan boleh ke data yang sudah terdaftar atau ke baris sebelumnya di berkas ini.",
    "Data yang sudah ada diperbarui, tidak digandakan: pegawai dicocokkan dengan NIP, unit dan jabatan dengan kodenya.",
    "Sel kosong pada kolom tidak wajib tidak mengubah data lama.",
    "Semua baris diperiksa lebih dulu. Bila ada satu saja kesalahan, tidak ada data yang disimpan; perbaiki baris yang dilaporkan lalu unggah lagi.",
    "Pegawai baru otomatis mendapat akun (nama pengguna = NIP) dengan kata sandi awal yang wajib diganti saat pertama masuk.",
    "Pengelola kinerja perangkat daerah hanya dapat mengimpor data di dalam perangkat daerahnya.",
    "Tanggal ditulis HH-BB-TTTT (mis. 02-01-2024) atau memakai format tanggal Excel. NIP diisi sebagai teks.",
]


def build_workbook() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS_TITLE
    bold = Font(bold=True)
    guide.append(["Petunjuk pengisian templat impor data pegawai"])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append([])
    for note in GENERAL_NOTES:
        guide.append([f"• {note}"])
    for spec in SHEETS:
        guide.append([])
        guide.append([f"Lembar {spec.title}", spec.help])
        guide.cell(guide.max_row, 1).font = bold
        guide.append(["Kolom", "Wajib", "Keterangan", "Contoh"])
        for c in range(1, 5):
            guide.cell(guide.max_row, c).font = bold
        for column in spec.columns:
            guide.append(
                [column.header, "wajib" if column.required else "", column.help, column.example]
            )
    guide.column_dimensions["A"].width = 30
    guide.column_dimensions["B"].width = 10
    guide.column_dimensions["C"].width = 90
    guide.column_dimensions["D"].width = 28

    fill = PatternFill("solid", fgColor="DDEBF7")
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.title)
        sheet.append(spec.headers)
        for index, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(1, index)
            cell.font = bold
            cell.fill = fill
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
            if column.text:
                # Text format keeps an 18-digit NIP from being rounded by Excel.
                for row in range(2, 2001):
                    sheet.cell(row, index).number_format = "@"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_csv(kind: str) -> bytes:
    spec: SheetSpec = BY_KIND[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(spec.headers)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
