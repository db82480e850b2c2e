"""SKP services: snapshots, the link rule, who approves, versions and audit, concurrency."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.audit.models import AuditEvent
from kinerja.core.concurrency import StaleObjectError
from kinerja.organisations import services as org
from kinerja.organisations.models import Position
from kinerja.planning import services
from kinerja.planning.domain.workflow import SkpStatus, TransitionError
from kinerja.planning.models import Rhk, SkpVersion
from tests.world import make_employee

from .helpers import approved_chain, approved_skp, fresh, skp_with_rhk, user_of, year

pytestmark = pytest.mark.django_db


def test_create_skp_snapshots_position_unit_and_assessor_line(world):
    skp = services.create_skp(actor=user_of(world.staff), employee=world.staff, year=year())
    assert skp.form_type == "non_jpt"
    assert skp.position_name == "Pengadministrasi Umum"
    assert skp.unit_name == "Seksi Pelayanan Kesehatan Primer"
    assert skp.assessor == world.seksi_head and skp.assessor_name == "Nurul Kasi"
    assert skp.superior == world.bidang_head
    assert skp.assessor_post == Position.objects.get(unit=world.health_seksi, is_head=True)
    # A later move does not rewrite the snapshot.
    world.staff.name = "Nama Baru"
    world.staff.save()
    assert fresh(skp).employee_name == "Rahmat Pelaksana"


def test_jpt_employee_gets_the_jpt_form(world):
    skp = services.create_skp(
        actor=user_of(world.health_head), employee=world.health_head, year=year()
    )
    assert skp.form_type == "jpt"
    assert skp.assessor == world.regent


def test_new_skp_in_same_year_closes_the_previous_one(world):
    first = services.create_skp(actor=None, employee=world.staff, year=year())
    second = services.create_skp(
        actor=None, employee=world.staff, year=year(), period_start=dt.date(year(), 7, 1)
    )
    first = fresh(first)
    assert first.is_closed and first.period_end == dt.date(year(), 6, 30)
    assert not second.is_closed


def test_employee_can_draft_before_the_superior_skp_is_approved_but_not_submit(world):
    _, head_rhk = approved_skp(world.health_head, world.regent)
    boss_skp, boss_rhk = skp_with_rhk(world.bidang_head, parent=head_rhk)
    skp, _ = skp_with_rhk(world.seksi_head, parent=boss_rhk)  # drafting is fine
    with pytest.raises(TransitionError, match="belum disetujui"):
        services.submit_skp(actor=user_of(world.seksi_head), skp=skp)
    services.submit_skp(actor=user_of(world.bidang_head), skp=boss_skp)
    services.approve_skp(actor=user_of(world.health_head), skp=fresh(boss_skp))
    services.submit_skp(actor=user_of(world.seksi_head), skp=fresh(skp))
    assert fresh(skp).status == SkpStatus.SUBMITTED


def test_submit_refuses_an_unlinked_utama_rhk_and_an_indicator_without_target(world):
    skp, _ = skp_with_rhk(world.staff, target=False)
    with pytest.raises(TransitionError) as exc:
        services.submit_skp(actor=user_of(world.staff), skp=skp)
    assert "belum dikaitkan" in str(exc.value) and "tanpa target" in str(exc.value)


def test_only_the_assessor_of_record_approves(world):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    for other in (world.staff, world.bidang_head, world.health_head, world.health_admin):
        with pytest.raises(PermissionDenied):
            services.approve_skp(actor=user_of(other), skp=fresh(skp))
    services.approve_skp(actor=user_of(world.seksi_head), skp=fresh(skp))
    skp = fresh(skp)
    assert skp.status == SkpStatus.APPROVED and skp.approved_by == user_of(world.seksi_head)


def test_a_plh_acting_in_the_assessor_post_may_approve(world):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    deputy = make_employee(world.health_seksi, None, "Plh Kasi")
    org.assign_position(
        actor=None,
        employee=deputy,
        position=Position.objects.get(unit=world.health_seksi, is_head=True),
        start_date=dt.date(2025, 1, 1),
        acting="plh",
    )
    services.approve_skp(actor=user_of(deputy), skp=fresh(skp))
    assert fresh(skp).status == SkpStatus.APPROVED


def test_every_transition_writes_a_version_and_an_audit_entry(world):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    owner, assessor = user_of(world.staff), user_of(world.seksi_head)
    services.submit_skp(actor=owner, skp=skp)
    services.return_skp(actor=assessor, skp=fresh(skp), note="Target belum terukur")
    assert fresh(skp).return_note == "Target belum terukur"
    services.submit_skp(actor=owner, skp=fresh(skp))
    services.approve_skp(actor=assessor, skp=fresh(skp))
    with pytest.raises(TransitionError, match="alasan"):
        services.request_revision(actor=owner, skp=fresh(skp), reason="")
    services.request_revision(
        actor=owner, skp=fresh(skp), reason="Tugas tambahan dari kepala dinas"
    )
    services.approve_revision(actor=assessor, skp=fresh(skp))
    assert fresh(skp).status == SkpStatus.DRAFT
    versions = list(SkpVersion.objects.filter(skp=skp).order_by("number"))
    assert [v.action for v in versions] == [
        "submit",
        "return",
        "submit",
        "approve",
        "request_revision",
        "approve_revision",
    ]
    assert versions[0].snapshot["rhks"][0]["text"].startswith("Terlaksananya")
    actions = set(
        AuditEvent.objects.filter(object_type="planning.skp", object_id=str(skp.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"planning.skp_submit", "planning.skp_return", "planning.skp_approve"} <= actions


def test_approved_skp_cannot_be_edited_directly(world):
    skp, rhk = approved_chain(world)
    with pytest.raises(TransitionError):
        services.update_rhk(
            actor=user_of(world.seksi_head),
            rhk=rhk,
            expected_version=skp.version,
            group="utama",
            text="Diubah diam-diam",
        )


def test_a_stale_edit_is_refused_and_nothing_is_lost(world):
    skp, rhk = skp_with_rhk(world.staff)
    actor = user_of(world.staff)
    seen = skp.version  # two tabs opened the same version
    services.update_rhk(
        actor=actor, rhk=rhk, expected_version=seen, group="utama", text="Tab pertama"
    )
    with pytest.raises(StaleObjectError) as exc:
        services.update_rhk(
            actor=actor,
            rhk=Rhk.objects.get(pk=rhk.pk),
            expected_version=seen,
            group="utama",
            text="Tab kedua",
        )
    assert exc.value.current.version == seen + 1
    assert Rhk.objects.get(pk=rhk.pk).text == "Tab pertama"


def test_distribute_rhk_creates_linked_drafts_in_subordinates_skps(world):
    subordinate = make_employee(
        world.health_seksi,
        org.create_position(
            actor=None, unit=world.health_seksi, name="Pengelola Data", kind="pelaksana"
        ),
        "Dewi Pengelola",
    )
    services.create_skp(actor=None, employee=world.staff, year=year())
    _, boss_rhk = skp_with_rhk(world.seksi_head)
    created = services.distribute_rhk(
        actor=user_of(world.seksi_head),
        rhk=boss_rhk,
        assignments=[
            (world.staff, None, "direct"),
            (subordinate, "Tersusunnya data kunjungan puskesmas", "indirect"),
        ],
    )
    assert [c.parent_id for c in created] == [boss_rhk.pk, boss_rhk.pk]
    assert created[0].text == boss_rhk.text and created[0].cascading == "direct"
    assert created[1].skp.employee == subordinate and created[1].skp.status == "draft"
    assert created[1].skp.assessor == world.seksi_head


def test_distribute_rhk_refuses_someone_the_actor_does_not_assess(world):
    _, boss_rhk = skp_with_rhk(world.seksi_head)
    with pytest.raises(Exception, match="bukan pegawai yang Anda nilai"):
        services.distribute_rhk(
            actor=user_of(world.seksi_head),
            rhk=boss_rhk,
            assignments=[(world.it_staff, None, "direct")],
        )


def test_bulk_approval_skips_an_skp_withdrawn_after_the_queue_was_loaded(world):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    loaded = fresh(skp)
    services.withdraw_skp(actor=user_of(world.staff), skp=fresh(skp))
    assert services.approve_many(actor=user_of(world.seksi_head), skps=[loaded]) == 0
    assert fresh(skp).status == SkpStatus.DRAFT
