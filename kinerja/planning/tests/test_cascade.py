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
from kinerja.planning.cascade import (
    COVER_NO_TARGET,
    COVER_UNLINKED,
    COVER_UNSUPPORTED,
    coverage_counts,
    coverage_list,
    node_children,
    overview,
)
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


def _label(rhk) -> str:
    return f"{rhk.text} — {rhk.skp.employee_name} ({rhk.skp.position_name})"


def _walk(user, agency, kind, pk, depth=0):
    """Open every node below one node, as a reader clicking through the tree would."""
    for rhk in node_children(user, kind=kind, pk=pk, year=year(), agency=agency):
        yield depth, _label(rhk)
        if rhk.support_count:
            yield from _walk(user, agency, "rhk", rhk.pk, depth + 1)


def _everything(user, agency):
    report = overview(user, year=year(), agency=agency)
    for goal in report.goals:
        for t in goal.targets:
            yield from _walk(user, agency, "target", t.target.pk)
    yield from _walk(user, agency, "lepas", None)


@pytest.mark.django_db
def test_tree_runs_from_goal_through_pk_and_jpt_rhk_down_to_staff(seeded):
    admin = user_of(seeded.bkpsdm_admin)
    report = overview(admin, year=year(), agency=seeded.health)
    goal = next(g for g in report.goals if g.goal and any(t.rhk_count for t in g.targets))
    target = next(t for t in goal.targets if t.rhk_count)
    assert target.rhk_count == 1  # the head's JPT RHK hangs under the PK row
    chain = list(_walk(admin, seeded.health, "target", target.target.pk))
    assert [depth for depth, _ in chain] == [0, 1, 2, 3]
    assert "Rahmat Pelaksana" in chain[-1][1]


@pytest.mark.django_db
def test_each_node_counts_its_supporting_rhks(seeded):
    admin = user_of(seeded.bkpsdm_admin)
    head_rhk = Rhk.objects.get(skp__employee=seeded.health_head)
    bidang_skp = Skp.objects.get(employee=seeded.bidang_head)
    Rhk.objects.create(skp=bidang_skp, group="utama", text="Dukungan kedua", parent=head_rhk)
    children = list(node_children(admin, kind="rhk", pk=head_rhk.pk, year=year()))
    assert {r.text for r in children} >= {"Dukungan kedua"}
    target_nodes = node_children(admin, kind="target", pk=head_rhk.agreement_target_id, year=year())
    assert [r.support_count for r in target_nodes] == [len(children)] == [2]


@pytest.mark.django_db
def test_filter_by_agency_leaves_other_agencies_out(seeded):
    report = overview(user_of(seeded.bkpsdm_admin), year=year(), agency=seeded.it_agency)
    assert report.rhk_count == 0
    assert all(not t.rhk_count for g in report.goals for t in g.targets)
    assert report.loose_count == 0


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
    Indicator.objects.create(rhk=loose, text="Target teks kosong", target_text="   ")
    Indicator.objects.create(rhk=loose, text="Target kualitatif", target_text="Baik")
    # The kepala bidang's second RHK is supported by nobody.
    bidang_skp = Skp.objects.get(employee=world.bidang_head)
    lonely = Rhk.objects.create(
        skp=bidang_skp,
        group="utama",
        text="RHK tanpa dukungan",
        parent=Rhk.objects.get(skp__employee=world.health_head),
        order=9,
    )
    admin = user_of(world.bkpsdm_admin)
    counts = coverage_counts(admin, year=year(), agency=world.health)
    assert (counts.unsupported, counts.unlinked, counts.indicators_without_target) == (1, 1, 2)

    def listed(kind):
        return list(coverage_list(admin, kind=kind, year=year(), agency=world.health))

    assert listed(COVER_UNSUPPORTED) == [lonely]
    assert [r.text for r in listed(COVER_UNLINKED)] == ["Terlaksananya tugas lain"]
    assert [i.text for i in listed(COVER_NO_TARGET)] == ["Tanpa target", "Target teks kosong"]
    # An RHK that is not linked shows in the tree too, in the "not linked" group.
    assert any("Terlaksananya tugas lain" in label for _, label in _walk(
        admin, world.health, "lepas", None
    ))  # fmt: skip


@pytest.mark.django_db
def test_drafts_stay_out_of_the_tree_for_someone_who_may_not_see_them(seeded):
    labels = [label for _, label in _everything(user_of(seeded.bidang_head), seeded.health)]
    assert not any("Rahmat Pelaksana" in label for label in labels)
    assert any("Nurul Kasi" in label for label in labels)


