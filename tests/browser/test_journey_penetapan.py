"""Journey: the head of the health agency explains each breach of the distribution pattern, signs
the penetapan predikat kinerja, downloads it, and its code verifies on the public page."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from kinerja.accounts.models import User
from kinerja.core import clock
from kinerja.evaluation import services
from kinerja.evaluation.models import Period, PredicateDetermination
from kinerja.evaluation.tests.conftest import approved_skp

pytestmark = pytest.mark.browser

CONSIDERATION = "Seluruh pegawai mencapai target sesuai LKjIP; diusulkan tetap Baik."


def _annual_predicates(w) -> int:
    """A year with its calendar, two approved SKPs and their annual predicates (both Baik)."""
    year = clock.today().year
    user = lambda e: User.objects.get(employee=e)  # noqa: E731
    services.set_schedule(actor=user(w.bkpsdm_admin), year=year, rhythm="quarterly")
    annual = Period.objects.get(year=year, kind="annual")
    skp, _, _ = approved_skp(w.staff, w.seksi_head, w.bidang_head)
    head_skp, _, _ = approved_skp(w.seksi_head, w.bidang_head, w.health_head)
    for item in (skp, head_skp):
        item.year, item.period_start, item.period_end = year, annual.start, annual.end
        item.save(update_fields=["year", "period_start", "period_end"])
    services.set_org_result(actor=user(w.regent), unit=w.health, year=year, predicate="good")
    services.set_org_result(
        actor=user(w.bidang_head), unit=w.health_seksi, year=year, predicate="good"
    )
    services.rate(
        actor=user(w.seksi_head),
        skp=skp,
        period=annual,
        work_rating="meets",
        behaviour_rating="meets",
    )
    services.rate(
        actor=user(w.bidang_head),
        skp=head_skp,
        period=annual,
        work_rating="",
        behaviour_rating="meets",
    )
    return year


def test_agency_head_signs_the_penetapan_then_prints_and_verifies_it(
    live_server, live_world, sign_in, page, snap, tmp_path
):
    w = live_world
    year = _annual_predicates(w)
    sign_in(w.health_head)
    page.goto(f"{live_server.url}/evaluasi/kalibrasi/?unit={w.health.pk}&tahun={year}")
    expect(page.get_by_role("heading", name="Penetapan predikat kinerja")).to_be_visible()
    breaches = page.locator("textarea[name^='penjelasan:']")
    expect(breaches).to_have_count(2)  # Baik above 70 %, and no Butuh Perbaikan/Kurang at all

    # Signing with one consideration missing is refused by the browser (required fields).
    breaches.nth(0).fill(CONSIDERATION)
    snap(page, "calibration-before-signing")
    breaches.nth(1).fill(CONSIDERATION)
    page.get_by_role("button", name="Tandatangani penetapan predikat kinerja").click()
    expect(page.get_by_role("alert").first).to_contain_text("ditandatangani")
    expect(page.get_by_role("button", name="Tandatangani penetapan")).to_have_count(0)
    snap(page, "calibration-signed")

    determination = PredicateDetermination.objects.get(agency=w.health, year=year)
    assert [v["explanation"] for v in determination.distribution["violations"]] == [
        CONSIDERATION,
        CONSIDERATION,
    ]
    pdf_link = page.get_by_role("link", name="Unduh penetapan (PDF)")
    response = page.context.request.get(f"{live_server.url}{pdf_link.get_attribute('href')}")
    assert response.headers["content-type"] == "application/pdf"
    pdf_path = tmp_path / "penetapan.pdf"
    pdf_path.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "PENETAPAN PREDIKAT KINERJA PEGAWAI" in text and CONSIDERATION in " ".join(text.split())
    code = re.search(r"PPK-\d+-[0-9A-F]{10}", text).group(0)

    # Anyone holding the printout checks it without logging in.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/evaluasi/verifikasi/{code}/")
    expect(page.get_by_text("Dokumen asli.")).to_be_visible()
    expect(page.get_by_text("masih sesuai")).to_be_visible()
    expect(page.get_by_text(w.staff.full_name)).to_have_count(0)
    snap(page, "penetapan-verified")
