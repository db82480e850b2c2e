"""Journey: the Diskominsa IT staffer's keamanan siber need leads to the recommended workshop;
they register, BKPSDM marks attendance and completion, the JP bar moves, the certificate
downloads, and the development plan prints as a verifiable PDF."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.core import clock
from kinerja.development.models import (
    Activity,
    Competency,
    EmployeeCompetency,
    EventStatus,
    JpEntry,
    PositionCompetency,
    Registration,
    TrainingEvent,
)

pytestmark = pytest.mark.browser

SHOTS = "/tmp"
WORKSHOP = "Workshop Keamanan Siber Angkatan I"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _sign_out(page, name: str) -> None:
    page.get_by_role("button", name=f"Akun: {name}").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))


def _open_menu(page, group: str, item: str) -> None:
    menu = page.get_by_role("navigation", name="Navigasi utama")
    menu.get_by_role("button", name=group).click()
    menu.get_by_role("link", name=item, exact=True).click()


def _event_dates() -> tuple[dt.date, dt.date]:
    """Three days within this year, ahead of today when the year leaves room."""
    today = clock.today()
    start = today + dt.timedelta(days=1)
    end = start + dt.timedelta(days=2)
    if end.year != today.year:
        start, end = today - dt.timedelta(days=2), today
    return start, end


def _cyber_setup(world) -> TrainingEvent:
    cyber = Competency.objects.create(
        code="keamanan-siber", name="Keamanan Siber", kind="technical", field="Teknologi Informasi"
    )
    PositionCompetency.objects.create(
        position=world.it_staff.position, competency=cyber, required_level=3
    )
    EmployeeCompetency.objects.create(
        employee=world.it_staff,
        competency=cyber,
        level=2,
        year=clock.today().year,
        source="Uji kompetensi",
    )
    activity = Activity.objects.create(
        name="Pelatihan Keamanan Siber", form="workshop", provider="BKPSDM", typical_days=3
    )
    activity.competencies.add(cyber)
    start, end = _event_dates()
    return TrainingEvent.objects.create(
        activity=activity,
        organiser_unit=world.bkpsdm,
        title=WORKSHOP,
        start_date=start,
        end_date=end,
        place="Aula BKPSDM",
        quota=20,
        status=EventStatus.OPEN,
        target_competency=cyber,
    )


def test_it_staffer_closes_a_cyber_security_gap_through_the_recommended_workshop(
    live_server, live_world, sign_in, page, tmp_path
):
    it_staff, bkpsdm = live_world.it_staff, live_world.bkpsdm_admin
    event = _cyber_setup(live_world)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The IT staffer finds the keamanan siber need, with its reason and the workshop it suggests.
    sign_in(it_staff)
    _open_menu(page, "Kinerja Saya", "Pengembangan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pengembangan Saya")
    bar = page.get_by_test_id("jp-bar")
    expect(bar).to_have_attribute("data-jp", "0.00")
    page.get_by_role("button", name="Hitung ulang dari profil kompetensi").click()
    expect(page.get_by_role("alert")).to_contain_text("1 kebutuhan pengembangan ditemukan.")
    need = page.get_by_test_id("need").filter(has_text="Keamanan Siber")
    expect(need).to_contain_text("Level kompetensi Keamanan Siber Anda 2, standar jabatan 3")
    expect(need).to_contain_text("Rekomendasi:")
    page.screenshot(path=f"{SHOTS}/dev-1-need.png", full_page=True)

    # The recommendation leads to the workshop; the staffer registers there.
    need.get_by_role("link", name=WORKSHOP).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP)
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Anda terdaftar pada {WORKSHOP}.")
    expect(page.get_by_test_id(f"registration-{event.pk}")).to_contain_text("Terdaftar")
    page.screenshot(path=f"{SHOTS}/dev-2-registered.png", full_page=True)
    _sign_out(page, it_staff.full_name)

    # BKPSDM marks attendance, then completion with the certificate: the JP are credited.
    sign_in(bkpsdm)
    _open_menu(page, "Kelola", "Diklat & JP")
    page.get_by_role("link", name=WORKSHOP).click()
    row = page.get_by_test_id(f"participant-{it_staff.nip}")
    expect(row).to_contain_text("Terdaftar")
    row.get_by_role("button", name="Hadir", exact=True).click()
    expect(row).to_contain_text("Hadir")
    certificate = tmp_path / "sertifikat-keamanan-siber.pdf"
    certificate.write_bytes(PDF_BYTES)
    row.get_by_label("Sertifikat").set_input_files(str(certificate))
    row.get_by_role("button", name="Selesai & catat JP").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{it_staff.full_name}: 15.00 JP dicatat.")
    expect(row).to_contain_text("Lulus/selesai")
    page.screenshot(path=f"{SHOTS}/dev-3-completed.png", full_page=True)
    assert JpEntry.objects.get(employee=it_staff).jp == 15
    _sign_out(page, bkpsdm.full_name)

    # The staffer's JP bar has moved (workshop: 5 JP a day for 3 days), the certificate downloads.
    sign_in(it_staff)
    _open_menu(page, "Kinerja Saya", "Pengembangan")
    expect(bar).to_have_attribute("data-jp", "15.00")
    expect(bar).to_contain_text("75%")
    expect(page.get_by_text("15 dari minimal 20 JP")).to_be_visible()
    expect(page.get_by_role("cell", name=WORKSHOP, exact=True)).to_be_visible()  # the ledger line
    mine = page.get_by_test_id(f"registration-{event.pk}")
    expect(mine).to_contain_text("Lulus/selesai")
    with page.expect_download() as download:
        mine.get_by_role("link", name="Unduh sertifikat").click()
    saved = tmp_path / "unduhan.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes() == PDF_BYTES
    assert download.value.suggested_filename.endswith(".pdf")

    # The participant rates the workshop afterwards.
    mine.get_by_label("Nilai").select_option("5")
    mine.get_by_label("Komentar").fill("Praktik penanganan insiden sangat berguna.")
    mine.get_by_role("button", name="Beri nilai").click()
    expect(page.get_by_role("alert")).to_contain_text("Terima kasih atas umpan balik Anda.")
    registration = Registration.objects.get(employee=it_staff)
    assert registration.feedback_rating == 5
    assert registration.feedback_text == "Praktik penanganan insiden sangat berguna."
    page.screenshot(path=f"{SHOTS}/dev-4-jp-moved.png", full_page=True)

    # The need goes into the development plan, which prints as a verifiable PDF.
    page.get_by_label("Kebutuhan", exact=True).select_option(
        label="Level kompetensi Keamanan Siber Anda 2, standar jabatan 3"
    )
    page.get_by_label("atau pelatihan terjadwal").select_option(label=WORKSHOP)
    page.get_by_label("Triwulan", exact=True).select_option(
        str((event.start_date.month - 1) // 3 + 1)
    )
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Kegiatan ditambahkan ke rencana.")
    expect(page.get_by_role("region", name="Rencana pengembangan kompetensi")).to_contain_text(
        WORKSHOP
    )
    page.screenshot(path=f"{SHOTS}/dev-5-plan.png", full_page=True)
    pdf_link = page.get_by_test_id("plan-pdf")
    response = page.context.request.get(f"{live_server.url}{pdf_link.get_attribute('href')}")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    from kinerja.development.models import PlanDocument

    document = PlanDocument.objects.get(plan__employee=it_staff)
    page.goto(f"{live_server.url}{reverse('development:plan_verify', args=[document.code])}")
    expect(page.get_by_text("Dokumen asli.")).to_be_visible()
    expect(page.get_by_text("masih berlaku")).to_be_visible()


def _rated_butuh_perbaikan(world) -> None:
    """The staff member's annual evaluation of this year: Butuh Perbaikan."""
    from kinerja.evaluation import services as evaluation_services
    from kinerja.evaluation.models import Evaluation, Period
    from kinerja.planning.models import Skp

    year = clock.today().year
    evaluation_services.set_schedule(
        actor=world.user(world.bkpsdm_admin), year=year, rhythm="quarterly"
    )
    staff, assessor = world.staff, world.seksi_head
    skp = Skp.objects.create(
        employee=staff,
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        status="approved",
        form_type="non_jpt",
        position=staff.position,
        position_name=staff.position.name,
        position_kind=staff.position.kind,
        unit=staff.unit,
        unit_name=staff.unit.name,
        agency_name=staff.unit.agency.name,
        employee_name=staff.full_name,
        assessor=assessor,
        assessor_name=assessor.full_name,
    )
    Evaluation.objects.create(
        skp=skp,
        period=Period.objects.get(year=year, kind="annual"),
        work_rating="below",
        behaviour_rating="meets",
        predicate="needs_improvement",
        assessor=assessor,
        assessor_name=assessor.full_name,
        evaluated_at=clock.now(),
        delivered_on=clock.today(),
    )
    Activity.objects.create(name="Coaching Kinerja oleh Atasan", form="coaching")


