"""Journey: one period from realisation to a decided appeal.

The pelaksana enters a realisation with a PDF as evidence and submits; the kepala seksi gives
feedback on a BerAKHLAK value, records a performance dialogue and rates; the pelaksana
acknowledges and appeals; the kepala bidang (atasan pejabat penilai) asks for explanations and
decides; the pelaksana sees the outcome. Screenshots of each page go to /tmp/eval-*.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.evaluation import services
from kinerja.evaluation.models import Appeal, Evaluation, Period
from kinerja.evaluation.tests.conftest import approved_skp
from kinerja.planning.models import Skp

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FEEDBACK = "Kolaborasi dengan bidan desa sangat baik."
REASONS = "Bukti laporan bulan Desember belum dipertimbangkan."


def _shot(page, name: str) -> None:
    page.screenshot(path=f"/tmp/eval-{name}.png", full_page=True)


def _sign_out(page, name: str) -> None:
    page.get_by_role("button", name=f"Akun: {name}").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))


def _open_menu(page, group: str, item: str) -> None:
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name=group).click()
    menu.get_by_role("link", name=item, exact=True).click()


def _this_years_skp(world):
    """The staff's approved SKP moved to this year, and the period open today."""
    today = clock.today()
    services.set_schedule(
        actor=User.objects.get(employee=world.bkpsdm_admin), year=today.year, rhythm="quarterly"
    )
    skp, _, _ = approved_skp(world.staff, world.seksi_head, world.bidang_head)
    Skp.objects.filter(pk=skp.pk).update(
        year=today.year,
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
    )
    period = (
        Period.objects.filter(year=today.year, kind="quarterly", start__lte=today)
        .order_by("-start")
        .first()
    )
    assert period.window_open_on(today)
    return Skp.objects.get(pk=skp.pk), period


