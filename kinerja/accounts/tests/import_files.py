"""Build import files for the tests: workbooks and CSVs from plain rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

from kinerja.accounts.imports.spec import BY_KIND
from kinerja.organisations.domain.nip import Gender, build_nip

_sequence = itertools.count(500)


def fresh_nip(born: dt.date = dt.date(1990, 5, 17), gender: Gender = Gender.FEMALE) -> str:
    return build_nip(born, (2015, 3), gender, next(_sequence) % 999 + 1)


def workbook(**sheets: list[dict]) -> bytes:
    """workbook(units=[{...}], employees=[...]): keys are column keys, headers from the spec."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for kind, rows in sheets.items():
        spec = BY_KIND[kind]
        sheet = book.create_sheet(spec.title)
        sheet.append(spec.headers)
        for row in rows:
            sheet.append([row.get(c.key) for c in spec.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_file(kind: str, rows: list[dict], delimiter: str = ",") -> bytes:
    spec = BY_KIND[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(spec.headers)
    for row in rows:
        writer.writerow(["" if row.get(c.key) is None else row.get(c.key) for c in spec.columns])
    return buffer.getvalue().encode("utf-8")


def small_agency(nip_head: str, nip_staff: str, *, parent_code: str = "ABDYA") -> dict:
    """A new dinas with a bidang, two positions and two employees (head and staff)."""
    return {
        "units": [
            {
                "code": "DISDIK",
                "name": "Dinas Pendidikan",
                "kind": "Dinas",
                "parent_code": parent_code,
            },
            {"code": "DISDIK.GTK", "name": "Bidang GTK", "kind": "bidang", "parent_code": "DISDIK"},
        ],
        "positions": [
            {
                "code": "DISDIK.KADIS",
                "name": "Kepala Dinas Pendidikan",
                "unit_code": "DISDIK",
                "kind": "jpt_pratama",
                "is_head": "Ya",
                "class_grade": 14,
            },
            {
                "code": "DISDIK.GTK.ANALIS",
                "name": "Analis GTK",
                "unit_code": "DISDIK.GTK",
                "kind": "Pelaksana",
                "is_head": "Tidak",
            },
        ],
        "employees": [
            {
                "nip": nip_head,
                "name": "Teuku Kadis",
                "status": "PNS",
                "position_code": "DISDIK.KADIS",
                "start_date": "02-01-2024",
                "back_title": "M.Pd",
            },
            {
                "nip": nip_staff,
                "name": "Cut Analis",
                "status": "pppk",
                "position_code": "DISDIK.GTK.ANALIS",
                "start_date": dt.date(2024, 2, 1),
            },
        ],
    }
