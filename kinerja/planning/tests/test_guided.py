"""Guided writing: example RHKs for the position, and copying last year's SKP."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.planning import guided, services
from kinerja.planning.models import RhkExample, Skp

from .helpers import fresh, user_of, year


@pytest.mark.parametrize(
    ("pattern", "name", "kind", "matches"),
    [("pranata komputer", "Pranata Komputer Ahli Pertama", "functional_expert", True),
     ("perawat", "Perawat Ahli Pertama", "functional_expert", True),
     ("pelaksana", "Pengadministrasi Umum", "pelaksana", True),
     ("guru", "Perawat Ahli Pertama", "functional_expert", False),
     ("pengawas", "Kepala Seksi Pelayanan", "pengawas", True)],
)  # fmt: skip
def test_example_matches_position_name_or_kind(pattern, name, kind, matches):
    assert RhkExample(pattern=pattern, rhk_text="x").matches(name, kind) is matches


@pytest.mark.django_db
def test_examples_for_the_position_show_next_to_the_rhk_form(world, login):
    RhkExample.objects.create(pattern="perawat", rhk_text="Terlaksananya asuhan keperawatan")
    RhkExample.objects.create(pattern="guru", rhk_text="Terlaksananya pembelajaran")
    skp = services.create_skp(actor=user_of(world.nurse), employee=world.nurse, year=year())
    body = login(world.nurse).get(reverse("planning:skp_detail", args=[skp.pk])).content.decode()
    assert "Contoh RHK untuk jabatan Anda" in body
    assert "Terlaksananya asuhan keperawatan" in body
    assert "Terlaksananya pembelajaran" not in body


def _last_year_skp(employee):
    actor = user_of(employee)
    previous = year() - 1
    skp = services.create_skp(
        actor=actor,
        employee=employee,
        year=previous,
        period_start=dt.date(previous, 1, 1),
        period_end=dt.date(previous, 12, 31),
    )
    rhk = services.add_rhk(
        actor=actor, skp=skp, expected_version=skp.version, group="utama",
        text="Tersusunnya laporan administrasi",
    )  # fmt: skip
    services.add_indicator(
        actor=actor, rhk=rhk, expected_version=fresh(skp).version, aspect="quantity",
        text="Jumlah laporan", target_min=Decimal("12"), target_unit="laporan",
    )  # fmt: skip
    services.add_rhk(
        actor=actor, skp=fresh(skp), expected_version=fresh(skp).version, group="tambahan",
        text="Menjadi panitia kegiatan",
    )  # fmt: skip
    return skp


@pytest.mark.django_db
def test_copy_brings_last_years_rhks_and_indicators_into_the_draft(world):
    _last_year_skp(world.staff)
    actor = user_of(world.staff)
    skp = services.create_skp(actor=actor, employee=world.staff, year=year())
    copies = guided.copy_from_previous_year(actor=actor, skp=skp, expected_version=skp.version)
    assert [(r.group, r.text, r.parent_id) for r in copies] == [
        ("utama", "Tersusunnya laporan administrasi", None),
        ("tambahan", "Menjadi panitia kegiatan", None),
    ]
    indicator = copies[0].indicators.get()
    assert indicator.target_display == "12 laporan"
    assert fresh(skp).version > skp.version
    assert AuditEvent.objects.filter(action="planning.skp_copied_from_previous").exists()


@pytest.mark.django_db
def test_copy_without_a_previous_skp_says_so(world):
    actor = user_of(world.staff)
    skp = services.create_skp(actor=actor, employee=world.staff, year=year())
    with pytest.raises(ValidationError, match="Tidak ada SKP tahun sebelumnya"):
        guided.copy_from_previous_year(actor=actor, skp=skp, expected_version=skp.version)


@pytest.mark.django_db
def test_only_the_owner_may_copy(world):
    _last_year_skp(world.staff)
    skp = services.create_skp(actor=user_of(world.staff), employee=world.staff, year=year())
    with pytest.raises(PermissionDenied):
        guided.copy_from_previous_year(
            actor=user_of(world.seksi_head), skp=skp, expected_version=skp.version
        )


@pytest.mark.django_db
def test_copy_button_on_the_page_copies(world, login):
    _last_year_skp(world.staff)
    skp = services.create_skp(actor=user_of(world.staff), employee=world.staff, year=year())
    client = login(world.staff)
    page = client.get(reverse("planning:skp_detail", args=[skp.pk])).content.decode()
    assert f"Salin dari SKP tahun lalu ({year() - 1})" in page
    response = client.post(
        reverse("planning:copy_previous", args=[skp.pk]), {"version": fresh(skp).version}
    )
    assert response.status_code == 302
    assert Skp.objects.get(pk=skp.pk).rhks.count() == 2
    stale = client.post(reverse("planning:copy_previous", args=[skp.pk]), {"version": 1})
    assert stale.status_code == 302
    assert Skp.objects.get(pk=skp.pk).rhks.count() == 2


@pytest.mark.django_db
def test_someone_who_cannot_see_the_draft_gets_404(world, login):
    skp = services.create_skp(actor=user_of(world.staff), employee=world.staff, year=year())
    response = login(world.it_staff).post(reverse("planning:copy_previous", args=[skp.pk]))
    assert response.status_code == 404
