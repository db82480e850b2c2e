"""The filter of the inspectorate's view."""

from __future__ import annotations

from django import forms

from kinerja.evaluation.models import Period
from kinerja.organisations.models import OrgUnit

from .selectors import Filters, Kind


class ExceptionFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Perangkat daerah",
        required=False,
        queryset=OrgUnit.objects.none(),
        empty_label="Semua",
    )
    year = forms.IntegerField(label="Tahun", required=False, min_value=2000, max_value=2100)
    period = forms.ModelChoiceField(
        label="Periode", required=False, queryset=Period.objects.none(), empty_label="Semua"
    )
    kind = forms.ChoiceField(
        label="Jenis",
        required=False,
        choices=[("", "Semua jenis"), *((k.value, k.label) for k in Kind)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = OrgUnit.objects.filter(
            pk__in=OrgUnit.objects.exclude(agency__isnull=True).values("agency_id")
        ).order_by("name")
        self.fields["period"].queryset = Period.objects.order_by("-year", "kind", "number")
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        period, year = data.get("period"), data.get("year")
        if period is not None and year and period.year != year:
            self.add_error("period", "Periode tidak termasuk tahun yang dipilih.")
        return data

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        period = data.get("period")
        return Filters(
            agency_id=data["agency"].pk if data.get("agency") else None,
            year=data.get("year") or (period.year if period else None),
            period_id=period.pk if period else None,
            kind=data.get("kind") or "",
        )
