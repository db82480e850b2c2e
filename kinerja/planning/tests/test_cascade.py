"""The cascade tree from the regent's goals to staff RHKs, and the coverage lists."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.planning import services
from kinerja.planning.cascade import cascade
from kinerja.planning.models import Indicator, Rhk, Skp

from .helpers import user_of, year


@pytest.fixture
def seeded(world):
    for unit, code in [
        (world.health, "1112.DINKES"),
        (world.health_bidang, "1112.DINKES.B01"),
        (world.health_seksi, "1112.DINKES.B01.S01"),
    ]:
        unit.code = code
        unit.save(update_fields=["code"])
    call_command("seed_planning", stdout=io.StringIO())
    return world


def _labels(node, depth=0):
    yield depth, node.kind, node.label
    for child in node.children:
        yield from _labels(child, depth + 1)


@pytest.mark.django_db
def test_tree_runs_from_goal_through_pk_and_jpt_rhk_down_to_staff(seeded):
    report = cascade(user_of(seeded.bkpsdm_admin), year=year(), agency=seeded.health)
    goal = next(n for n in report.roots if n.kind == "goal" and n.children)
    kinds = [(depth, kind) for depth, kind, _ in _labels(goal)]
    assert kinds == [(0, "goal"), (1, "target"), (2, "rhk"), (3, "rhk"), (4, "rhk"), (5, "rhk")]
    leaf = [label for _, _, label in _labels(goal)][-1]
    assert "Rahmat Pelaksana" in leaf


@pytest.mark.django_db
def test_filter_by_agency_leaves_other_agencies_out(seeded):
    report = cascade(user_of(seeded.bkpsdm_admin), year=year(), agency=seeded.it_agency)
    assert report.rhk_count == 0
    assert all(not n.children for n in report.roots if n.kind == "goal")


@pytest.mark.django_db
def test_coverage_lists_unsupported_unlinked_and_targetless(seeded):
    world = seeded
    staff_skp = Skp.objects.get(employee=world.staff)
    actor = user_of(world.staff)
    loose = services.add_rhk(
        actor=actor, skp=staff_skp, expected_version=staff_skp.version, group="utama",
        text="Terlaksananya tugas lain",
    )  # fmt: skip
    # An indicator without a target (e.g. copied from an old plan; the form refuses to make one).
    Indicator.objects.create(rhk=loose, text="Tanpa target")
    # The kepala bidang's second RHK is supported by nobody.
    bidang_skp = Skp.objects.get(employee=world.bidang_head)
    lonely = Rhk.objects.create(
        skp=bidang_skp,
        group="utama",
        text="RHK tanpa dukungan",
        parent=Rhk.objects.get(skp__employee=world.health_head),
        order=9,
    )
    report = cascade(user_of(world.bkpsdm_admin), year=year(), agency=world.health)
    assert [r.text for r in report.unsupported] == ["RHK tanpa dukungan"]
    assert lonely in report.unsupported
    assert [r.text for r in report.unlinked] == ["Terlaksananya tugas lain"]
    assert [i.text for i in report.indicators_without_target] == ["Tanpa target"]


@pytest.mark.django_db
def test_drafts_stay_out_of_the_tree_for_someone_who_may_not_see_them(seeded):
    report = cascade(user_of(seeded.bidang_head), year=year(), agency=seeded.health)
    labels = [label for n in report.roots for _, _, label in _labels(n)]
    assert not any("Rahmat Pelaksana" in label for label in labels)
    assert any("Nurul Kasi" in label for label in labels)


def _count(user, agency) -> int:
    with CaptureQueriesContext(connection) as ctx:
        cascade(user, year=year(), agency=agency)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rhks(seeded):
    admin = user_of(seeded.bkpsdm_admin)
    before = _count(admin, seeded.health)
    seksi_rhk = Rhk.objects.get(skp__employee=seeded.seksi_head)
    staff_skp = Skp.objects.get(employee=seeded.staff)
    for n in range(15):
        rhk = Rhk.objects.create(
            skp=staff_skp, group="utama", text=f"RHK {n}", parent=seksi_rhk, order=10 + n
        )
        rhk.indicators.create(text=f"Indikator {n}", target_min=Decimal(n))
    admin = user_of(seeded.bkpsdm_admin)
    assert _count(admin, seeded.health) == before


@pytest.mark.django_db
def test_cascade_page_renders_the_tree_and_coverage(seeded, login, django_assert_max_num_queries):
    client = login(seeded.bkpsdm_admin)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("planning:cascade") + f"?unit={seeded.health.pk}")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Indeks kepuasan layanan kesehatan" in body
    assert "RHK atasan yang belum didukung bawahan" in body
    assert client.get(reverse("planning:cascade") + "?unit=999999").status_code == 404
