"""The individual development plan as a PDF with a verification code, and its public check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.development import services
from kinerja.development.documents import content_hash, is_current, issue_document
from kinerja.development.models import (
    DevelopmentPlan,
    EmployeeCompetency,
    PlanDocument,
    PositionCompetency,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world, cyber, workshop):
    PositionCompetency.objects.create(
        position=world.it_staff.position, competency=cyber, required_level=3
    )
    EmployeeCompetency.objects.create(
        employee=world.it_staff, competency=cyber, level=2, year=2026, source="Uji kompetensi"
    )
    need = services.derive_needs_for(actor=None, employee=world.it_staff, year=2026)[0]
    item = services.add_plan_item(
        actor=world.user(world.it_staff),
        employee=world.it_staff,
        year=2026,
        quarter=2,
        need=need,
        activity=workshop,
    )
    return item.plan


def test_the_plan_pdf_is_issued_with_a_code_reused_for_the_same_content(client, world, plan):
    client.force_login(world.user(world.it_staff))
    response = client.get(reverse("development:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    document = PlanDocument.objects.get(plan=plan)
    client.get(reverse("development:plan_pdf", args=[plan.pk]))
    assert PlanDocument.objects.filter(plan=plan).count() == 1
    assert document.content_hash == content_hash(plan)


def test_the_assessor_and_bkpsdm_may_print_it_but_an_outsider_may_not(client, world, plan):
    for employee, status in [
        (world.it_head, 200),
        (world.bkpsdm_admin, 200),
        (world.staff, 404),
        (world.health_admin, 404),
    ]:
        client.force_login(world.user(employee))
        assert client.get(reverse("development:plan_pdf", args=[plan.pk])).status_code == status


def test_an_agreement_after_printing_makes_the_printout_not_current(world, plan):
    document = issue_document(actor=world.user(world.it_staff), plan=plan)
    assert is_current(document)
    services.agree_plan(actor=world.user(world.it_staff), plan=plan)
    services.agree_plan(actor=world.user(world.it_head), plan=DevelopmentPlan.objects.get())
    assert not is_current(document)
    newer = issue_document(actor=world.user(world.it_staff), plan=DevelopmentPlan.objects.get())
    assert newer.code != document.code
    assert newer.status == "agreed"


def test_the_public_verification_page_tells_current_from_outdated(client, world, plan):
    document = issue_document(actor=world.user(world.it_staff), plan=plan)
    url = reverse("development:plan_verify", args=[document.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "masih berlaku" in page.content.decode()
    services.agree_plan(actor=world.user(world.it_staff), plan=plan)
    assert "bukan versi terbaru" in client.get(url).content.decode()
    unknown = client.get(reverse("development:plan_verify", args=["TIDAKADA"]))
    assert unknown.status_code == 404
    assert "Kode tidak dikenal" in unknown.content.decode()


def test_the_pdf_shows_needs_reasons_activities_timing_and_agreement(world, plan):
    from django.template.loader import render_to_string

    from kinerja.development import documents

    document = issue_document(actor=None, plan=plan)
    captured = {}

    def fake_html(*, string):
        captured["html"] = string

        class _Doc:
            def write_pdf(self):
                return b"%PDF"

        return _Doc()

    import weasyprint

    original = weasyprint.HTML
    weasyprint.HTML = fake_html
    try:
        documents.render_pdf(plan=plan, document=document, verify_url="https://x/verifikasi/A/")
    finally:
        weasyprint.HTML = original
    html = captured["html"]
    assert render_to_string  # the template engine rendered the page
    for text in [
        "RENCANA PENGEMBANGAN KOMPETENSI PEGAWAI",
        world.it_staff.full_name,
        world.it_head.full_name,  # the current assessor, before they agree
        "Keamanan Siber",
        "Level kompetensi Keamanan Siber Anda 2, standar jabatan 3",
        "Pelatihan Keamanan Siber",
        "Triwulan 2",
        "Belum disetujui",
        document.code,
    ]:
        assert text in html, text
