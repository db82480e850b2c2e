"""The shared form template keeps every choice of a several-value field."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    agencies = forms.MultipleChoiceField(
        label="Perangkat daerah", choices=[("1", "Dinas Kesehatan"), ("2", "Dinas Sosial")]
    )
    roles = forms.MultipleChoiceField(
        label="Peran",
        choices=[("a", "Pegawai"), ("b", "Pimpinan")],
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(label="Jenis", choices=[("x", "X"), ("y", "Y")])


def test_a_multi_select_stays_multiple_and_keeps_each_selected_choice():
    html = render_to_string(
        "form_fields.html", {"form": _Form(data={"agencies": ["1", "2"], "roles": ["b"]})}
    )
    assert 'name="agencies"' in html and "multiple" in html
    assert html.count("selected") >= 2
    assert 'type="checkbox" name="roles" value="b"' in html and "checked" in html


def test_a_single_select_still_gets_the_bootstrap_select():
    html = render_to_string("form_fields.html", {"form": _Form(data={"kind": "y"})})
    assert 'class="form-select' in html and '<option value="y" selected>' in html
