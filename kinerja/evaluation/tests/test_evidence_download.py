"""Evidence files are downloaded through the SKP's scoping, never by their storage URL."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from .test_evidence import PDF, upload


def _client_for(ev, employee) -> Client:
    client = Client()
    client.force_login(ev.user(employee))
    return client


def test_the_employee_and_the_assessor_download_the_file_as_an_attachment(ev):
    evidence = upload(ev, "Laporan Triwulan I.pdf", PDF)
    url = reverse("evaluation:evidence_file", kwargs={"evidence_id": evidence.pk})
    for person in (ev.world.staff, ev.world.seksi_head):
        response = _client_for(ev, person).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert 'attachment; filename="Laporan Triwulan I.pdf"' in response["Content-Disposition"]


def test_someone_who_cannot_see_the_skp_gets_not_found(ev):
    evidence = upload(ev, "Laporan.pdf", PDF)
    url = reverse("evaluation:evidence_file", kwargs={"evidence_id": evidence.pk})
    assert _client_for(ev, ev.world.it_staff).get(url).status_code == 404


def test_the_period_page_links_to_the_scoped_download_not_to_the_storage(ev):
    evidence = upload(ev, "Laporan.pdf", PDF)
    page = _client_for(ev, ev.world.staff).get(
        reverse("evaluation:period", kwargs={"skp_id": ev.skp.pk, "period_id": ev.q1.pk})
    )
    html = page.content.decode()
    assert reverse("evaluation:evidence_file", kwargs={"evidence_id": evidence.pk}) in html
    assert evidence.file.name not in html
