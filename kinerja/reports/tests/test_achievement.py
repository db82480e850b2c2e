"""Organisational achievement: IKUs from outcome data or linked RHKs, entry, annex, proposal."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.audit.models import AuditEvent
from kinerja.evaluation.domain import achievement_pct
from kinerja.evaluation.models import OrgResult
from kinerja.reports.models import OutcomeMeasurement
from kinerja.reports.selectors.achievement import agency_achievement
from kinerja.reports.services import record_outcome

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _page(client, data, **extra):
    query = {"unit": data.world.health.pk, "tahun": YEAR, "periode": data.q1.pk, **extra}
    return client.get(reverse("reports:achievement"), query)


def _post(client, data, **fields):
    payload = {
        "unit": data.world.health.pk,
        "tahun": YEAR,
        "periode": data.q1.pk,
        "target": data.outcome_target.pk,
        "value": "78",
        "explanation": "Survei kepuasan triwulan I.",
        "source": "Survei IKM",
        **fields,
    }
    return client.post(reverse("reports:achievement"), payload)


def test_an_iku_without_outcome_data_takes_the_linked_jpt_rhk_realisation(data):
    achievement = agency_achievement(agency=data.world.health, year=YEAR, period=data.q1)
    rhk_row = next(r for r in achievement.rows if r.target == data.rhk_target)
    # Q1 ends on 31 March: 90 of 365 days of the SKP's term, so 12 × 90/365 = 2.96 is due.
    expected = achievement_pct(Decimal("2.96"), None, Decimal(3))
    assert rhk_row.source == "rhk"
    assert abs(rhk_row.achievement - expected) <= Decimal("0.1")
    outcome_row = next(r for r in achievement.rows if r.target == data.outcome_target)
    assert outcome_row.achievement is None and outcome_row.source == ""


def test_outcome_data_entered_by_the_opd_admin_sets_the_achievement_against_the_period_target(
    data, login
):
    response = _post(login(data.world.health_admin), data)
    assert response.status_code == 302
    measurement = OutcomeMeasurement.objects.get()
    assert measurement.value == Decimal("78.00")
    event = AuditEvent.objects.filter(action="reports.outcome_recorded").get()
    assert event.after["value"] == "78.00"
    row = next(
        r
        for r in agency_achievement(agency=data.world.health, year=YEAR, period=data.q1).rows
        if r.target == data.outcome_target
    )
    assert row.period_target == Decimal(75)  # the PK's Triwulan I target
    assert row.achievement == Decimal("104.0")


def test_a_lower_is_better_indicator_inverts_the_ratio(data):
    record_outcome(
        actor=data.user(data.world.bkpsdm_admin),
        target=data.outcome_target,
        period=data.q1,
        value="60",
        lower_is_better=True,
    )
    row = agency_achievement(agency=data.world.health, year=YEAR, period=data.q1).rows[0]
    assert row.achievement == Decimal("125.0")  # 75 / 60


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Realisasi tidak boleh negatif."),
        ("abc", "Realisasi harus berupa angka."),
        ("1.234", "dua angka di belakang koma"),
    ],
)
def test_bad_outcome_data_is_refused_in_indonesian_and_nothing_is_saved(
    data, login, value, message
):
    response = _post(login(data.world.health_admin), data, value=value)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not OutcomeMeasurement.objects.exists()


def test_only_the_agency_admin_or_bkpsdm_may_enter_outcome_data(data, login):
    w = data.world
    assert _post(login(w.staff), data).status_code == 403
    assert _post(login(w.it_staff), data).status_code == 403
    assert not OutcomeMeasurement.objects.exists()
    # Reading is open to every signed-in civil servant, like the PK itself.
    assert _page(login(w.it_staff), data).status_code == 200


def test_the_annex_is_exported_to_excel_and_pdf(data, login):
    record_outcome(
        actor=data.user(data.world.health_admin),
        target=data.outcome_target,
        period=data.q1,
        value="78",
        explanation="Survei kepuasan triwulan I.",
    )
    client = login(data.world.health_admin)
    book = load_workbook(BytesIO(_page(client, data, format="xlsx").content))
    rows = [[c.value for c in row] for row in book.active.iter_rows(min_row=4)]
    assert rows[0][2] == "Indeks pelayanan kesehatan"
    assert rows[0][3] == "75 indeks" and rows[0][5] == "104%"
    assert rows[0][6] == "Survei kepuasan triwulan I."
    pdf = _page(client, data, format="pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def _decide(client, data, predicate, reason=""):
    return client.post(
        reverse("reports:achievement_result"),
        {
            "unit": data.world.health.pk,
            "tahun": YEAR,
            "periode": data.annual.pk,
            "predicate": predicate,
            "reason": reason,
        },
    )


def test_the_leader_sets_the_proposed_result_through_evaluation(data, login):
    OrgResult.objects.all().delete()
    record_outcome(
        actor=data.user(data.world.health_admin),
        target=data.outcome_target,
        period=data.annual,
        value="80",
    )
    proposal = agency_achievement(agency=data.world.health, year=YEAR, period=data.annual).proposal
    assert proposal is not None
    response = _decide(login(data.world.regent), data, proposal.predicate.value)
    assert response.status_code == 302
    result = OrgResult.objects.get(unit=data.world.health, year=YEAR, period__isnull=True)
    assert result.predicate == proposal.predicate.value
    assert AuditEvent.objects.filter(action="evaluation.org_result_set").exists()


def test_choosing_other_than_the_proposal_needs_a_reason(data, login):
    OrgResult.objects.all().delete()
    record_outcome(
        actor=data.user(data.world.health_admin),
        target=data.outcome_target,
        period=data.annual,
        value="80",
    )
    client = login(data.world.regent)
    refused = _decide(client, data, "very_poor")
    assert refused.status_code == 400
    assert "Tuliskan alasan" in refused.content.decode()
    assert not OrgResult.objects.exists()
    assert _decide(client, data, "very_poor", "Temuan audit kinerja.").status_code == 302
    assert OrgResult.objects.get().reason == "Temuan audit kinerja."


def test_only_the_regent_sets_an_agency_result(data, login):
    for persona in (data.world.health_head, data.world.health_admin, data.world.bkpsdm_admin):
        assert _decide(login(persona), data, "good", "x").status_code == 403


def test_a_correction_carries_its_version_so_no_update_is_lost(data, login):
    client = login(data.world.health_admin)
    assert _post(client, data).status_code == 302
    # A second "new" entry for the same IKU and period is refused: correct it through Ubah.
    again = _post(client, data, value="90")
    assert again.status_code == 400
    assert "pilih Ubah" in again.content.decode()
    page = _page(client, data, ubah=data.outcome_target.pk).content.decode()
    assert 'name="version" value="1"' in page and 'value="78.00"' in page
    assert _post(client, data, value="79", version="1").status_code == 302
    stale = _post(client, data, value="80", version="1")
    assert stale.status_code == 400
    assert "telah diubah oleh pengguna lain" in stale.content.decode()
    assert OutcomeMeasurement.objects.get().value == Decimal("79.00")