def test_period_realisation_feedback_rating_acknowledgement_and_appeal(
    live_server, live_world, sign_in, page, tmp_path
):
    w = live_world
    skp, period = _this_years_skp(w)
    evidence = tmp_path / "laporan-pelayanan.pdf"
    evidence.write_bytes(PDF)

    # The pelaksana fills the period: the realisation, a PDF as evidence, then submits.
    sign_in(w.staff)
    _open_menu(page, "Kinerja Saya", "Realisasi & Penilaian")
    page.get_by_role("link", name=period.label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(period.label)
    page.get_by_label("Realisasi", exact=True).fill("12")
    page.get_by_label("Uraian", exact=True).fill("Dua belas laporan pelayanan")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Realisasi disimpan.")
    page.get_by_label("Berkas (PDF, gambar, dokumen Office)").set_input_files(str(evidence))
    page.get_by_label("Keterangan").fill("Rekap laporan")
    page.get_by_role("button", name="Unggah / simpan tautan").click()
    expect(page.get_by_role("alert")).to_contain_text("Bukti dukung diunggah.")
    expect(page.get_by_role("link", name=re.compile(r"laporan-pelayanan"))).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    _shot(page, "1-period-employee")
    page.get_by_role("button", name="Ajukan realisasi periode ini").click()
    expect(page.get_by_role("alert")).to_contain_text("Realisasi periode diajukan")
    _sign_out(page, w.staff.full_name)

    # The kepala seksi gives feedback on a BerAKHLAK value, records a dialogue and rates.
    sign_in(w.seksi_head)
    _open_menu(page, "Tim Saya", "Penilaian Tim")
    page.get_by_role("row").filter(has_text=w.staff.full_name).get_by_role(
        "link", name="Nilai"
    ).click()
    page.get_by_label("Tentang").select_option(label="BerAKHLAK: Kolaboratif")
    page.get_by_label("Umpan balik").fill(FEEDBACK)
    page.get_by_role("button", name="Kirim umpan balik").click()
    expect(page.get_by_role("alert")).to_contain_text("Umpan balik disimpan.")
    expect(page.get_by_text(FEEDBACK)).to_be_visible()
    expect(page.get_by_text("Saran berdasarkan capaian: Sesuai Ekspektasi")).to_be_visible()
    page.get_by_label("Rating perilaku kerja").select_option(label="Di Atas Ekspektasi")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_role("alert")).to_contain_text("Penilaian disimpan.")
    expect(page.get_by_text("Predikat: Baik")).to_be_visible()
    _shot(page, "2-period-assessor")

    page.get_by_role("link", name="Dialog kinerja").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dialog Kinerja")
    page.get_by_label("Catatan dialog").fill("Membahas capaian triwulan dan rencana perbaikan.")
    page.get_by_label("Tindak lanjut 1").fill("Susun jadwal pelayanan keliling")
    page.get_by_label("Penanggung jawab 1").select_option(label=w.staff.full_name)
    page.get_by_role("button", name="Simpan dialog").click()
    expect(page.get_by_role("alert")).to_contain_text("Dialog kinerja dicatat.")
    expect(
        page.get_by_role("cell", name="Susun jadwal pelayanan keliling", exact=True)
    ).to_be_visible()
    _shot(page, "3-dialogue")
    _open_menu(page, "Kinerja Saya", "Dialog Kinerja")
    expect(page.get_by_role("row").filter(has_text=w.staff.full_name)).to_contain_text("1")
    _shot(page, "4-dialogues")
    _sign_out(page, w.seksi_head.full_name)

    # The pelaksana reads the feedback, acknowledges the result, then files an appeal.
    sign_in(w.staff)
    page.goto(f"{live_server.url}{reverse('evaluation:period', args=[skp.pk, period.pk])}")
    expect(page.get_by_text(FEEDBACK)).to_be_visible()
    page.get_by_role("button", name="Saya telah menerima hasil penilaian ini").click()
    expect(page.get_by_role("alert")).to_contain_text("Hasil penilaian telah Anda terima.")
    assert Evaluation.objects.get(skp=skp, period=period).acknowledged_at is not None
    page.get_by_role("link", name="Riwayat umpan balik").click()
    expect(page.get_by_text(FEEDBACK)).to_be_visible()
    _shot(page, "5-feedback-history")
    page.go_back()
    page.get_by_text("Ajukan keberatan").click()
    page.get_by_label("Alasan keberatan").fill(REASONS)
    _shot(page, "6-appeal-form")
    page.get_by_role("button", name="Kirim keberatan").click()
    expect(page.get_by_role("alert")).to_contain_text("Keberatan diajukan")
    expect(page.get_by_text(REASONS)).to_be_visible()
    _sign_out(page, w.staff.full_name)

    # The kepala bidang asks for explanations; the kepala seksi explains; the kepala bidang
    # upholds the result with a reason.
    sign_in(w.bidang_head)
    _open_menu(page, "Kinerja Saya", "Keberatan")
    _shot(page, "7-appeals")
    page.get_by_role("row").filter(has_text=w.staff.full_name).get_by_role(
        "link", name=re.compile("Buka")
    ).first.click()
    page.get_by_role("button", name="Minta penjelasan").click()
    expect(page.get_by_role("alert")).to_contain_text("Penjelasan pejabat penilai dan pegawai")
    _sign_out(page, w.bidang_head.full_name)

    sign_in(w.seksi_head)
    appeal = Appeal.objects.get()
    page.goto(f"{live_server.url}{reverse('evaluation:appeal', args=[appeal.pk])}")
    page.get_by_label("Penjelasan").fill("Laporan Desember sudah dihitung dalam realisasi.")
    page.get_by_role("button", name="Simpan penjelasan").click()
    expect(page.get_by_role("alert")).to_contain_text("Penjelasan disimpan.")
    _sign_out(page, w.seksi_head.full_name)

    sign_in(w.bidang_head)
    page.goto(f"{live_server.url}{reverse('evaluation:appeal', args=[appeal.pk])}")
    page.get_by_label("Keputusan", exact=True).select_option(label="Menguatkan hasil penilaian")
    page.get_by_label("Pertimbangan keputusan").fill("Realisasi Desember sudah termasuk.")
    page.get_by_role("button", name="Putuskan (final)").click()
    expect(page.get_by_role("alert")).to_contain_text("Keberatan diputus")
    _shot(page, "8-appeal-decided")
    _sign_out(page, w.bidang_head.full_name)

    # The pelaksana sees the final outcome.
    sign_in(w.staff)
    page.goto(f"{live_server.url}{reverse('evaluation:appeal', args=[appeal.pk])}")
    expect(page.get_by_role("heading", name="Keputusan atasan pejabat penilai")).to_be_visible()
    expect(page.get_by_text("Realisasi Desember sudah termasuk.")).to_be_visible()
    evaluation = Evaluation.objects.get(skp=skp, period=period)
    assert evaluation.is_final and evaluation.predicate == "good"
    _sign_out(page, w.staff.full_name)

    # The register of the agency (OPD admin) and the organisational results (the regent).
    sign_in(w.health_admin)
    _open_menu(page, "Kelola", "Register Keberatan")
    page.get_by_label("Perangkat daerah").select_option(label=w.health.name)
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("row").filter(has_text=w.staff.full_name)).to_contain_text("Diputus")
    _shot(page, "9-register")
    _sign_out(page, w.health_admin.full_name)

    sign_in(w.regent)
    _open_menu(page, "Tim Saya", "Capaian Organisasi")
    row = page.get_by_role("row").filter(has_text=w.health.name)
    row.get_by_label(f"Capaian {w.health.name}").select_option(label="Baik")
    row.get_by_label(f"Dasar penetapan {w.health.name}").fill("LKjIP dan capaian IKU")
    row.get_by_role("button", name=re.compile("Simpan")).click()
    expect(page.get_by_role("alert")).to_contain_text("ditetapkan")
    _shot(page, "10-org-results")
