"""JP attainment per agency: one row per agency, the names below 20 JP per agency on demand
(50 per page, searchable, htmx partials with a plain-link fallback), charts cached on their data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.development import services
from kinerja.development.selectors import agency_attainment, attainment_chart_svg
from tests.world import make_employee

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _names_url(world, **extra):
    query = "&".join(f"{k}={v}" for k, v in extra.items())
    return f"{reverse('development:attainment')}?pd={world.health.pk}&{query}"


def test_the_table_counts_and_the_names_come_per_agency(world, login):
    client = login(world.bkpsdm_admin)
    html = client.get(reverse("development:attainment")).content.decode()
    assert 'data-testid="agency-row"' in html
    assert "Rata-rata JP PNS" in html
    assert world.staff.full_name not in html  # names are not dumped on the page
    assert f"pd={world.health.pk}" in html  # the drill-down link (plain href and hx-get)
    html = client.get(_names_url(world)).content.decode()
    assert "PNS di bawah 20 JP — Dinas Kesehatan" in html
    assert world.staff.full_name in html
    assert world.nurse.full_name not in html  # a PPPK is never below target


def test_the_names_are_paged_by_fifty_and_searchable(world, login):
    for i in range(55):
        make_employee(world.health_seksi, None, f"Pegawai Kurang {i:02d}", with_login=False)
    client = login(world.bkpsdm_admin)
    first = client.get(_names_url(world)).content.decode()
    assert first.count('data-testid="below-row"') == 50
    assert "Halaman 1 dari 2" in first
    second = client.get(_names_url(world, page=2)).content.decode()
    assert second.count('data-testid="below-row"') > 0
    found = client.get(_names_url(world, q="Kurang 07")).content.decode()
    assert found.count('data-testid="below-row"') == 1


def test_htmx_gets_only_the_list_or_the_section(world, login):
    client = login(world.bkpsdm_admin)
    section = client.get(
        _names_url(world), headers={"HX-Request": "true", "HX-Target": "di-bawah"}
    ).content.decode()
    assert "<html" not in section
    assert 'id="di-bawah-daftar"' in section
    listing = client.get(
        _names_url(world, q="Rahmat"),
        headers={"HX-Request": "true", "HX-Target": "di-bawah-daftar"},
    ).content.decode()
    assert "<html" not in listing
    assert 'id="cari-pns"' not in listing
    assert world.staff.full_name in listing


def test_an_opd_admin_cannot_list_another_agency(world, login):
    client = login(world.health_admin)
    assert client.get(_names_url(world)).status_code == 200
    url = f"{reverse('development:attainment')}?pd={world.it_agency.pk}"
    assert client.get(url).status_code == 404


def test_new_jp_shows_in_the_table_and_the_cached_chart(world, login):
    admin = world.user(world.bkpsdm_admin)
    before = agency_attainment(admin, 2026)
    chart_before = attainment_chart_svg(before)
    report = services.report_external_activity(
        actor=world.user(world.staff),
        form="workshop",
        title="Lokakarya Data",
        organiser="BPS",
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2026, 4, 4),
        certificate=pdf(),
    )
    services.verify_report(actor=world.user(world.seksi_head), report=report, note="")
    after = agency_attainment(admin, 2026)
    health = {a.name: a for a in after}["Dinas Kesehatan"]
    assert health.pns_average > 0
    assert health.pns_met == 1
    assert attainment_chart_svg(after) != chart_before
