"""API: adoption figures per agency and for the regency, scoped like the page."""

from __future__ import annotations

import pytest
from django.test import Client

from kinerja.accounts.services import issue_token
from kinerja.adoption import selectors

from .conftest import YEAR


@pytest.fixture
def bearer(world):
    def _bearer(employee) -> dict[str, str]:
        _, key = issue_token(user=world.user(employee), name="uji")
        return {"Authorization": f"Bearer {key}"}

    return _bearer


def test_bkpsdm_reads_every_agency_and_the_regency_total(data, bearer):
    api, headers = Client(), bearer(data.world.bkpsdm_admin)
    agencies = api.get(f"/api/v1/adoption/agencies?year={YEAR}", headers=headers).json()
    expected = selectors.agency_adoption(year=YEAR)
    assert [a["agency_id"] for a in agencies] == list(expected)
    health = next(a for a in agencies if a["agency_id"] == data.world.health.pk)
    assert (health["employees"], health["never_logged_in"], health["without_skp"]) == (7, 4, 3)
    assert health["announcement_read_rate"] == pytest.approx(1 / 6)
    regency = api.get(f"/api/v1/adoption/regency?year={YEAR}", headers=headers).json()
    assert regency["agencies"] == 5
    assert regency["current_period"] == "Triwulan I 2026"
    assert regency["total"]["agency_id"] is None
    assert regency["total"]["employees"] == sum(f.employees for f in expected.values())


def test_an_opd_admin_never_sees_another_agency(data, bearer):
    api, headers = Client(), bearer(data.world.health_admin)
    agencies = api.get(f"/api/v1/adoption/agencies?year={YEAR}", headers=headers).json()
    assert [a["agency_id"] for a in agencies] == [data.world.health.pk]
    other = api.get(f"/api/v1/adoption/agencies/{data.world.it_agency.pk}", headers=headers)
    assert other.status_code == 404
    own = api.get(f"/api/v1/adoption/agencies/{data.world.health.pk}?year={YEAR}", headers=headers)
    assert own.json()["employees"] == 7
    regency = api.get(f"/api/v1/adoption/regency?year={YEAR}", headers=headers).json()
    assert regency["agencies"] == 1 and regency["total"]["employees"] == 7


def test_employees_without_an_adoption_role_are_refused(data, bearer):
    response = Client().get("/api/v1/adoption/agencies", headers=bearer(data.world.staff))
    assert response.status_code == 403
    assert "BKPSDM" in response.json()["detail"]


def test_bad_year_answers_422_and_unknown_agency_404(data, bearer):
    api, headers = Client(), bearer(data.world.bkpsdm_admin)
    response = api.get("/api/v1/adoption/agencies?year=1900", headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"]["year"] == ["Harus paling kecil 2000."]
    assert api.get("/api/v1/adoption/agencies/999999", headers=headers).status_code == 404
    assert api.get("/api/v1/adoption/agencies/0", headers=headers).status_code == 422


def test_anonymous_callers_get_401(data):
    assert Client().get("/api/v1/adoption/regency").status_code == 401
