"""Journeys: the head of Dinas Sosial goes to the field, records the visit with a photo and a
follow-up for a team member; the member sees it on their home page and closes it; the head
sees it closed. With a team too large to list, the head finds a member of a bidang by search
and makes them the follow-up's owner."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kinerja.core import clock
from kinerja.leadership.models import Direction, FieldVisit, FollowUp
from kinerja.leadership.selectors.choices import CHOICE_LIMIT
from kinerja.organisations import services as org
from kinerja.planning import services as planning
from kinerja.planning.models import Rhk
from tests.world import make_employee

pytestmark = pytest.mark.browser

SHOTS = "/tmp/kinerja-field-visit"
PLACE = "Gampong Padang Meurante, Kec. Susoh"
FOLLOW_UP = "Data calon penerima bantuan sembako dimutakhirkan dan diverifikasi ulang"
NOTE = "Data 37 keluarga sudah diverifikasi bersama keuchik."
LARGE_PLACE = "Gampong Keude Siblah, Kec. Blangpidie"
LARGE_FOLLOW_UP = "Lansia terlantar di Keude Siblah didata dan diusulkan ke program rehabilitasi"


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


def _large_dinas_sosial(world):
    """Dinas Sosial with more members than the field-visit form lists (CHOICE_LIMIT): the head,
    a member of the agency's own unit, and a bidang (not led directly by the head) holding the
    member to be found by search and enough staff to make the team large."""
    head, member = _dinas_sosial(world)
    agency = head.unit
    bidang = org.create_unit(
        actor=None, name="Bidang Rehabilitasi Sosial", kind="bidang", parent=agency
    )
    searched = make_employee(
        bidang,
        org.create_position(actor=None, unit=bidang, name="Penyuluh Sosial", kind="pelaksana"),
        "Fauzan Penyuluh Sosial",
    )
    for i in range(CHOICE_LIMIT):
        make_employee(bidang, None, f"Staf Rehabilitasi {i + 1:02d}", with_login=False)
    return head, member, searched


def test_head_of_a_large_team_finds_a_member_by_search_and_assigns_the_follow_up(
    live_server, live_world, sign_in, page
):
    head, member, searched = _large_dinas_sosial(live_world)
    visit_date = clock.today() - dt.timedelta(days=1)
    due = clock.today() + dt.timedelta(days=21)

    # The form lists the members of the unit the head leads directly; the bidang's members
    # are not listed but found by search, and Enter in the search box does not send the form.
    sign_in(head)
    _open_menu(page, "Tim Saya", "Ruang Pimpinan")
    page.get_by_role("link", name="Catat kunjungan lapangan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catat Kunjungan Lapangan")
    page.get_by_label("Tanggal kunjungan").fill(visit_date.isoformat())
    page.get_by_label("Lokasi (gampong/kecamatan)").fill(LARGE_PLACE)
    page.get_by_label("Tujuan kunjungan").fill("Memeriksa kondisi lansia terlantar di gampong")
    page.get_by_label("Temuan").fill("Tiga lansia tinggal sendiri tanpa pendamping.")
    involved = page.get_by_label("Pegawai yang terlibat", exact=True)
    expect(involved).to_contain_text(f"{member.full_name} ({member.nip})")
    expect(involved).not_to_contain_text(searched.full_name)
    expect(involved).not_to_contain_text("Staf Rehabilitasi")
    posts: list[str] = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )
    search = page.get_by_role(
        "searchbox", name="Cari nama atau NIP anggota tim untuk pegawai yang terlibat"
    )
    search.press_sequentially("fauz", delay=50)
    search.press("Enter")
    found = involved.get_by_role("option", name=f"{searched.full_name} ({searched.nip})")
    expect(found).to_have_count(1)  # the search answers after Enter would have sent the form
    assert posts == []
    # Searching again adds no one twice: the box sends the ids its list already holds.
    with page.expect_response(lambda r: "/pimpinan/anggota/cari/" in r.url and "q=fauza" in r.url):
        search.fill("fauza")
    expect(found).to_have_count(1)
    involved.select_option(
        label=[f"{member.full_name} ({member.nip})", f"{searched.full_name} ({searched.nip})"]
    )

    page.get_by_label("Tindak lanjut 1").fill(LARGE_FOLLOW_UP)
    page.get_by_role(
        "searchbox", name="Cari nama atau NIP anggota tim untuk penanggung jawab 1"
    ).press_sequentially("Fauzan", delay=50)
    owner = page.get_by_label("Penanggung jawab 1", exact=True)
    expect(owner).to_contain_text(searched.full_name)
    owner.select_option(label=f"{searched.full_name} ({searched.nip})")
    page.get_by_label("Tenggat 1").fill(due.isoformat())
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/large-team-search.png", full_page=True)
    page.get_by_role("button", name="Simpan kunjungan").click()

    expect(page.get_by_role("alert")).to_contain_text("Kunjungan lapangan telah dicatat.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(LARGE_PLACE)
    visit = FieldVisit.objects.get(place=LARGE_PLACE)
    assert visit.date == visit_date
    assert set(visit.employees.all()) == {member, searched}
    follow_up = FollowUp.objects.get(visit=visit)
    assert (follow_up.text, follow_up.owner, follow_up.due_date) == (
        LARGE_FOLLOW_UP,
        searched,
        due,
    )
    expect(page.get_by_test_id(f"follow-up-{follow_up.pk}")).to_contain_text(searched.full_name)
    _sign_out(page, head.full_name)

    # The member found by search sees the follow-up on their home page.
    sign_in(searched)
    card = page.get_by_test_id("home-follow-ups")
    expect(card).to_contain_text(LARGE_FOLLOW_UP)
    expect(card).to_contain_text(f"tenggat {due.day}")


def test_head_of_a_large_team_directs_one_member_found_by_search(
    live_server, live_world, sign_in, page
):
    """The direction form of a large team finds the recipient by search; Enter in the search
    box does not send the direction to the whole team before the search has answered."""
    head, _member, searched = _large_dinas_sosial(live_world)
    text = "Mohon data lansia terlantar di Susoh dilaporkan sebelum Jumat."
    skp = planning.create_skp(actor=None, employee=searched, year=clock.today().year)
    rhk = Rhk.objects.create(
        skp=skp, group="utama", text="Pendataan lansia terlantar di seluruh kecamatan"
    )

    sign_in(head)
    _open_menu(page, "Tim Saya", "Ruang Pimpinan")
    form = page.locator("form", has=page.get_by_role("button", name="Kirim arahan"))
    form.get_by_label("Arahan", exact=True).fill(text)
    posts: list[str] = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )
    search = form.get_by_role("searchbox", name="Cari anggota tim sebagai penerima")
    search.press_sequentially("fauz", delay=50)
    search.press("Enter")
    recipient = form.get_by_label("Kepada", exact=True)
    found = recipient.get_by_role("option", name=f"{searched.full_name} ({searched.nip})")
    expect(found).to_have_count(1)
    assert posts == [] and not Direction.objects.exists()
    recipient.select_option(label=f"{searched.full_name} ({searched.nip})")
    # The member's RHK is not listed (the list starts with the head's own) but found by search.
    tied = form.get_by_label("RHK terkait (opsional)", exact=True)
    expect(tied).not_to_contain_text(rhk.text)
    form.get_by_role("searchbox", name="Cari RHK tim").press_sequentially("lansia", delay=50)
    expect(tied.get_by_role("option", name=re.compile("Pendataan lansia"))).to_have_count(1)
    tied.select_option(value=str(rhk.pk))
    form.get_by_role("button", name="Kirim arahan").click()

    expect(page.get_by_role("alert")).to_contain_text("Arahan")
    direction = Direction.objects.get()
    assert (direction.text, direction.recipient, direction.rhk) == (text, searched, rhk)
    _sign_out(page, head.full_name)

    # Only the member it was given to sees it on their home page.
    sign_in(searched)
    expect(page.get_by_test_id("pending-directions")).to_contain_text(text)
