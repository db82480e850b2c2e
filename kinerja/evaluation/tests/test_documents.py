"""Official evaluation documents: periodic and annual evaluation, the penetapan predikat, their
verification codes, and who may download them."""

from __future__ import annotations

import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.evaluation import documents, services
from kinerja.evaluation.selectors.calibration import agency_calibration
from kinerja.evaluation.services.determination import (
    sign_predicate_determination,
    violation_key,
)
from kinerja.planning.models import Indicator, Rhk

from .conftest import YEAR


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text with whitespace collapsed (table cells wrap words onto new lines)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    if os.environ.get("KINERJA_KEEP_PDF"):  # to render and look at: pdftoppm -png -r 60
        (Path(os.environ["KINERJA_KEEP_PDF"]) / f"{tmp_path.name}.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(text.split())


def rated_q1(ev, work="meets", behaviour="above"):
    staff = ev.user(ev.world.staff)
    for indicator, value in zip(ev.indicators, (Decimal(3), Decimal(1)), strict=True):
        services.record_realisation(
            actor=staff,
            indicator=indicator,
            period=ev.q1,
            expected_version=0,
            value=value,
            narrative="Laporan disusun tepat waktu",
        )
    services.submit_period(actor=staff, skp=ev.skp, period=ev.q1)
    services.give_feedback(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        rhk=ev.rhk,
        period=ev.q1,
        text="Laporan triwulan lengkap dengan bukti.",
    )
    services.give_feedback(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        value_code="akuntabel",
        period=ev.q1,
        text="Disiplin menjaga arsip.",
    )
    return services.rate(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.q1,
        work_rating=work,
        behaviour_rating=behaviour,
    )


def rated_annual(ev, work="meets", behaviour="meets", skp=None, assessor=None, reason=""):
    return services.rate(
        actor=ev.user(assessor or ev.world.seksi_head),
        skp=skp or ev.skp,
        period=ev.annual,
        work_rating=work,
        behaviour_rating=behaviour,
        deviation_reason=reason,
    )


def pdf_url(evaluation) -> str:
    return reverse("evaluation:evaluation_pdf", args=[evaluation.pk])


def code_of(evaluation) -> str:
    event = AuditEvent.objects.filter(action=documents.ISSUED, object_id=str(evaluation.pk)).latest(
        "seq"
    )
    return event.after["code"]


# --- periodic evaluation -------------------------------------------------------------------


def test_periodic_document_shows_targets_realisation_feedback_ratings_and_predicate(
    ev, client, tmp_path
):
    evaluation = rated_q1(ev)
    client.force_login(ev.user(ev.world.staff))
    response = client.get(pdf_url(evaluation))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "EVALUASI KINERJA PEGAWAI",
        "TRIWULAN I",
        "Terlaksananya pelayanan primer",
        "Indikator 0",
        "Laporan disusun tepat waktu",
        "Laporan triwulan lengkap dengan bukti.",
        "Disiplin menjaga arsip.",
        "SESUAI EKSPEKTASI",
        "DI ATAS EKSPEKTASI",
        "BAIK",
        ev.world.seksi_head.full_name,
        code_of(evaluation),
    ):
        assert expected in text, expected


def test_printing_the_same_content_again_reuses_the_code(ev, client):
    evaluation = rated_q1(ev)
    client.force_login(ev.user(ev.world.staff))
    client.get(pdf_url(evaluation))
    client.force_login(ev.user(ev.world.seksi_head))
    client.get(pdf_url(evaluation))
    events = AuditEvent.objects.filter(action=documents.ISSUED, object_id=str(evaluation.pk))
    assert events.count() == 1
    assert events.get().after["code"].startswith(f"EVP-{evaluation.pk}-")


