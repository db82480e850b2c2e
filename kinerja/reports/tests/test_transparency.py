"""The public transparency page and its API: no login, no personal data, small groups hidden."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.planning.models import Skp
from kinerja.reports.selectors.transparency import forget_public_figures, public_figures

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _agency(figures, unit):
    return next(a for a in figures["agencies"] if a["id"] == unit.pk)


def test_anyone_reads_the_public_page_without_logging_in(data):
    response = Client().get(reverse("reports:transparency"), {"tahun": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Transparansi Kinerja ASN" in html and "Dinas Kesehatan" in html
    assert "Data per 20 Januari 2027" in html
    assert "public" in response["Cache-Control"]


def test_the_public_page_holds_no_name_and_no_nip(data):
    html = Client().get(reverse("reports:transparency"), {"tahun": YEAR}).content.decode()
    w = data.world
    for person in (w.staff, w.nurse, w.it_staff, w.health_head, *data.extra):
        assert person.full_name not in html
        assert person.nip not in html


def test_figures_about_fewer_than_five_people_are_suppressed_not_rounded(data):
    w = data.world
    figures = public_figures(YEAR)
    it = _agency(figures, w.it_agency)  # two people
    assert it["employees"] is None
    assert it["skp_approved_pct"] is None and it["jp_pct"] is None
    assert all(p["count"] is None for p in it["predicates"])
    health = _agency(figures, w.health)  # nine people, seven evaluated
    assert health["employees"] == 9
    assert health["skp_approved_pct"] == pytest.approx(100 * 7 / 9, abs=0.05)
    # Seven evaluated: one Sangat Baik, five Baik, one Butuh Perbaikan. Shown with the zeros,
    # the two hidden cells would sum to two and each be one; shown beside the regency's "Baik"
    # (six), the Baik of Diskominfo (one person, hidden) would be six minus five. Every cell goes.
    counts = {p["predicate"]: p["count"] for p in health["predicates"]}
    assert counts == dict.fromkeys(["very_good", "good", "needs_improvement", "poor", "very_poor"])
    regency = {p["predicate"]: p["count"] for p in figures["regency"]["predicates"]}
    assert regency == {
        "very_good": None,
        "good": 6,
        "needs_improvement": None,
        "poor": None,  # beside hidden cells a zero is hidden too
        "very_poor": None,
    }
    # Diskominfo's one approved SKP (its rate hidden) would be the regency's eight rated minus
    # these seven: the next smallest agency's rate goes too.
    assert health["evaluation_pct"] is None


def test_the_page_shows_the_dash_with_its_explanation(data):
    html = Client().get(reverse("reports:transparency"), {"tahun": YEAR}).content.decode()
    row = html.split("Dinas Komunikasi, Informatika dan Persandian")[-1].split("</tr>")[0]
    assert "—" in row and "kelompok kurang dari 5 orang" in row
    assert "kurang dari 5 orang tidak ditampilkan" in html


def test_the_api_answers_anonymous_callers_with_the_same_suppression(data):
    response = Client().get("/api/v1/transparansi", {"tahun": YEAR})
    assert response.status_code == 200
    body = response.json()
    assert body == public_figures(YEAR)
    assert _agency(body, data.world.it_agency)["employees"] is None
    assert data.world.staff.full_name not in response.content.decode()


def test_a_year_without_skps_says_so_instead_of_zero(data):
    figures = public_figures(YEAR)
    assert figures["has_data"] is True
    assert [h["has_data"] for h in figures["history"]] == [True, False, False]
    html = Client().get(reverse("reports:transparency"), {"tahun": YEAR}).content.decode()
    assert "Belum ada data SKP tahun ini." in html


def test_the_api_refuses_a_bad_year_in_indonesian(data):
    response = Client().get("/api/v1/transparansi", {"tahun": "abc"})
    assert response.status_code == 422
    assert response.json()["detail"] == "Data tidak valid."


def test_the_figures_are_cached_and_the_data_date_says_when(data, django_assert_num_queries):
    client = Client()
    client.get(reverse("reports:transparency"), {"tahun": YEAR})
    first = public_figures(YEAR)["data_as_of"]
    Skp.objects.filter(status="draft").update(status="approved")
    with django_assert_num_queries(0):
        response = client.get(reverse("reports:transparency"), {"tahun": YEAR})
    assert response.status_code == 200
    assert public_figures(YEAR)["data_as_of"] == first
    forget_public_figures(YEAR)
    health = _agency(public_figures(YEAR), data.world.health)
    assert health["skp_approved_pct"] == pytest.approx(100 * 8 / 9, abs=0.05)


def test_an_anonymous_visitor_reaches_no_other_report(data):
    client = Client()
    for name in ("reports:dashboard", "reports:achievement", "reports:audit_trail"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    response = client.post(reverse("reports:achievement_result"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    for url in ("/api/v1/laporan/dasbor", f"/api/v1/laporan/capaian/{data.world.health.pk}"):
        assert client.get(url).status_code == 401


def test_only_explicitly_public_operations_go_without_a_token(db):
    schema = Client().get("/api/v1/openapi.json").json()
    public = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("security")
    }
    assert ("get", "/api/v1/transparansi") in public
    # A new anonymous operation must be added here on purpose, with its own suppression test.
    assert public == {("post", "/api/v1/auth/token"), ("get", "/api/v1/transparansi")}
