"""The report and event forms refuse an activity that ends before it starts."""

from __future__ import annotations

import pytest

from kinerja.development.forms import EventEditForm, ExternalReportForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [ExternalReportForm, EventEditForm])
def test_an_end_date_before_the_start_date_is_refused_on_the_end_date(form_class):
    form = form_class(data={"start_date": "2026-03-12", "end_date": "2026-03-10"})

    assert not form.is_valid()
    assert form.errors["end_date"] == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]


@pytest.mark.parametrize("form_class", [ExternalReportForm, EventEditForm])
def test_a_one_day_activity_may_end_on_its_start_date(form_class):
    form = form_class(data={"start_date": "2026-03-10", "end_date": "2026-03-10"})

    form.is_valid()
    assert "end_date" not in form.errors