def test_verification_is_public_and_says_when_the_content_has_changed(ev, client):
    evaluation = rated_q1(ev)
    client.force_login(ev.user(ev.world.staff))
    client.get(pdf_url(evaluation))
    code = code_of(evaluation)
    client.logout()
    page = client.get(reverse("evaluation:verify", args=[code]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Dokumen asli" in body and "masih sesuai" in body
    assert ev.world.staff.full_name in body and "Baik" in body
    services.give_feedback(
        actor=ev.user(ev.world.seksi_head), skp=ev.skp, rhk=ev.rhk, period=ev.q1, text="Tambahan."
    )
    changed = client.get(reverse("evaluation:verify", args=[code.lower()]))
    assert changed.status_code == 200 and "bukan versi terbaru" in changed.content.decode()


def test_verification_page_repeats_only_what_the_document_states(ev, client):
    evaluation = rated_q1(ev)
    client.force_login(ev.user(ev.world.staff))
    client.get(pdf_url(evaluation))
    client.logout()
    body = client.get(reverse("evaluation:verify", args=[code_of(evaluation)])).content.decode()
    assert "Laporan triwulan lengkap" not in body  # feedback is in the PDF, not on the page
    assert ev.world.staff.nip not in body


@pytest.mark.parametrize(
    "code", ["EVP-1-0000000000", "tidak-ada", "PPK-99999-ABCDEF0123", "EVP-0-ABCDEF0123", "x" * 60]
)
def test_unknown_or_malformed_codes_are_not_authentic(ev, client, code):
    response = client.get(reverse("evaluation:verify", args=[code]))
    assert response.status_code == 404
    assert "Kode tidak dikenal" in response.content.decode()


def test_a_code_names_its_own_object_only(ev, client):
    evaluation = rated_q1(ev)
    client.force_login(ev.user(ev.world.staff))
    client.get(pdf_url(evaluation))
    code = code_of(evaluation)
    forged = code.replace(f"EVP-{evaluation.pk}-", f"EVT-{evaluation.pk}-")
    assert client.get(reverse("evaluation:verify", args=[forged])).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),
        ("seksi_head", 200),
        ("health_head", 200),
        ("health_admin", 200),
        ("auditor", 200),
        ("it_staff", 404),
        ("nurse", 404),
    ],
)
def test_document_download_is_scoped_like_the_evaluation(ev, client, persona, status):
    evaluation = rated_q1(ev)
    client.force_login(ev.user(getattr(ev.world, persona)))
    assert client.get(pdf_url(evaluation)).status_code == status


def test_anonymous_visitor_is_sent_to_login(ev, client):
    evaluation = rated_q1(ev)
    assert client.get(pdf_url(evaluation)).status_code == 302


# --- annual evaluation ---------------------------------------------------------------------


def test_annual_document_shows_periods_org_result_predicate_and_the_recorded_signatures(
    ev, client, tmp_path
):
    w = ev.world
    rated_q1(ev)
    services.set_org_result(actor=ev.user(w.regent), unit=w.health, year=YEAR, predicate="good")
    evaluation = rated_annual(
        ev, work="above", behaviour="above", reason="Inovasi layanan di semester II."
    )
    services.acknowledge(
        actor=ev.user(w.staff), evaluation=evaluation, expected_version=evaluation.version
    )
    client.force_login(ev.user(w.staff))
    response = client.get(pdf_url(evaluation))
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "ATASAN PEJABAT PENILAI KINERJA",
        w.bidang_head.full_name,  # the atasan from the SKP's snapshot
        "CAPAIAN KINERJA ORGANISASI",
        "EVALUASI PERIODIK",
        "Triwulan I",
        "SANGAT BAIK",
        "Telah menerima hasil evaluasi kinerja",
        "Laporan disusun tepat waktu",  # annual falls back to the latest periodic realisation
    ):
        assert expected in text, expected
    assert code_of(evaluation).startswith(f"EVT-{evaluation.pk}-")


def test_annual_document_keeps_the_assessor_of_the_time(ev, client, tmp_path):
    evaluation = rated_annual(ev)
    ev.skp.assessor_name = "Penilai Baru"
    ev.skp.save(update_fields=["assessor_name"])
    client.force_login(ev.user(ev.world.staff))
    text = pdf_text(client.get(pdf_url(evaluation)).content, tmp_path)
    assert ev.world.seksi_head.full_name in text and "Penilai Baru" not in text
    assert "Belum menyatakan menerima" in text


# --- penetapan predikat --------------------------------------------------------------------


