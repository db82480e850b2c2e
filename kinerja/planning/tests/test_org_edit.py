"""Editing organisational plans after creation: RPJMD goals (BKPSDM) and Perjanjian Kinerja rows
(the agency's OPD admin or BKPSDM), audited, with no lost update."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.core.concurrency import StaleObjectError
from kinerja.planning import org_services, services
from kinerja.planning.models import AgreementTarget, OrgGoal

from .helpers import user_of, year

pytestmark = pytest.mark.django_db


def _goal(world, code="S1"):
    return org_services.create_goal(
        actor=user_of(world.bkpsdm_admin),
        year=year(),
        code=code,
        text="Meningkatnya derajat kesehatan masyarakat",
        indicator="Usia harapan hidup",
        target_value=Decimal("71"),
        target_unit="tahun",
    )


def _target(world, unit=None, goal=None):
    return org_services.add_agreement_target(
        actor=user_of(world.bkpsdm_admin),
        unit=unit or world.health,
        year=year(),
        goal=goal,
        objective="Meningkatnya kualitas pelayanan kesehatan",
        indicator="Indeks kepuasan layanan kesehatan",
        baseline=Decimal("78"),
        target_value=Decimal("85"),
        target_unit="indeks",
    )


def test_bkpsdm_edits_a_goal_and_the_audit_keeps_before_and_after(world):
    goal = _goal(world)
    saved = org_services.update_goal(
        actor=user_of(world.bkpsdm_admin),
        goal=goal,
        expected_version=goal.version,
        code="S1",
        text="Meningkatnya derajat kesehatan",
        indicator="Usia harapan hidup",
        target_value=Decimal("72"),
        target_unit="tahun",
    )
    assert saved.version == goal.version + 1
    assert OrgGoal.objects.get(pk=goal.pk).target_value == Decimal("72")
    event = AuditEvent.objects.get(action="planning.goal_updated", object_id=str(goal.pk))
    assert event.before["target"] == "71.00 tahun" and event.after["target"] == "72 tahun"


def test_goal_edit_keeps_the_create_rules(world):
    _goal(world, code="S1")
    second = _goal(world, code="S2")
    actor = user_of(world.bkpsdm_admin)
    with pytest.raises(ValidationError) as exc:
        org_services.update_goal(
            actor=actor, goal=second, expected_version=second.version, code="S1", text=" "
        )
    assert set(exc.value.message_dict) == {"code", "text"}
    with pytest.raises(PermissionDenied):
        org_services.update_goal(
            actor=user_of(world.health_admin),
            goal=second,
            expected_version=second.version,
            text="Sasaran OPD",
        )


def test_a_stale_goal_save_is_refused_and_nothing_is_lost(world):
    goal = _goal(world)
    actor = user_of(world.bkpsdm_admin)
    org_services.update_goal(
        actor=actor, goal=goal, expected_version=goal.version, code="S1", text="Tab pertama"
    )
    with pytest.raises(StaleObjectError):
        org_services.update_goal(
            actor=actor, goal=goal, expected_version=goal.version, code="S1", text="Tab kedua"
        )
    assert OrgGoal.objects.get(pk=goal.pk).text == "Tab pertama"


def test_goal_page_shows_what_changed_on_a_stale_save(world, login):
    goal = _goal(world)
    client = login(world.bkpsdm_admin)
    url = reverse("planning:goal_edit", args=[goal.pk])
    form = {
        "version": goal.version,
        "code": "S1",
        "text": "Tab pertama",
        "indicator": "Usia harapan hidup",
        "target_value": "71",
        "target_unit": "tahun",
    }
    assert client.get(url).status_code == 200
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "text": "Tab kedua", "target_value": "73"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "telah diubah oleh pengguna lain" in page
    assert "Tab pertama" in page and "Tab kedua" in page  # the current text and the user's
    assert OrgGoal.objects.get(pk=goal.pk).text == "Tab pertama"


def test_a_goal_still_supported_by_a_pk_target_cannot_be_deleted(world):
    goal = _goal(world)
    target = _target(world, goal=goal)
    actor = user_of(world.bkpsdm_admin)
    with pytest.raises(ValidationError):
        org_services.delete_goal(actor=actor, goal=goal, expected_version=goal.version)
    target.goal = None
    target.save()
    org_services.delete_goal(actor=actor, goal=goal, expected_version=goal.version)
    assert not OrgGoal.objects.filter(pk=goal.pk).exists()
    assert AuditEvent.objects.filter(action="planning.goal_deleted").exists()


def test_opd_admin_edits_own_pk_targets_baseline_and_quarters_but_not_another_agencys(world):
    goal = _goal(world)
    target = _target(world)
    admin = user_of(world.health_admin)
    saved = org_services.update_agreement_target(
        actor=admin,
        target=target,
        expected_version=target.version,
        goal=goal,
        objective="Meningkatnya kualitas pelayanan kesehatan",
        indicator="Indeks kepuasan masyarakat",
        baseline=Decimal("79.5"),
        target_value=Decimal("86"),
        target_unit="indeks",
        quarters=(Decimal("80"), Decimal("82"), Decimal("84"), Decimal("86")),
    )
    stored = AgreementTarget.objects.get(pk=target.pk)
    assert (stored.baseline, stored.target_value, stored.target_q4) == (79.5, 86, 86)
    assert stored.goal == goal and stored.version == saved.version == target.version + 1
    event = AuditEvent.objects.get(action="planning.agreement_target_updated")
    assert event.before["baseline"] == "78.00" and event.after["baseline"] == "79.5"
    foreign = _target(world, unit=world.it_agency)
    with pytest.raises(PermissionDenied):
        org_services.update_agreement_target(
            actor=admin,
            target=foreign,
            expected_version=foreign.version,
            objective="X",
            indicator="Y",
            target_value=Decimal("1"),
            target_unit="indeks",
        )


def test_pk_target_edit_uses_the_import_row_rules(world):
    target = _target(world)
    with pytest.raises(ValidationError) as exc:
        org_services.update_agreement_target(
            actor=user_of(world.health_admin),
            target=target,
            expected_version=target.version,
            objective="",
            indicator="Indeks",
            target_value=None,
            target_unit="",
        )
    assert "Sasaran strategis wajib diisi." in exc.value.messages
    assert "Target wajib diisi." in exc.value.messages
    assert AgreementTarget.objects.get(pk=target.pk).objective.startswith("Meningkatnya")


def test_pk_target_page_edits_and_refuses_a_stale_save_showing_the_difference(world, login):
    target = _target(world)
    client = login(world.health_admin)
    url = reverse("planning:agreement_target_edit", args=[target.pk])
    form = {
        "version": target.version,
        "objective": target.objective,
        "indicator": target.indicator,
        "baseline": "78",
        "target_value": "88",
        "target_unit": "indeks",
        "target_q1": "80",
    }
    assert client.get(url).status_code == 200
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "target_value": "90"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Isian Anda" in page and ">88<" in page and ">90<" in page
    assert AgreementTarget.objects.get(pk=target.pk).target_value == 88
    # The page offers the edit link to the agency's admin only.
    overview = client.get(reverse("planning:org_performance")).content.decode()
    assert url in overview
    other = login(world.staff).get(reverse("planning:org_performance")).content.decode()
    assert url not in other


def test_a_pk_target_linked_from_a_jpt_rhk_cannot_be_deleted(world):
    target = _target(world)
    head = user_of(world.health_head)
    skp = services.create_skp(actor=head, employee=world.health_head, year=year())
    services.add_rhk(
        actor=head,
        skp=skp,
        expected_version=skp.version,
        group="utama",
        text="Meningkatnya mutu layanan",
        agreement_target=target,
    )
    admin = user_of(world.health_admin)
    with pytest.raises(ValidationError):
        org_services.delete_agreement_target(
            actor=admin, target=target, expected_version=target.version
        )
    unlinked = _target(world)
    with pytest.raises(StaleObjectError):
        org_services.delete_agreement_target(
            actor=admin, target=unlinked, expected_version=unlinked.version + 1
        )
    org_services.delete_agreement_target(
        actor=admin, target=unlinked, expected_version=unlinked.version
    )
    assert not AgreementTarget.objects.filter(pk=unlinked.pk).exists()
