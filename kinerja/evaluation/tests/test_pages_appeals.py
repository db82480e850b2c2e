"""Keberatan pages: filing within the window from the period page, explanations, the atasan's
decision written back, the employee seeing the outcome, and the register per agency."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.communication.models import Notification
from kinerja.evaluation import services
from kinerja.evaluation.models import Appeal, Evidence

from .conftest import YEAR, at, rate_staff_annual

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def period_url(ev):
    return reverse("evaluation:period", args=[ev.skp.pk, ev.annual.pk])


def test_employee_files_an_appeal_with_evidence_from_the_period_page(ev, login):
    evaluation = rate_staff_annual(ev)
    client = login(ev.world.staff)
    html = client.get(period_url(ev)).content.decode()
    assert "Ajukan keberatan" in html and "19 April 2026" in html
    response = client.post(
        reverse("evaluation:appeal_file", args=[evaluation.pk]),
        {"reasons": "Bukti laporan belum dinilai.", "files": [SimpleUploadedFile("b.pdf", PDF)]},
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "evaluation:appeal", args=[appeal.pk]
    )
    assert Evidence.objects.get().appeal == appeal
    assert Notification.objects.filter(
        recipient__employee=ev.world.bidang_head, kind="appeal_filed"
    ).exists()
    page = client.get(response.url).content.decode()
    assert "Bukti laporan belum dinilai." in page and "b.pdf" in page


def test_appeal_after_the_window_is_refused_with_the_deadline(ev, login):
    evaluation = rate_staff_annual(ev)
    with time_machine.travel(at(dt.date(YEAR, 4, 20)), tick=False):
        client = login(ev.world.staff)
        assert "sudah lewat" in client.get(period_url(ev)).content.decode()
        client.post(
            reverse("evaluation:appeal_file", args=[evaluation.pk]), {"reasons": "Terlambat"}
        )
        html = client.get(period_url(ev)).content.decode()
    assert "sampai 19-04-2026" in html
    assert not Appeal.objects.exists()


def test_only_the_employee_files_an_appeal(ev, login):
    evaluation = rate_staff_annual(ev)
    url = reverse("evaluation:appeal_file", args=[evaluation.pk])
    assert login(ev.world.seksi_head).post(url, {"reasons": "x"}).status_code == 403
    assert login(ev.world.it_staff).post(url, {"reasons": "x"}).status_code == 404
    assert not Appeal.objects.exists()


def test_explanations_then_the_atasans_decision_is_final_and_seen_by_the_employee(ev, login):
    w = ev.world
    evaluation = rate_staff_annual(ev)
    appeal = services.file_appeal(actor=ev.user(w.staff), evaluation=evaluation, reasons="Kurang")
    url = reverse("evaluation:appeal", args=[appeal.pk])
    # The assessor cannot request explanations or decide: only the atasan pejabat penilai.
    assessor = login(w.seksi_head)
    assert assessor.post(reverse("evaluation:appeal_request", args=[appeal.pk])).status_code == 403
    superior = login(w.bidang_head)
    assert "Minta penjelasan" in superior.get(url).content.decode()
    superior.post(reverse("evaluation:appeal_request", args=[appeal.pk]))
    login(w.seksi_head).post(
        reverse("evaluation:appeal_explain", args=[appeal.pk]), {"text": "Target tidak tercapai."}
    )
    login(w.staff).post(
        reverse("evaluation:appeal_explain", args=[appeal.pk]), {"text": "Ada bukti baru."}
    )
    decide = reverse("evaluation:appeal_decide", args=[appeal.pk])
    assert login(w.seksi_head).post(decide, {"decision": "uphold", "note": "x"}).status_code == 403
    superior = login(w.bidang_head)
    superior.post(decide, {"decision": "change", "note": "Bukti baru sah."})
    appeal.refresh_from_db()
    assert appeal.status == "explanations_requested"  # new ratings missing: nothing saved
    superior.post(
        decide,
        {
            "decision": "change",
            "note": "Bukti baru sah.",
            "work_rating": "above",
            "behaviour_rating": "above",
        },
    )
    appeal.refresh_from_db()
    evaluation.refresh_from_db()
    assert appeal.status == "decided" and appeal.decision == "change"
    assert evaluation.predicate == "very_good" and evaluation.is_final
    assert AuditEvent.objects.get(action="evaluation.appeal_decided").reason == "Bukti baru sah."
    employee = login(w.staff)
    page = employee.get(url).content.decode()
    assert "Mengubah hasil penilaian" in page and "Bukti baru sah." in page
    assert "Target tidak tercapai." in page and "Ada bukti baru." in page
    assert Notification.objects.filter(recipient__employee=w.staff, kind="appeal_decided").exists()
    mine = employee.get(reverse("evaluation:appeals")).content.decode()
    assert "Diputus" in mine
    assert "Ajukan keberatan" not in employee.get(period_url(ev)).content.decode()


def test_appeals_page_lists_what_waits_for_each_party(ev, login):
    w = ev.world
    services.file_appeal(actor=ev.user(w.staff), evaluation=rate_staff_annual(ev), reasons="Kurang")
    assert (
        w.staff.full_name
        in login(w.bidang_head).get(reverse("evaluation:appeals")).content.decode()
    )
    html = login(w.seksi_head).get(reverse("evaluation:appeals")).content.decode()
    assert "Menunggu penjelasan saya" in html and w.staff.full_name in html


def test_register_per_agency_with_filters_for_admins_and_heads_only(ev, login):
    w = ev.world
    services.file_appeal(actor=ev.user(w.staff), evaluation=rate_staff_annual(ev), reasons="Kurang")
    url = reverse("evaluation:appeal_register")
    query = {"unit": w.health.pk, "tahun": YEAR}
    for reader in (w.health_admin, w.health_head, w.bkpsdm_admin):
        html = login(reader).get(url, query).content.decode()
        assert w.staff.full_name in html and "1 keberatan" in html
    html = login(w.health_admin).get(url, query | {"status": "decided"}).content.decode()
    assert "Tidak ada keberatan yang sesuai" in html
    html = login(w.health_admin).get(url, query | {"q": "zzz"}).content.decode()
    assert "Tidak ada keberatan yang sesuai" in html
    # A seksi head sees the staff but is not a reader of the agency's register.
    assert login(w.seksi_head).get(url, query).status_code == 404
    assert login(w.it_staff).get(url, query).status_code == 404
    assert login(w.it_head).get(url, {"unit": w.it_agency.pk}).status_code == 200


def test_register_query_count_does_not_grow_with_appeals(ev, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_views import _add_subordinates

    w = ev.world
    services.file_appeal(actor=ev.user(w.staff), evaluation=rate_staff_annual(ev), reasons="Kurang")
    client = login(w.health_admin)
    url = reverse("evaluation:appeal_register") + f"?unit={w.health.pk}&tahun={YEAR}"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _add_subordinates(ev, 3)
    from kinerja.planning.models import Skp

    for skp in Skp.objects.filter(assessor=w.seksi_head).exclude(pk=ev.skp.pk):
        if skp.employee_id == w.seksi_head.pk:
            continue
        evaluation = services.rate(
            actor=ev.user(w.seksi_head),
            skp=skp,
            period=ev.annual,
            work_rating="meets",
            behaviour_rating="meets",
        )
        Appeal.objects.create(evaluation=evaluation, filed_at=evaluation.evaluated_at, reasons="x")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).content.decode().count("Buka</a>") == 4
    assert len(many.captured_queries) == len(few.captured_queries)
