"""SKP pages: who sees what (404), who may act (403), stale edits, the review queue."""

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.organisations import services as org
from kinerja.organisations.models import Position
from kinerja.planning import services
from kinerja.planning.models import Rhk, Skp
from tests.world import make_employee

from .helpers import approved_chain, fresh, skp_with_rhk, user_of, year

pytestmark = pytest.mark.django_db


def detail(skp):
    return reverse("planning:skp_detail", args=[skp.pk])


def action(skp, name):
    return reverse("planning:skp_action", args=[skp.pk, name])


def test_employee_creates_this_years_skp_from_my_skp(world, login):
    client = login(world.staff)
    assert client.get(reverse("planning:my_skp")).status_code == 200
    response = client.post(reverse("planning:my_skp"), {"year": year(), "approach": "quantitative"})
    skp = Skp.objects.get(employee=world.staff)
    assert response.status_code == 302 and response.url == detail(skp)
    page = client.get(detail(skp)).content.decode()
    assert "RHK pimpinan yang diintervensi" in page and "Nurul Kasi" in page


def test_jpt_skp_page_shows_the_jpt_columns(world, login):
    skp = services.create_skp(actor=None, employee=world.health_head, year=year())
    page = login(world.health_head).get(detail(skp)).content.decode()
    assert "Perspektif" in page and "RHK pimpinan yang diintervensi" not in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),  # owner
        ("seksi_head", 200),  # assessor of record
        ("health_admin", 200),  # the agency's admin
        ("bkpsdm_admin", 200),  # regency-wide
        ("bidang_head", 404),  # sees the unit, but not a draft
        ("health_head", 404),
        ("nurse", 404),  # colleague elsewhere
        ("it_staff", 404),  # outsider
    ],
)
def test_nobody_else_sees_a_draft(world, login, persona, status):
    skp = services.create_skp(actor=None, employee=world.staff, year=year())
    assert login(getattr(world, persona)).get(detail(skp)).status_code == status


def test_a_submitted_skp_is_visible_up_the_line_but_not_to_outsiders(world, login):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    assert login(world.bidang_head).get(detail(skp)).status_code == 200
    assert login(world.it_staff).get(detail(skp)).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status_code", "approved"),
    [
        ("seksi_head", 302, True),
        ("bidang_head", 403, False),  # sees it, may not approve
        ("health_head", 403, False),
        ("it_head", 404, False),  # does not even see it
    ],
)
def test_only_the_assessor_of_record_approves_others_403_outsiders_404(
    world, login, persona, status_code, approved
):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    response = login(getattr(world, persona)).post(action(skp, "approve"))
    assert response.status_code == status_code
    assert (fresh(skp).status == "approved") is approved


def test_plt_in_the_assessor_post_approves_through_the_page(world, login):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    plt = make_employee(world.health_bidang, None, "Plt Kasi")
    org.assign_position(
        actor=None,
        employee=plt,
        position=Position.objects.get(unit=world.health_seksi, is_head=True),
        start_date=dt.date(2025, 1, 1),
        acting="plt",
    )
    response = login(plt).post(action(skp, "approve"))
    assert response.status_code == 302 and fresh(skp).status == "approved"


def test_return_needs_a_note_and_shows_it_to_the_owner(world, login):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.submit_skp(actor=user_of(world.staff), skp=skp)
    client = login(world.seksi_head)
    client.post(action(skp, "return"), {"reason": ""})
    assert fresh(skp).status == "submitted"
    client.post(action(skp, "return"), {"reason": "Indikator kualitas belum ada"})
    assert fresh(skp).status == "returned"
    page = login(world.staff).get(detail(skp)).content.decode()
    assert "Indikator kualitas belum ada" in page


