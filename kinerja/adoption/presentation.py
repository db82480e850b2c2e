"""What the adoption page draws and hands out: SVG charts, WhatsApp texts, the Excel workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import BytesIO
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone

from kinerja.communication.services import absolute_url
from kinerja.core.charts import cached_svg, chart_style, load_pygal
from kinerja.evaluation.models import Period
from kinerja.organisations.models import Employee

from .selectors import AdoptionFigures, AnnouncementRate, WeekPoint


def percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


# --- Charts ------------------------------------------------------------------------------------

CHART_CACHE_SECONDS = 60 * 60
CHART_KEY = "adoption:chart:v2:{kind}"  # v2: the shared look (core.charts.chart_style)


def _cached_svg(kind: str, data: object, draw: Callable[[], str]) -> str:
    return cached_svg(CHART_KEY.format(kind=kind), data, draw, timeout=CHART_CACHE_SECONDS)


def agencies_chart_svg(figures: list[AdoptionFigures]) -> str:
    """Per agency: share of employees who have signed in, have an SKP, filled the period."""
    data = [
        (
            f.agency_name,
            f.employees,
            f.never_logged_in,
            f.without_skp,
            f.due_current_period,
            f.not_filled_current_period,
        )
        for f in figures
    ]
    return _cached_svg("agencies", data, lambda: _draw_agencies(figures))


def _draw_agencies(figures: list[AdoptionFigures]) -> str:
    pygal = load_pygal()
    chart = pygal.HorizontalBar(
        js=[],
        height=140 + 34 * max(len(figures), 1),
        range=(0, 100),
        legend_at_bottom=True,
        title="Adopsi per perangkat daerah (%)",
        truncate_label=40,
        style=chart_style(),
    )
    rows = list(reversed(figures))  # HorizontalBar draws the first label at the bottom
    chart.x_labels = [f.agency_name for f in rows]

    def share(part, whole):
        return round(100 * part / whole, 1) if whole else None

    chart.add("Pernah masuk", [share(f.logged_in, f.employees) for f in rows])
    chart.add("Memiliki SKP", [share(f.employees - f.without_skp, f.employees) for f in rows])
    chart.add(
        "Mengisi periode berjalan",
        [
            share(f.due_current_period - f.not_filled_current_period, f.due_current_period)
            for f in rows
        ],
    )
    return chart.render(is_unicode=True)


def trend_chart_svg(points: list[WeekPoint]) -> str:
    """The regency (or agency) shares week by week; the last point is this week, live."""
    data = [
        (
            p.week_start,
            p.is_live,
            p.figures.employees,
            p.figures.never_logged_in,
            p.figures.without_skp,
            p.figures.due_current_period,
            p.figures.not_filled_current_period,
            p.figures.announcements_delivered,
            p.figures.announcements_read,
        )
        for p in points
    ]
    return _cached_svg("trend", data, lambda: _draw_trend(points))


def _draw_trend(points: list[WeekPoint]) -> str:
    pygal = load_pygal()
    chart = pygal.Line(
        js=[],
        height=340,
        range=(0, 100),
        legend_at_bottom=True,
        x_label_rotation=30,
        title="Tren mingguan (%)",
        style=chart_style(("#2f6db5", "#1b7f3b", "#f0ad4e", "#6f42c1")),
    )
    chart.x_labels = [f"{p.week_start:%d/%m}" + (" (kini)" if p.is_live else "") for p in points]

    def series(fn):
        return [fn(p.figures) for p in points]

    chart.add("Pernah masuk", series(lambda f: percent(f.login_rate)))
    chart.add(
        "Memiliki SKP",
        series(lambda f: percent(1 - f.without_skp_share) if f.employees else None),
    )
    chart.add(
        "Mengisi periode berjalan",
        series(lambda f: percent(1 - f.not_filled_share) if f.due_current_period else None),
    )
    chart.add("Pengumuman dibaca", series(lambda f: percent(f.announcement_read_rate)))
    return chart.render(is_unicode=True)


# --- WhatsApp-ready reminders ----------------------------------------------------------------


def _salutation(employee: Employee) -> str:
    return f"Yth. {employee.full_name}"


def reminder_text(kind: str, employee: Employee, *, year: int, period: Period | None = None) -> str:
    """The message BKPSDM copies into WhatsApp for one person, with the deep link."""
    if kind == "never_logged_in":
        return (
            f"{_salutation(employee)}, akun Kinerja Abdya Anda sudah siap. Silakan masuk dengan "
            f"NIP Anda sebagai nama pengguna di {absolute_url(reverse('home'))} . Bila lupa kata "
            "sandi, hubungi pengelola kinerja perangkat daerah Anda."
        )
    if kind == "without_skp":
        return (
            f"{_salutation(employee)}, SKP tahun {year} Anda belum disusun di aplikasi Kinerja "
            f"Abdya. Mohon segera disusun dan diajukan: {absolute_url(reverse('planning:my_skp'))}"
        )
    if kind == "not_filled":
        label = f"{period.label} {period.year}" if period else "periode berjalan"
        closes = f" paling lambat {period.entry_closes:%d-%m-%Y}" if period else ""
        return (
            f"{_salutation(employee)}, realisasi kinerja {label} Anda belum diajukan. Mohon "
            f"diisi dan diajukan{closes}: {absolute_url(reverse('evaluation:mine'))}"
        )
    waiting = getattr(employee, "waiting", None) or 0
    return (
        f"{_salutation(employee)}, ada {waiting} pengajuan realisasi pegawai yang menunggu "
        f"penilaian Anda di aplikasi Kinerja Abdya: {absolute_url(reverse('evaluation:team'))}"
    )


def whatsapp_number(phone: str) -> str:
    """An Indonesian mobile number in wa.me form (62…), or "" when it is not one."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits if digits.startswith("628") and 10 <= len(digits) <= 15 else ""


