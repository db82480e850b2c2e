"""Forms of the reports pages: outcome data of an IKU and the organisation result decision."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from kinerja.evaluation.domain import OrgPredicate

from .services import MAX_TEXT


class OutcomeForm(forms.Form):
    target = forms.TypedChoiceField(label="Indikator kinerja utama", coerce=int)
    value = forms.DecimalField(
        label="Realisasi",
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        error_messages={
            "invalid": "Realisasi harus berupa angka.",
            "min_value": "Realisasi tidak boleh negatif.",
            "max_digits": "Realisasi terlalu besar.",
            "max_decimal_places": "Realisasi paling banyak dua angka di belakang koma.",
            "max_whole_digits": "Realisasi terlalu besar.",
        },
    )
    lower_is_better = forms.BooleanField(
        label="Semakin kecil semakin baik (mis. angka kematian, jumlah keluhan)", required=False
    )
    explanation = forms.CharField(
        label="Penjelasan",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Alasan capaian, kendala, dan langkah perbaikan (untuk lampiran LKjIP).",
    )
    source = forms.CharField(label="Sumber data", required=False, max_length=200)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.pk, t.indicator[:120]) for t in targets]
        for name, field in self.fields.items():
            if name == "lower_is_better":
                field.widget.attrs.setdefault("class", "form-check-input")
            elif name == "target":
                field.widget.attrs.setdefault("class", "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-control")


class OrgResultForm(forms.Form):
    predicate = forms.ChoiceField(
        label="Capaian kinerja organisasi",
        choices=[(p.value, p.label) for p in OrgPredicate],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.CharField(
        label="Alasan (wajib bila berbeda dari usulan)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
