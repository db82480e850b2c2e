"""Journey: the head of Dinas Sosial goes to the field, records the visit with a photo and a
follow-up for a team member; the member sees it on their home page and closes it; the head
sees it closed."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

from kinerja.core import clock
from kinerja.leadership.models import FieldVisit, FollowUp
from kinerja.organisations import services as org
from tests.world import make_employee

pytestmark = pytest.mark.browser

SHOTS = "/tmp/kinerja-field-visit"
PLACE = "Gampong Padang Meurante, Kec. Susoh"
FOLLOW_UP = "Data calon penerima bantuan sembako dimutakhirkan dan diverifikasi ulang"
NOTE = "Data 37 keluarga sudah diverifikasi bersama keuchik."


def _photo() -> bytes:
    """A small real JPEG (a field photo stand-in) made with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (120, 170, 110))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 90, 160, 170), fill=(200, 160, 90))
    draw.polygon([(30, 90), (100, 40), (170, 90)], fill=(150, 60, 50))
    draw.ellipse((240, 20, 290, 70), fill=(250, 220, 80))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _dinas_sosial(world):
    agency = org.create_unit(actor=None, name="Dinas Sosial", kind="dinas", parent=world.regency)
    org.create_unit(actor=None, name="Kecamatan Susoh", kind="kecamatan", parent=world.regency)

    def pos(name, kind, head=False):
        return org.create_position(actor=None, unit=agency, name=name, kind=kind, is_head=head)

    head = make_employee(
        agency, pos("Kepala Dinas Sosial", "jpt_pratama", True), "Zulkifli Kadinsos"
    )
    member = make_employee(agency, pos("Pekerja Sosial", "pelaksana"), "Mutia Pekerja Sosial")
    return head, member


def _sign_out(page, name: str) -> None:
    page.get_by_role("button", name=f"Akun: {name}").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))


def _open_menu(page, group: str, item: str) -> None:
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name=group).click()
    menu.get_by_role("link", name=item).click()


def test_head_records_a_field_visit_and_the_member_closes_the_follow_up(
    live_server, live_world, sign_in, page
):
    head, member = _dinas_sosial(live_world)
    due = clock.today() + dt.timedelta(days=14)

    # The head opens the workspace and records the visit: place, purpose, findings, a photo
    # and a follow-up owned by a member of the team.
    sign_in(head)
    _open_menu(page, "Tim Saya", "Ruang Pimpinan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ruang Pimpinan")
    expect(page.get_by_test_id("member-row")).to_contain_text(member.full_name)
    page.get_by_role("link", name="Catat kunjungan lapangan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catat Kunjungan Lapangan")
    page.get_by_label("Lokasi (gampong/kecamatan)").fill(PLACE)
    page.get_by_label("Kecamatan", exact=True).select_option(label="Kecamatan Susoh")
    page.get_by_label("Fasilitas/sarana").fill("Meunasah Gampong Padang Meurante")
    page.get_by_label("Tujuan kunjungan").fill("Melihat langsung kondisi keluarga penerima bantuan")
    page.get_by_label("Temuan").fill("Sebagian data penerima bantuan sudah tidak sesuai keadaan.")
    page.get_by_label("Pegawai yang terlibat").select_option(
        label=f"{member.full_name} ({member.nip})"
    )
    page.get_by_label("Foto (JPEG/PNG/WebP)").set_input_files(
        files=[{"name": "meunasah.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    page.get_by_label("Tindak lanjut 1").fill(FOLLOW_UP)
    page.get_by_label("Penanggung jawab 1").select_option(
        label=f"{member.full_name} ({member.nip})"
    )
    page.get_by_label("Tenggat 1").fill(due.isoformat())
    page.screenshot(path=f"{SHOTS}-1-form.png", full_page=True)
    page.get_by_role("button", name="Simpan kunjungan").click()

    expect(page.get_by_role("alert")).to_contain_text("Kunjungan lapangan telah dicatat.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(PLACE)
    photo = page.get_by_role("img", name=re.compile(r"Foto kunjungan 1"))
    expect(photo).to_be_visible()
    # The photo is served through the scoped view and really decodes (not a broken image).
    assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 320
    visit = FieldVisit.objects.get(place=PLACE)
    follow_up = FollowUp.objects.get(visit=visit)
    row = page.get_by_test_id(f"follow-up-{follow_up.pk}")
    expect(row).to_contain_text(member.full_name)
    expect(row).to_contain_text("Terbuka")
    page.screenshot(path=f"{SHOTS}-2-visit.png", full_page=True)
    _sign_out(page, head.full_name)

    # The member sees the follow-up on the home page and closes it from "Tindak Lanjut Saya".
    sign_in(member)
    card = page.get_by_test_id("home-follow-ups")
    expect(card).to_contain_text(FOLLOW_UP)
    expect(card).to_contain_text(f"tenggat {due.day}")
    page.screenshot(path=f"{SHOTS}-3-member-home.png", full_page=True)
    card.get_by_role("link", name=re.compile("Tindak Lanjut Saya")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tindak Lanjut Saya")
    mine = page.get_by_test_id(f"follow-up-{follow_up.pk}")
    mine.get_by_label("Catatan penyelesaian").fill(NOTE)
    mine.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_role("alert")).to_contain_text("Tindak lanjut ditandai selesai.")
    expect(page.get_by_test_id(f"follow-up-{follow_up.pk}")).to_contain_text("Selesai")
    page.screenshot(path=f"{SHOTS}-4-member-closed.png", full_page=True)
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    _sign_out(page, member.full_name)

    # The head sees it closed, with the member's note, on the visit page.
    sign_in(head)
    _open_menu(page, "Tim Saya", "Ruang Pimpinan")
    page.get_by_role("link", name="Kunjungan lapangan", exact=True).click()
    page.get_by_role("link", name=re.compile(re.escape(PLACE))).first.click()
    row = page.get_by_test_id(f"follow-up-{follow_up.pk}")
    expect(row).to_contain_text("Selesai")
    expect(row).to_contain_text(NOTE)
    expect(row.get_by_role("button", name="Tandai selesai")).to_have_count(0)
    page.screenshot(path=f"{SHOTS}-5-head-sees-closed.png", full_page=True)