def whatsapp_url(text: str, phone: str = "") -> str:
    """A wa.me link that opens WhatsApp with the text (to the number when there is one)."""
    number = whatsapp_number(phone)
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


# --- Excel -------------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIGURE_HEADERS = [
    "Perangkat daerah",
    "Pegawai",
    "Belum pernah masuk",
    "Belum memiliki SKP",
    "Wajib mengisi periode berjalan",
    "Belum mengisi periode berjalan",
    "Pejabat penilai dengan penilaian menunggu",
    "Penilaian menunggu",
    "Pemberitahuan pengumuman",
    "Pengumuman dibaca",
    "Tingkat baca (%)",
]


def _figure_row(f: AdoptionFigures) -> list:
    return [
        f.agency_name,
        f.employees,
        f.never_logged_in,
        f.without_skp,
        f.due_current_period,
        f.not_filled_current_period,
        f.assessors_with_evaluations_waiting,
        f.evaluations_waiting,
        f.announcements_delivered,
        f.announcements_read,
        percent(f.announcement_read_rate),
    ]


def workbook_bytes(
    *,
    year: int,
    figures: list[AdoptionFigures],
    total: AdoptionFigures,
    trend: list[WeekPoint],
    rates: list[AnnouncementRate],
    period: Period | None,
    generated: dt.datetime,
) -> bytes:
    """The same figures as the page: per agency with the total, the weekly trend, read rates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Per perangkat daerah"
    sheet.append([f"Adopsi Kinerja Abdya tahun {year}"])
    sheet.append(
        [
            "Periode berjalan: "
            + (f"{period.label} {period.year}" if period else "belum ada jadwal penilaian"),
            f"Dibuat {generated:%d-%m-%Y %H:%M}",
        ]
    )
    sheet.append(FIGURE_HEADERS)
    for f in figures:
        sheet.append(_figure_row(f))
    sheet.append(_figure_row(total))
    bold = Font(bold=True)
    for cell in sheet[3]:
        cell.font = bold
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.column_dimensions["A"].width = 48

    weekly = book.create_sheet("Tren mingguan")
    weekly.append(["Awal pekan", *FIGURE_HEADERS[1:], "Keterangan"])
    for point in trend:
        row = _figure_row(point.figures)[1:]
        weekly.append([point.week_start, *row, "pekan berjalan" if point.is_live else "potret"])
    for cell in weekly[1]:
        cell.font = bold
    for row in weekly.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "DD-MM-YYYY"

    reads = book.create_sheet("Pengumuman")
    reads.append(["Judul", "Atas nama", "Terbit", "Terkirim", "Dibaca", "Tingkat baca (%)"])
    for rate in rates:
        reads.append(
            [
                rate.title,
                rate.author_label,
                timezone.localtime(rate.publish_at).replace(tzinfo=None),
                rate.delivered,
                rate.read,
                percent(rate.rate),
            ]
        )
    for cell in reads[1]:
        cell.font = bold
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
