"""Forms of the evaluation pages (labels in Indonesian)."""

from __future__ import annotations

from django import forms

from .domain import Predicate, Rating

RATING_CHOICES = [("", "—")] + [(r.value, r.label) for r in Rating]


class RealisationForm(forms.Form):
    value = forms.DecimalField(
        label="Realisasi (kumulatif)", required=False, max_digits=14, decimal_places=2
    )
    text = forms.CharField(
        label="Realisasi kualitatif", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    narrative = forms.CharField(
        label="Uraian", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Berkas (PDF, gambar, dokumen Office)", required=False)
    url = forms.CharField(label="atau tautan", required=False, max_length=500)
    title = forms.CharField(label="Keterangan", required=False, max_length=200)


class RateForm(forms.Form):
    work_rating = forms.ChoiceField(
        label="Rating hasil kerja", choices=RATING_CHOICES, required=False
    )
    behaviour_rating = forms.ChoiceField(label="Rating perilaku kerja", choices=RATING_CHOICES)
    deviation_reason = forms.CharField(
        label="Alasan bila berbeda dari saran",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FeedbackForm(forms.Form):
    text = forms.CharField(label="Umpan balik", widget=forms.Textarea(attrs={"rows": 2}))


class AdjustForm(forms.Form):
    predicate = forms.ChoiceField(
        label="Predikat baru", choices=[(p.value, p.label) for p in Predicate]
    )
    reason = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 2}))
