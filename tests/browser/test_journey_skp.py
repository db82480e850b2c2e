"""Journey: a pelaksana drafts an SKP, the kepala seksi returns it, then approves; PDF and QR check."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.planning.models import Skp, SkpDocument
from kinerja.planning.tests.helpers import approved_chain

pytestmark = pytest.mark.browser

SUPERIOR_RHK = "Meningkatnya pelayanan kesehatan primer"
MY_RHK = "Tersusunnya laporan administrasi pelayanan"
FIXED_RHK = "Tersusunnya laporan administrasi pelayanan kesehatan primer tepat waktu"
RETURN_NOTE = "Perjelas RHK: sebutkan layanan dan ketepatan waktunya."


def _sign_out(page, name: str) -> None:
    page.get_by_role("button", name=f"Akun: {name}").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))


def _open_menu(page, group: str, item: str) -> None:
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name=group).click()
    menu.get_by_role("link", name=item).click()


def test_staff_skp_is_returned_fixed_approved_then_printed_and_verified(
    live_server, live_world, sign_in, page, tmp_path
):
    approved_chain(live_world)  # kepala dinas → kepala bidang → kepala seksi, all approved
    staff, seksi_head = live_world.staff, live_world.seksi_head

    # The pelaksana creates this year's SKP and plans one Utama RHK under the kepala seksi's.
    sign_in(staff)
    _open_menu(page, "Kinerja Saya", "SKP Saya")
    expect(page.get_by_role("heading", level=1)).to_have_text("SKP Saya")
    page.get_by_role("button", name="Buat SKP").click()
    expect(page.get_by_role("alert")).to_contain_text("SKP dibuat.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sasaran Kinerja Pegawai")

    page.get_by_label("Kelompok").select_option(label="Utama")
    page.get_by_label("RHK atasan yang diintervensi").select_option(label=SUPERIOR_RHK)
    page.get_by_label("Rencana hasil kerja").fill(MY_RHK)
    page.get_by_role("button", name="Simpan RHK").click()
    rhk_row = page.get_by_role("row").filter(has_text=MY_RHK)
    expect(rhk_row).to_contain_text(SUPERIOR_RHK)

    page.get_by_text("Tambah indikator").click()
    page.get_by_label("Aspek", exact=True).select_option(label="Kuantitas")
    page.get_by_label("Indikator", exact=True).fill("Jumlah laporan administrasi")
    page.get_by_label("Target", exact=True).fill("12")
    page.get_by_label("Satuan").fill("laporan")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(rhk_row).to_contain_text("Jumlah laporan administrasi")
    expect(rhk_row).to_contain_text("laporan")

    page.get_by_role("button", name="Ajukan").click()
    expect(page.get_by_role("alert")).to_contain_text("SKP diajukan kepada pejabat penilai.")
    skp = Skp.objects.get(employee=staff)
    assert skp.status == "submitted"
    _sign_out(page, staff.full_name)

    # The kepala seksi finds it in the review queue and returns it with a note.
    sign_in(seksi_head)
    _open_menu(page, "Tim Saya", "Persetujuan SKP")
    expect(page.get_by_role("heading", level=1)).to_have_text("Persetujuan SKP")
    page.get_by_role("row").filter(has_text=staff.full_name).get_by_role(
        "link", name="Periksa"
    ).click()
    page.get_by_label("Alasan/catatan untuk Kembalikan").fill(RETURN_NOTE)
    page.get_by_role("button", name="Kembalikan").click()
    expect(page.get_by_role("alert")).to_contain_text("SKP dikembalikan dengan catatan.")
    _sign_out(page, seksi_head.full_name)

    # The pelaksana reads the note, sharpens the RHK and submits again.
    sign_in(staff)
    page.goto(f"{live_server.url}{reverse('planning:skp_detail', args=[skp.pk])}")
    expect(page.get_by_text(f"Catatan pejabat penilai: {RETURN_NOTE}")).to_be_visible()
    page.get_by_role("row").filter(has_text=MY_RHK).get_by_role(
        "link", name="Ubah", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ubah rencana hasil kerja")
    page.get_by_label("Rencana hasil kerja").fill(FIXED_RHK)
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("RHK disimpan.")
    expect(page.get_by_role("cell", name=FIXED_RHK, exact=True)).to_be_visible()
    page.get_by_role("button", name="Ajukan").click()
    expect(page.get_by_role("alert")).to_contain_text("SKP diajukan kepada pejabat penilai.")
    _sign_out(page, staff.full_name)

    # The kepala seksi approves.
    sign_in(seksi_head)
    _open_menu(page, "Tim Saya", "Persetujuan SKP")
    page.get_by_role("row").filter(has_text=staff.full_name).get_by_role(
        "link", name="Periksa"
    ).click()
    page.get_by_role("button", name="Setujui", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("SKP disetujui dan ditetapkan.")
    _sign_out(page, seksi_head.full_name)

    # The pelaksana downloads the official PDF and checks it on the verification page.
    sign_in(staff)
    _open_menu(page, "Kinerja Saya", "SKP Saya")
    page.get_by_role("row").filter(has_text=str(skp.year)).get_by_role("link", name="Buka").click()
    expect(page.get_by_text("SKP yang telah disetujui hanya dapat diubah")).to_be_visible()
    assert Skp.objects.get(pk=skp.pk).status == "approved"
    # The view answers `Content-Disposition: inline`, so Chromium shows the PDF in its viewer
    # instead of raising a download event; fetch what the link points to with the same session.
    pdf_link = page.get_by_role("link", name="Unduh PDF")
    response = page.context.request.get(f"{live_server.url}{pdf_link.get_attribute('href')}")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    pdf_path = tmp_path / "skp.pdf"
    pdf_path.write_bytes(response.body())
    assert pdf_path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert staff.full_name in text
    assert "Tersusunnya" in text  # the pelaksana's RHK (table cells wrap across lines)

    document = SkpDocument.objects.get(skp=skp)
    assert document.code in text
    page.goto(f"{live_server.url}{reverse('planning:verify', args=[document.code])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi dokumen SKP")
    expect(page.get_by_text("Dokumen asli.")).to_be_visible()
    expect(page.get_by_text("masih berlaku")).to_be_visible()
    expect(page.get_by_role("main").get_by_text(staff.full_name, exact=True)).to_be_visible()