def test_an_employee_rated_butuh_perbaikan_is_proposed_an_improvement_plan(
    live_server, live_world, sign_in, page
):
    _rated_butuh_perbaikan(live_world)
    staff = live_world.staff
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(staff)
    _open_menu(page, "Kinerja Saya", "Pengembangan")
    page.get_by_role("button", name="Hitung ulang dari profil kompetensi").click()
    need = page.get_by_test_id("need").filter(has_text="Predikat kinerja")
    expect(need).to_contain_text("Predikat kinerja Anda Butuh Perbaikan")
    expect(need).to_contain_text("Coaching Kinerja oleh Atasan")
    proposal = page.get_by_test_id("improvement-plan")
    expect(proposal).to_contain_text("Usulan rencana perbaikan kinerja")
    expect(proposal).to_contain_text("Coaching Kinerja oleh Atasan")
    page.screenshot(path=f"{SHOTS}/dev-6-improvement.png", full_page=True)
    proposal.get_by_role("button", name="Masukkan usulan ke rencana").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "1 kegiatan rencana perbaikan kinerja ditambahkan ke rencana."
    )
    expect(page.get_by_role("region", name="Rencana pengembangan kompetensi")).to_contain_text(
        "Coaching Kinerja oleh Atasan"
    )
    expect(proposal).to_contain_text("Semua kesenjangan kinerja sudah tercantum dalam rencana.")
    page.screenshot(path=f"{SHOTS}/dev-7-improvement-adopted.png", full_page=True)
