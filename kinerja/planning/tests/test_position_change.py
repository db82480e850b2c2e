"""An SKP per part of the year: after a move, the employee opens a new SKP from "SKP Saya"; the
old one closes the day before and keeps the position, unit and assessor it had."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.core import clock
from kinerja.organisations import services as org
from kinerja.organisations.models import Position
from kinerja.planning.models import Skp

from .helpers import skp_with_rhk, year

pytestmark = pytest.mark.django_db


def _move_staff_to_the_puskesmas(world, start: dt.date):
    position = org.create_position(
        actor=None, unit=world.puskesmas, name="Pengelola Data Puskesmas", kind="pelaksana"
    )
    org.assign_position(actor=None, employee=world.staff, position=position, start_date=start)
    world.staff.refresh_from_db()
    return position


def test_after_a_move_my_skp_offers_a_new_skp_and_the_old_one_keeps_its_snapshot(world, login):
    old, _ = skp_with_rhk(world.staff)
    client = login(world.staff)
    assert "Jabatan Anda berubah" not in client.get(reverse("planning:my_skp")).content.decode()

    start = max(clock.today(), dt.date(year(), 1, 2))
    _move_staff_to_the_puskesmas(world, start)
    page = client.get(reverse("planning:my_skp")).content.decode()
    assert "Jabatan Anda berubah" in page and "Pengelola Data Puskesmas" in page
    assert start.isoformat() in page  # suggested: the day the new assignment started

    response = client.post(
        reverse("planning:my_skp"),
        {"year": year(), "approach": "quantitative", "period_start": start.isoformat()},
    )
    new = Skp.objects.get(employee=world.staff, is_closed=False)
    assert response.status_code == 302 and response["Location"].endswith(f"/skp/{new.pk}/")
    old.refresh_from_db()
    assert old.is_closed and old.period_end == start - dt.timedelta(days=1)
    assert old.position_name == "Pengadministrasi Umum" and old.assessor == world.seksi_head
    assert new.position_name == "Pengelola Data Puskesmas" and new.period_start == start
    assert new.unit == world.puskesmas and new.assessor != world.seksi_head
    assert "Jabatan Anda berubah" not in client.get(reverse("planning:my_skp")).content.decode()


def test_a_new_skp_cannot_start_on_or_before_the_open_one(world, login):
    skp_with_rhk(world.staff)
    _move_staff_to_the_puskesmas(world, max(clock.today(), dt.date(year(), 1, 2)))
    response = login(world.staff).post(
        reverse("planning:my_skp"),
        {"year": year(), "approach": "quantitative", "period_start": f"{year()}-01-01"},
    )
    assert response.status_code == 200
    assert "Sudah ada SKP terbuka" in response.content.decode()
    assert Skp.objects.filter(employee=world.staff).count() == 1
    assert Position.objects.filter(name="Pengelola Data Puskesmas").exists()
