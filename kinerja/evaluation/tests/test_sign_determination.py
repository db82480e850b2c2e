"""Signing the penetapan predikat kinerja: only the agency head (or Plt/Plh), never while a breach
of the distribution pattern is unexplained, audited, frozen, and shown on the calibration page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.communication.models import Notification
from kinerja.core.documents import canonical_digest
from kinerja.evaluation import services
from kinerja.evaluation.errors import StateError
from kinerja.evaluation.models import Evaluation, PredicateDetermination
from kinerja.evaluation.selectors.calibration import agency_calibration
from kinerja.evaluation.services.determination import (
    sign_predicate_determination,
    violation_key,
)
from kinerja.organisations import services as org
from tests.world import make_employee

from .conftest import YEAR, ready_for_penetapan

EXPLAINED = "Seluruh pegawai mencapai target; dibuktikan LKjIP."


def explanations(ev, text=EXPLAINED) -> dict[str, str]:
    page = agency_calibration(ev.user(ev.world.health_head), agency=ev.world.health, year=YEAR)
    return {violation_key(v): text for v in page.violations}


def sign(ev, who=None, given=None):
    return sign_predicate_determination(
        actor=ev.user(who or ev.world.health_head),
        agency=ev.world.health,
        year=YEAR,
        explanations=explanations(ev) if given is None else given,
    )


def test_agency_head_signs_and_the_distribution_is_frozen_with_its_hash(ev):
    ready_for_penetapan(ev)
    determination = sign(ev)
    data = determination.distribution
    assert data["counts"]["good"] == 2 and data["total"] == 2
    assert data["org_predicate"] == "good"
    assert {v["explanation"] for v in data["violations"]} == {EXPLAINED}
    assert determination.content_hash == canonical_digest(data)
    assert determination.signer_position == "Kepala Dinas Kesehatan"


def test_signing_is_audited_with_the_explanations(ev):
    ready_for_penetapan(ev)
    determination = sign(ev)
    event = AuditEvent.objects.get(action="evaluation.predicates_determined")
    assert event.object_id == str(determination.pk) and EXPLAINED in event.reason
    assert event.after["hash"] == determination.content_hash


def test_employees_are_told_their_predicate_is_determined(ev):
    ready_for_penetapan(ev)
    sign(ev)
    told = Notification.objects.filter(kind="evaluation_done", title__contains="ditetapkan")
    assert {n.recipient.employee_id for n in told} == {
        ev.world.staff.pk,
        ev.world.seksi_head.pk,
    }


def test_an_unexplained_breach_refuses_the_signature(ev):
    ready_for_penetapan(ev)
    given = explanations(ev)
    first = next(iter(given))
    given[first] = "   "
    with pytest.raises(ValidationError) as caught:
        sign(ev, given=given)
    assert "Jelaskan pertimbangan" in str(caught.value)
    assert not PredicateDetermination.objects.exists()


def test_a_distribution_within_the_pattern_needs_no_explanation(ev):
    ready_for_penetapan(ev, org_result="outstanding")  # Istimewa: up to 70 % Sangat Baik, none here
    assert sign(ev, given={}).distribution["violations"] == []


@pytest.mark.parametrize("who", ["regent", "health_admin", "bidang_head", "staff", "it_head"])
def test_only_the_agency_head_signs(ev, who):
    ready_for_penetapan(ev)
    with pytest.raises(PermissionDenied):
        sign(ev, who=getattr(ev.world, who))


def test_the_acting_head_may_sign_and_is_named_as_plt(ev):
    w = ev.world
    ready_for_penetapan(ev)
    acting = make_employee(w.health, None, "Plt Kadis")
    org.assign_position(
        actor=None,
        employee=acting,
        position=w.health_head.position,
        start_date=ev.q1.start,
        acting="plt",
    )
    determination = sign(ev, who=acting)
    assert determination.signer_name == "Plt Kadis"
    assert determination.signer_position == "Plt. Kepala Dinas Kesehatan"


def test_without_the_org_result_there_is_no_pattern_to_sign_against(ev):
    ready_for_penetapan(ev, org_result="")
    with pytest.raises(StateError, match="belum ditetapkan"):
        sign(ev, given={})


def test_employees_without_an_annual_predicate_hold_the_signature(ev):
    ready_for_penetapan(ev, rate_head=False)
    with pytest.raises(StateError, match="belum dinilai tahunan") as caught:
        sign(ev)
    assert ev.world.seksi_head.full_name in str(caught.value)


def test_an_open_appeal_on_an_annual_predicate_holds_the_signature(ev):
    ready_for_penetapan(ev)
    evaluation = services.rate(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.annual,
        work_rating="meets",
        behaviour_rating="meets",
    )
    services.file_appeal(actor=ev.user(ev.world.staff), evaluation=evaluation, reasons="Keberatan.")
    with pytest.raises(StateError, match="keberatan"):
        sign(ev)


def test_signing_twice_is_refused_and_calibration_stops(ev):
    ready_for_penetapan(ev)
    sign(ev)
    with pytest.raises(StateError, match="sudah ditandatangani"):
        sign(ev)
    evaluation = Evaluation.objects.get(skp=ev.skp, period=ev.annual)
    with pytest.raises(StateError, match="sudah ditandatangani"):
        services.adjust_predicate(
            actor=ev.user(ev.world.health_head),
            evaluation=evaluation,
            predicate="very_good",
            reason="Terlambat",
        )


# --- the calibration page ------------------------------------------------------------------


def calibration_url() -> str:
    return f"{reverse('evaluation:calibration')}?unit={{}}&tahun={YEAR}"


def test_calibration_page_offers_the_signature_with_one_field_per_breach(ev, client):
    ready_for_penetapan(ev)
    client.force_login(ev.user(ev.world.health_head))
    body = client.get(calibration_url().format(ev.world.health.pk)).content.decode()
    assert "Tandatangani penetapan predikat kinerja" in body
    for key in explanations(ev):
        assert f'name="penjelasan:{key}"' in body


def test_calibration_page_does_not_offer_the_signature_to_the_regent(ev, client):
    ready_for_penetapan(ev)
    client.force_login(ev.user(ev.world.regent))
    body = client.get(calibration_url().format(ev.world.health.pk)).content.decode()
    assert "Tandatangani penetapan" not in body
    assert "ditandatangani oleh kepala perangkat daerah" in body


def test_signing_from_the_page_then_downloading_the_penetapan(ev, client):
    ready_for_penetapan(ev)
    client.force_login(ev.user(ev.world.health_head))
    data = {"unit": ev.world.health.pk, "tahun": YEAR}
    data |= {f"penjelasan:{k}": v for k, v in explanations(ev).items()}
    response = client.post(reverse("evaluation:sign_determination"), data)
    assert response.status_code == 302
    determination = PredicateDetermination.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert reverse("evaluation:determination_pdf", args=[determination.pk]) in page
    assert "Tandatangani penetapan" not in page


def test_signing_from_the_page_without_explanations_shows_the_reason(ev, client):
    ready_for_penetapan(ev)
    client.force_login(ev.user(ev.world.health_head))
    response = client.post(
        reverse("evaluation:sign_determination"),
        {"unit": ev.world.health.pk, "tahun": YEAR},
        follow=True,
    )
    assert "Jelaskan pertimbangan" in response.content.decode()
    assert not PredicateDetermination.objects.exists()


def test_the_regent_posting_the_signature_gets_403(ev, client):
    ready_for_penetapan(ev)
    client.force_login(ev.user(ev.world.regent))
    response = client.post(
        reverse("evaluation:sign_determination"), {"unit": ev.world.health.pk, "tahun": YEAR}
    )
    assert response.status_code == 403
