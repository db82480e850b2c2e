"""The evaluation API: 404 outside the scope, 403, 409 for the state, 422 per field, 413."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.evaluation import services

from .conftest import YEAR, at

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def base(ev):
    return f"/api/v1/evaluation/skps/{ev.skp.pk}/periods/{ev.q1.pk}"


def test_periods_are_listed(ev, client, bearer):
    response = client.get(f"/api/v1/evaluation/periods?year={YEAR}", headers=bearer(ev.world.staff))
    assert response.status_code == 200 and len(response.json()) == 5


def test_realisation_entry_and_closed_window_answers_409(ev, client, bearer):
    headers = bearer(ev.world.staff)
    body = {"indicator_id": ev.indicators[0].pk, "value": "3", "version": 0}
    response = client.post(
        f"{base(ev)}/realisations", body, content_type="application/json", headers=headers
    )
    assert response.status_code == 200 and response.json()["version"] == 1
    stale = client.post(
        f"{base(ev)}/realisations", body, content_type="application/json", headers=headers
    )
    assert stale.status_code == 409
    with time_machine.travel(at(dt.date(YEAR, 4, 30)), tick=False):
        late = client.post(
            f"{base(ev)}/realisations",
            {**body, "version": 1},
            content_type="application/json",
            headers=headers,
        )
    assert late.status_code == 409 and "ditutup" in late.json()["detail"]


def test_outsider_gets_404(ev, client, bearer):
    body = {"indicator_id": ev.indicators[0].pk, "value": "3"}
    response = client.post(
        f"{base(ev)}/realisations",
        body,
        content_type="application/json",
        headers=bearer(ev.world.it_staff),
    )
    assert response.status_code == 404


def test_evidence_upload_413_and_422(ev, client, bearer, settings):
    headers = bearer(ev.world.staff)
    ok = client.post(
        f"{base(ev)}/evidence", {"file": SimpleUploadedFile("a.pdf", PDF)}, headers=headers
    )
    assert ok.status_code == 200 and len(ok.json()["sha256"]) == 64
    wrong = client.post(
        f"{base(ev)}/evidence",
        {"file": SimpleUploadedFile("a.pdf", b"MZ" + b"\0" * 100)},
        headers=headers,
    )
    assert wrong.status_code == 422 and "file" in wrong.json()["errors"]
    settings.MAX_UPLOAD_BYTES = 10
    big = client.post(
        f"{base(ev)}/evidence", {"file": SimpleUploadedFile("a.pdf", PDF)}, headers=headers
    )
    assert big.status_code == 413


def test_rating_rules_over_the_api(ev, client, bearer):
    staff = ev.user(ev.world.staff)
    services.record_realisation(
        actor=staff, indicator=ev.indicators[0], period=ev.q1, expected_version=0, value=Decimal(3)
    )
    body = {"work_rating": "above", "behaviour_rating": "meets"}
    early = client.post(
        f"{base(ev)}/rating",
        body,
        content_type="application/json",
        headers=bearer(ev.world.seksi_head),
    )
    assert early.status_code == 409
    services.submit_period(actor=staff, skp=ev.skp, period=ev.q1)
    forbidden = client.post(
        f"{base(ev)}/rating",
        body,
        content_type="application/json",
        headers=bearer(ev.world.health_admin),
    )
    assert forbidden.status_code == 403
    no_reason = client.post(
        f"{base(ev)}/rating",
        body,
        content_type="application/json",
        headers=bearer(ev.world.seksi_head),
    )
    assert no_reason.status_code == 422 and "deviation_reason" in no_reason.json()["errors"]
    body["deviation_reason"] = "Inovasi"
    done = client.post(
        f"{base(ev)}/rating",
        body,
        content_type="application/json",
        headers=bearer(ev.world.seksi_head),
    )
    assert done.status_code == 200 and done.json()["predicate"] == "good"
    dist = client.get(
        f"/api/v1/evaluation/agencies/{ev.world.health.pk}/distribution?year={YEAR}",
        headers=bearer(ev.world.health_head),
    )
    assert dist.status_code == 200
