"""Organisational results page, feedback on RHK and BerAKHLAK values with its history, and the
annual evaluation pre-filled from the periods by the configured rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.communication.models import Notification
from kinerja.core import clock
from kinerja.evaluation import services
from kinerja.evaluation.models import Evaluation, Feedback, OrgResult

from .conftest import YEAR

# --- organisational results


def org_url():
    return reverse("evaluation:org_results") + f"?tahun={YEAR}"


def set_url(unit):
    return reverse("evaluation:org_result_set", args=[unit.pk])


def test_regent_sets_an_agencys_result_with_a_reason_and_it_is_audited(ev, login):
    w = ev.world
    client = login(w.regent)
    html = client.get(org_url()).content.decode()
    assert w.health.name in html and w.it_agency.name in html
    assert w.health_bidang.name not in html  # set by the head one level up, not the regent
    response = client.post(
        set_url(w.health), {"predicate": "good", "reason": "LKjIP 2026", "tahun": YEAR}
    )
    assert response.status_code == 302
    result = OrgResult.objects.get(unit=w.health, year=YEAR, period__isnull=True)
    assert result.predicate == "good" and result.reason == "LKjIP 2026"
    event = AuditEvent.objects.get(action="evaluation.org_result_set")
    assert event.reason == "LKjIP 2026" and event.after["predicate"] == "good"
    assert "Baik" in client.get(org_url()).content.decode()


def test_head_one_level_up_sets_the_units_below_but_not_the_agency(ev, login):
    w = ev.world
    client = login(w.health_head)
    html = client.get(org_url()).content.decode()
    assert w.health_bidang.name in html
    client.post(set_url(w.health_bidang), {"predicate": "outstanding", "reason": "Capaian tinggi"})
    assert OrgResult.objects.get(unit=w.health_bidang).predicate == "outstanding"
    response = client.post(set_url(w.health), {"predicate": "good", "reason": "x"})
    assert response.status_code == 403
    seksi = login(w.bidang_head)
    assert w.health_seksi.name in seksi.get(org_url()).content.decode()


def test_a_result_without_reason_or_predicate_is_refused_and_nothing_is_saved(ev, login):
    client = login(ev.world.regent)
    client.post(set_url(ev.world.health), {"predicate": "good", "reason": " "})
    client.post(set_url(ev.world.health), {"predicate": "fantastic", "reason": "x"})
    assert not OrgResult.objects.exists()


def test_staff_have_no_units_to_set_and_cannot_post(ev, login):
    client = login(ev.world.staff)
    assert "Tidak ada unit" in client.get(org_url()).content.decode()
    assert (
        client.post(
            set_url(ev.world.health_seksi), {"predicate": "good", "reason": "x"}
        ).status_code
        == 403
    )
    assert not OrgResult.objects.exists()


# --- feedback on RHK and BerAKHLAK values


def period_url(ev, period=None):
    return reverse("evaluation:period", args=[ev.skp.pk, (period or ev.q1).pk])


def test_assessor_gives_feedback_on_a_berakhlak_value_from_the_period_page(ev, login):
    client = login(ev.world.seksi_head)
    html = client.get(period_url(ev)).content.decode()
    assert 'value="nilai:berorientasi_pelayanan"' in html and f'value="rhk:{ev.rhk.pk}"' in html
    response = client.post(
        reverse("evaluation:feedback", args=[ev.skp.pk, ev.q1.pk]),
        {"tentang": "nilai:berorientasi_pelayanan", "text": "Pelayanan ramah dan cepat."},
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.value_code == "berorientasi_pelayanan" and feedback.rhk is None
    assert Notification.objects.filter(
        recipient__employee=ev.world.staff, kind="feedback_received"
    ).exists()


def test_unknown_topic_is_refused(ev, login):
    client = login(ev.world.seksi_head)
    client.post(
        reverse("evaluation:feedback", args=[ev.skp.pk, ev.q1.pk]),
        {"tentang": "nilai:tidak_ada", "text": "?"},
    )
    assert not Feedback.objects.exists()


def test_employee_sees_the_feedback_history_filtered_by_topic(ev, login):
    assessor = ev.user(ev.world.seksi_head)
    services.give_feedback(actor=assessor, skp=ev.skp, rhk=ev.rhk, text="Laporan rapi.")
    services.give_feedback(
        actor=assessor, skp=ev.skp, value_code="kolaboratif", text="Aktif membantu tim."
    )
    client = login(ev.world.staff)
    url = reverse("evaluation:feedback_history", args=[ev.skp.pk])
    html = client.get(url).content.decode()
    assert "Laporan rapi." in html and "Aktif membantu tim." in html
    assert "BerAKHLAK: Kolaboratif" in html
    only = client.get(url, {"tentang": "nilai:kolaboratif"}).content.decode()
    assert "Aktif membantu tim." in only and "Laporan rapi." not in only
    assert login(ev.world.it_staff).get(url).status_code == 404


# --- annual evaluation


def periodic(ev, period, work, behaviour):
    return Evaluation.objects.create(
        skp=ev.skp,
        period=period,
        work_rating=work,
        behaviour_rating=behaviour,
        predicate="good",
        assessor=ev.world.seksi_head,
        assessor_name=ev.world.seksi_head.full_name,
        evaluated_at=clock.now(),
        delivered_on=clock.today(),
    )


def test_annual_page_prefills_from_the_last_period_by_default(ev, login):
    periodic(ev, ev.q1, "meets", "meets")
    periodic(ev, ev.q2, "above", "meets")
    html = login(ev.world.seksi_head).get(period_url(ev, ev.annual)).content.decode()
    assert "Triwulan I" in html and "Triwulan II" in html
    assert "Menurut aturan ini: hasil kerja <strong>Di Atas Ekspektasi</strong>" in html
    assert '<option value="above" selected>' in html


def test_annual_rating_departing_from_the_periods_needs_a_reason(ev):
    periodic(ev, ev.q1, "meets", "meets")
    periodic(ev, ev.q2, "above", "meets")
    assessor = ev.user(ev.world.seksi_head)
    with pytest.raises(ValidationError) as exc:
        services.rate(
            actor=assessor,
            skp=ev.skp,
            period=ev.annual,
            work_rating="meets",
            behaviour_rating="meets",
        )
    assert "deviation_reason" in exc.value.message_dict
    evaluation = services.rate(
        actor=assessor,
        skp=ev.skp,
        period=ev.annual,
        work_rating="meets",
        behaviour_rating="meets",
        deviation_reason="Triwulan II hanya sebagian tahun.",
    )
    assert evaluation.deviation_reason == "Triwulan II hanya sebagian tahun."


def test_worst_period_rule_changes_the_prefill(ev):
    from kinerja.evaluation.selectors.annual import annual_overview

    services.set_schedule(
        actor=ev.user(ev.world.bkpsdm_admin),
        year=YEAR,
        rhythm="quarterly",
        annual_rule="worst_period",
    )
    periodic(ev, ev.q1, "below", "above")
    periodic(ev, ev.q2, "above", "meets")
    overview = annual_overview(ev.skp)
    assert overview.work.value == "below" and overview.behaviour.value == "meets"
    evaluation = services.rate(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.annual,
        work_rating="below",
        behaviour_rating="meets",
    )
    assert evaluation.predicate