def test_a_stale_edit_through_the_page_is_refused_and_shows_the_current_plan(world, login):
    skp, rhk = skp_with_rhk(world.staff)
    client = login(world.staff)
    url = reverse("planning:rhk_edit", args=[rhk.pk])
    form = {"version": skp.version, "group": "utama", "text": "Versi tab pertama"}
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "text": "Versi tab kedua"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Rencana telah berubah" in page
    assert "Versi tab pertama" in page and "Versi tab kedua" in page
    assert Rhk.objects.get(pk=rhk.pk).text == "Versi tab pertama"


def test_link_rule_blocks_submission_through_the_page(world, login):
    skp, _ = skp_with_rhk(world.staff)
    client = login(world.staff)
    response = client.post(action(skp, "submit"), follow=True)
    assert "belum dikaitkan" in response.content.decode()
    assert fresh(skp).status == "draft"


def _team(world, size, boss_rhk):
    position = Position.objects.get(
        unit=world.health_seksi, is_head=False, name="Pengadministrasi Umum"
    )
    for n in range(size):
        member = make_employee(world.health_seksi, position, f"Anggota {n}", with_login=True)
        skp, _ = skp_with_rhk(member, parent=boss_rhk, text=f"RHK khusus anggota {n}")
        services.submit_skp(actor=user_of(member), skp=skp)


def test_review_queue_query_count_does_not_grow_with_the_team(
    world, login, django_assert_max_num_queries
):
    _, boss_rhk = approved_chain(world)
    _team(world, 2, boss_rhk)
    client = login(world.seksi_head)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("planning:review_queue")).status_code == 200
    _team(world, 6, boss_rhk)
    client = login(world.seksi_head)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("planning:review_queue"))
    assert response.content.decode().count("Periksa</a>") == 8


def test_review_queue_flags_and_bulk_approves_only_clean_skps(world, login):
    _, boss_rhk = approved_chain(world)
    _team(world, 2, boss_rhk)
    # a third submits an SKP whose RHK copies a colleague's text word for word
    position = Position.objects.get(unit=world.health_seksi, name="Pengadministrasi Umum")
    copier = make_employee(world.health_seksi, position, "Penyalin")
    skp, _ = skp_with_rhk(copier, parent=boss_rhk, text="RHK khusus anggota 0")
    services.submit_skp(actor=user_of(copier), skp=skp)
    client = login(world.seksi_head)
    page = client.get(reverse("planning:review_queue")).content.decode()
    assert "sama persis" in page
    ids = list(Skp.objects.filter(status="submitted").values_list("pk", flat=True))
    client.post(reverse("planning:review_queue"), {"skp": ids})
    statuses = dict(Skp.objects.filter(pk__in=ids).values_list("employee__name", "status"))
    assert statuses == {"Anggota 0": "submitted", "Anggota 1": "approved", "Penyalin": "submitted"}


def test_review_queue_is_empty_for_someone_else(world, login):
    _, boss_rhk = approved_chain(world)
    _team(world, 1, boss_rhk)
    page = login(world.it_head).get(reverse("planning:review_queue")).content.decode()
    assert "Tidak ada SKP" in page


def test_distribute_page_hands_an_rhk_to_a_subordinate(world, login):
    _, boss_rhk = skp_with_rhk(world.seksi_head)
    client = login(world.seksi_head)
    url = reverse("planning:distribute", args=[boss_rhk.pk])
    page = client.get(url).content.decode()
    assert "Rahmat Pelaksana" in page
    response = client.post(url, {f"mode_{world.staff.pk}": "direct"})
    assert response.status_code == 302
    child = Rhk.objects.get(skp__employee=world.staff)
    assert child.parent == boss_rhk and child.text == boss_rhk.text


def test_menu_shows_my_skp_and_the_queue_to_assessors(world, login):
    page = login(world.seksi_head).get(reverse("planning:my_skp")).content.decode()
    assert "SKP Saya" in page and "Persetujuan SKP" in page
    page = login(world.staff).get(reverse("planning:my_skp")).content.decode()
    assert "Persetujuan SKP" not in page
