"""Forms of the organisational-performance and monitoring pages."""

from __future__ import annotations

from django import forms

from kinerja.organisations.models import OrgUnit

from .models import OrgGoal


class GoalForm(forms.Form):
    code = forms.CharField(label="Kode", max_length=30, required=False)
    text = forms.CharField(label="Tujuan/sasaran daerah", widget=forms.Textarea(attrs={"rows": 2}))
    indicator = forms.CharField(label="Indikator", required=False)
    target_value = forms.DecimalField(label="Target", required=False, max_digits=14)
    target_unit = forms.CharField(label="Satuan", max_length=60, required=False)


class AgreementTargetForm(forms.Form):
    unit = forms.ModelChoiceField(label="Perangkat daerah", queryset=OrgUnit.objects.none())
    goal = forms.ModelChoiceField(
        label="Sasaran daerah yang didukung", queryset=OrgGoal.objects.none(), required=False
    )
    objective = forms.CharField(label="Sasaran strategis", widget=forms.Textarea(attrs={"rows": 2}))
    indicator = forms.CharField(label="Indikator kinerja utama (IKU)")
    baseline = forms.DecimalField(label="Kondisi awal", required=False, max_digits=14)
    target_value = forms.DecimalField(label="Target", max_digits=14)
    target_unit = forms.CharField(label="Satuan", max_length=60)
    target_q1 = forms.DecimalField(label="Target TW I", required=False, max_digits=14)
    target_q2 = forms.DecimalField(label="Target TW II", required=False, max_digits=14)
    target_q3 = forms.DecimalField(label="Target TW III", required=False, max_digits=14)
    target_q4 = forms.DecimalField(label="Target TW IV", required=False, max_digits=14)

    def __init__(self, *args, units, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["goal"].queryset = goals


class ImportForm(forms.Form):
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    file = forms.FileField(label="Berkas Excel (.xlsx)")


class GoalEditForm(GoalForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AgreementTargetEditForm(AgreementTargetForm):
    """Editing a row of a Perjanjian Kinerja: the unit stays; the version guards the save."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, units=OrgUnit.objects.none(), goals=goals, **kwargs)
        del self.fields["unit"]