@pytest.mark.django_db
def test_a_node_out_of_scope_does_not_open(seeded, login):
    draft_rhk = Rhk.objects.get(skp__employee=seeded.staff)
    with pytest.raises(Rhk.DoesNotExist):
        node_children(user_of(seeded.bidang_head), kind="rhk", pk=draft_rhk.pk, year=year())
    client = login(seeded.bidang_head)
    url = reverse("planning:cascade_node") + f"?jenis=rhk&id={draft_rhk.pk}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("planning:cascade_node") + "?jenis=apa").status_code == 404
    assert client.get(reverse("planning:cascade_node") + "?jenis=rhk&id=x").status_code == 404


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _grow(seeded, n=15):
    seksi_rhk = Rhk.objects.get(skp__employee=seeded.seksi_head)
    staff_skp = Skp.objects.get(employee=seeded.staff)
    for i in range(n):
        rhk = Rhk.objects.create(
            skp=staff_skp, group="utama", text=f"RHK {i}", parent=seksi_rhk, order=10 + i
        )
        rhk.indicators.create(text=f"Indikator {i}", target_min=Decimal(i))
        rhk.indicators.create(text=f"Indikator kosong {i}")
    return seksi_rhk


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rhks(seeded):
    seksi_rhk = Rhk.objects.get(skp__employee=seeded.seksi_head)

    def page_and_node():
        admin = user_of(seeded.bkpsdm_admin)
        overview(admin, year=year(), agency=seeded.health)
        list(node_children(admin, kind="rhk", pk=seksi_rhk.pk, year=year(), agency=seeded.health))

    before = _count(page_and_node)
    _grow(seeded)
    assert _count(page_and_node) == before


@pytest.mark.django_db
def test_cascade_page_shows_the_top_and_opens_nodes_on_demand(seeded, login):
    client = login(seeded.bkpsdm_admin)
    url = reverse("planning:cascade") + f"?unit={seeded.health.pk}"
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Indeks kepuasan layanan kesehatan" in body
    assert "RHK atasan yang belum didukung bawahan" in body
    assert "Rahmat Pelaksana" not in body  # deeper levels are not rendered up front
    assert 'hx-trigger="toggle once"' in body and "jenis=target" in body
    seksi_rhk = _grow(seeded, 3)
    assert _count(lambda: client.get(url)) == len(ctx.captured_queries)
    assert client.get(reverse("planning:cascade") + "?unit=999999").status_code == 404

    node = (
        reverse("planning:cascade_node") + f"?jenis=rhk&id={seksi_rhk.pk}&unit={seeded.health.pk}"
    )
    fragment = client.get(node, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "Rahmat Pelaksana" in fragment and "RHK 2" in fragment
    # Without JavaScript the same link is a page of its own, with the way back to the tree.
    page = client.get(node).content.decode()
    assert "<html" in page and "Rahmat Pelaksana" in page and "Kembali ke pohon" in page


@pytest.mark.django_db
def test_node_children_come_fifty_at_a_time(seeded, login):
    seksi_rhk = _grow(seeded, 52)
    client = login(seeded.bkpsdm_admin)
    node = reverse("planning:cascade_node") + f"?jenis=rhk&id={seksi_rhk.pk}"
    first = client.get(node, headers={"HX-Request": "true"}).content.decode()
    assert first.count('class="mb-1"') == 50
    assert "Tampilkan berikutnya" in first and "page=2" in first
    second = client.get(node + "&page=2", headers={"HX-Request": "true"}).content.decode()
    assert second.count('class="mb-1"') == 3 and "Tampilkan berikutnya" not in second


@pytest.mark.django_db
def test_coverage_page_lists_names_a_page_at_a_time(seeded, login):
    staff_skp = Skp.objects.get(employee=seeded.staff)
    for i in range(55):
        Rhk.objects.create(skp=staff_skp, group="utama", text=f"Lepas {i:02d}", order=20 + i)
    client = login(seeded.bkpsdm_admin)
    url = reverse("planning:cascade_coverage") + f"?jenis=tidak-terkait&unit={seeded.health.pk}"
    body = client.get(url).content.decode()
    assert "RHK Utama yang tidak terkait apa pun (55)" in body
    assert "Lepas 00" in body and "Lepas 54" not in body and "Halaman 1 dari 2" in body
    assert "Lepas 54" in client.get(url + "&page=2").content.decode()
    assert client.get(reverse("planning:cascade_coverage") + "?jenis=x").status_code == 404
