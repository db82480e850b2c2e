"""The demo seed: deterministic, idempotent, with the cyber-security workshop and standards."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kinerja.development.models import Activity, Competency, PositionCompetency, TrainingEvent

pytestmark = pytest.mark.django_db


def test_seed_creates_the_dictionary_catalogue_and_events_once(world):
    call_command("seed_development", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (
        Competency.objects.count(),
        PositionCompetency.objects.count(),
        Activity.objects.count(),
        TrainingEvent.objects.count(),
    )
    call_command("seed_development", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        Competency.objects.count(),
        PositionCompetency.objects.count(),
        Activity.objects.count(),
        TrainingEvent.objects.count(),
    )
    assert Competency.objects.filter(kind="managerial").count() == 8
    assert Competency.objects.get(code="perekat-bangsa").kind == "socio_cultural"
    assert Activity.objects.get(name="Pelatihan Keamanan Siber").form == "workshop"
    standard = PositionCompetency.objects.get(
        position=world.it_staff.position, competency__code="keamanan-siber"
    )
    assert standard.required_level == 3
    assert TrainingEvent.objects.filter(start_date__year=2027).exists()


def test_seed_gives_the_it_staffer_a_cyber_security_need(world):
    from kinerja.development.models import DevelopmentNeed

    call_command("seed_development", stdout=open("/dev/null", "w"))  # noqa: SIM115
    need = DevelopmentNeed.objects.get(employee=world.it_staff, year=2026)
    assert need.competency.code == "keamanan-siber"
    assert "standar jabatan 3" in need.reason
