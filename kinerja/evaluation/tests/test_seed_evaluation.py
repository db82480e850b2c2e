"""The demo schedule command sets the year's periods once."""

import pytest
from django.core.management import call_command

from kinerja.evaluation.models import EvaluationSchedule, Period

pytestmark = pytest.mark.django_db


def test_seed_evaluation_sets_quarterly_periods_once(world):
    call_command("seed_evaluation", year=2026)
    call_command("seed_evaluation", year=2026)
    assert EvaluationSchedule.objects.filter(year=2026).count() == 1
    assert Period.objects.filter(year=2026, kind="quarterly").count() == 4
    assert Period.objects.filter(year=2026, kind="annual").count() == 1