def signed(ev, explanations=None):
    w = ev.world
    services.set_org_result(actor=ev.user(w.regent), unit=w.health, year=YEAR, predicate="good")
    services.set_org_result(
        actor=ev.user(w.bidang_head), unit=w.health_seksi, year=YEAR, predicate="good"
    )
    rated_annual(ev)
    rated_annual(ev, skp=ev.head_skp, assessor=w.bidang_head, work="", behaviour="meets")
    if explanations is None:
        page = agency_calibration(ev.user(w.health_head), agency=w.health, year=YEAR)
        explanations = {
            violation_key(v): "Seluruh pegawai mencapai target; dibuktikan LKjIP."
            for v in page.violations
        }
    return sign_predicate_determination(
        actor=ev.user(w.health_head), agency=w.health, year=YEAR, explanations=explanations
    )


def test_penetapan_document_lists_employees_predicates_breaches_and_the_signer(
    ev, client, tmp_path
):
    determination = signed(ev)
    client.force_login(ev.user(ev.world.health_head))
    response = client.get(reverse("evaluation:determination_pdf", args=[determination.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "PENETAPAN PREDIKAT KINERJA PEGAWAI",
        "Dinas Kesehatan",
        "CAPAIAN KINERJA ORGANISASI",
        ev.world.staff.full_name,
        ev.world.seksi_head.full_name,
        "Seluruh pegawai mencapai target; dibuktikan LKjIP.",
        "KEPALA DINAS KESEHATAN",
        ev.world.health_head.full_name,
        determination.content_hash,
    ):
        assert expected in text, expected


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("health_head", 200),
        ("health_admin", 200),
        ("regent", 200),
        ("bkpsdm_admin", 200),
        ("auditor", 200),
        ("staff", 404),
        ("it_staff", 404),
    ],
)
def test_penetapan_download_is_scoped_to_the_agency(ev, client, persona, status):
    determination = signed(ev)
    client.force_login(ev.user(getattr(ev.world, persona)))
    url = reverse("evaluation:determination_pdf", args=[determination.pk])
    assert client.get(url).status_code == status


def test_penetapan_verification_shows_counts_not_names(ev, client):
    determination = signed(ev)
    client.force_login(ev.user(ev.world.health_head))
    client.get(reverse("evaluation:determination_pdf", args=[determination.pk]))
    code = AuditEvent.objects.get(
        action=documents.ISSUED, object_type="evaluation.predicatedetermination"
    ).after["code"]
    client.logout()
    body = client.get(reverse("evaluation:verify", args=[code])).content.decode()
    assert "masih sesuai" in body and "Baik: 2" in body
    assert ev.world.staff.full_name not in body


def test_a_tampered_penetapan_no_longer_verifies_as_current(ev, client):
    determination = signed(ev)
    client.force_login(ev.user(ev.world.health_head))
    client.get(reverse("evaluation:determination_pdf", args=[determination.pk]))
    code = AuditEvent.objects.get(
        action=documents.ISSUED, object_type="evaluation.predicatedetermination"
    ).after["code"]
    determination.distribution["counts"]["very_good"] = 2
    determination.save(update_fields=["distribution"])
    body = client.get(reverse("evaluation:verify", args=[code])).content.decode()
    assert "bukan versi terbaru" in body


def test_document_content_is_read_in_a_fixed_number_of_queries(ev, django_assert_num_queries):
    evaluation = rated_q1(ev)

    def render() -> None:
        content = documents.evaluation_content(evaluation)
        render_to_string(
            "evaluation/documents/periodic_pdf.html",
            {
                "c": content,
                "e": content.evaluation,
                "skp": content.skp,
                "issued": None,
                "groups": [("A. UTAMA", content.utama), ("B. TAMBAHAN", content.tambahan)],
            },
        )

    with CaptureQueriesContext(connection) as before:
        render()
    for n in range(4):
        rhk = Rhk.objects.create(skp=ev.skp, group="tambahan", text=f"RHK tambahan {n}")
        Indicator.objects.create(rhk=rhk, text=f"Indikator T{n}", target_min=2, target_unit="dok")
        services.give_feedback(
            actor=ev.user(ev.world.seksi_head), skp=ev.skp, rhk=rhk, text=f"Catatan {n}"
        )
    with django_assert_num_queries(len(before.captured_queries)):
        render()


def test_period_page_links_to_the_evaluation_document_once_rated(ev, client):
    evaluation = rated_q1(ev)
    client.force_login(ev.user(ev.world.staff))
    page = client.get(reverse("evaluation:period", args=[ev.skp.pk, ev.q1.pk]))
    assert pdf_url(evaluation) in page.content.decode()
