"""Panduan pages, the panduan_link tag and the dismissible first-login tour."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from kinerja.communication.guide import GUIDE_PAGES
from kinerja.communication.models import TourState


@pytest.mark.django_db
def test_guide_index_lists_every_page(world, login):
    html = login(world.staff).get(reverse("communication:guide")).content.decode()
    for page in GUIDE_PAGES:
        assert reverse("communication:guide_page", args=[page.slug]) in html


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [p.slug for p in GUIDE_PAGES])
def test_every_guide_page_renders(world, login, slug):
    assert (
        login(world.staff).get(reverse("communication:guide_page", args=[slug])).status_code == 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "phrases"),
    [
        ("skp", ["akhir Januari", "Intervensi RHK atasan", "BerAKHLAK"]),
        ("penilaian", ["Sangat Baik", "Kurang/Misconduct", "Butuh Perbaikan", "Sangat Kurang"]),
        ("kurva-distribusi", ["SE MenPANRB Nomor 3 Tahun 2023", "Paling banyak 70% Sangat Baik"]),
        ("keberatan", ["14 hari", "atasan pejabat penilai", "final"]),
        ("pengembangan", ["20 JP", "paling banyak 24 JP"]),
    ],
)
def test_guide_pages_state_the_rules(world, login, slug, phrases):
    html = login(world.staff).get(reverse("communication:guide_page", args=[slug])).content.decode()
    for phrase in phrases:
        assert phrase in html


@pytest.mark.django_db
def test_predicate_matrix_in_guide_matches_the_regulation(world, login):
    html = (
        login(world.staff)
        .get(reverse("communication:guide_page", args=["penilaian"]))
        .content.decode()
    )
    rows = [
        '<th scope="row">Di Atas Ekspektasi</th><td>Butuh Perbaikan</td><td>Baik</td><td><strong>Sangat Baik</strong></td>',
        '<th scope="row">Sesuai Ekspektasi</th><td>Butuh Perbaikan</td><td>Baik</td><td>Baik</td>',
        '<th scope="row">Di Bawah Ekspektasi</th><td><strong>Sangat Kurang</strong></td><td>Kurang/Misconduct</td><td>Kurang/Misconduct</td>',
    ]
    for row in rows:
        assert row in html


@pytest.mark.django_db
def test_unknown_guide_page_is_404(world, login):
    assert login(world.staff).get("/komunikasi/panduan/tidak-ada/").status_code == 404


def test_panduan_link_tag_points_at_the_step():
    html = Template('{% load communication %}{% panduan_link "keberatan" %}').render(Context())
    assert 'href="/komunikasi/panduan/keberatan/"' in html
    assert "Panduan: Keberatan atas hasil penilaian" in html


def test_panduan_link_with_unknown_slug_falls_back_to_the_index():
    html = Template('{% load communication %}{% panduan_link "nope" %}').render(Context())
    assert 'href="/komunikasi/panduan/"' in html


def _render_tour(user):
    request = RequestFactory().get("/")
    request.user = user
    return Template('{% include "communication/_tour.html" %}').render(
        Context({"request": request, "csrf_token": "t"})
    )


@pytest.mark.django_db
def test_tour_card_shows_until_dismissed(world, login):
    user = world.user(world.staff)
    assert "Selamat datang di Kinerja Abdya" in _render_tour(user)
    response = login(world.staff).post(
        reverse("communication:tour_dismiss"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert TourState.objects.filter(user=user).exists()
    assert "Selamat datang" not in _render_tour(user)


@pytest.mark.django_db
def test_dismissing_twice_is_harmless(world, login):
    client = login(world.staff)
    client.post(reverse("communication:tour_dismiss"))
    assert client.post(reverse("communication:tour_dismiss")).status_code == 302
    assert TourState.objects.count() == 1
