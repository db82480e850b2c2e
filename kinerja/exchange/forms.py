"""Forms of the exchange pages."""

from __future__ import annotations

from django import forms

from kinerja.core import clock
from kinerja.evaluation.models import Period, PeriodKind

from .models import ExportFormat, ExportKind, ReferenceKind
from .selectors import ExportFilters, export_agencies


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.FileInput):
            field.widget.attrs.setdefault("class", "form-control")
        else:
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label="Jenis data", choices=ExportKind.choices)
    file_format = forms.ChoiceField(label="Format", choices=ExportFormat.choices)
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    agency = forms.ModelChoiceField(
        label="Perangkat daerah", required=False, queryset=None, empty_label="Semua"
    )
    period = forms.ModelChoiceField(
        label="Periode (kinerja periodik)",
        required=False,
        queryset=Period.objects.exclude(kind=PeriodKind.ANNUAL).order_by("-year", "kind", "number"),
        empty_label="Semua periode",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = export_agencies(user)
        self.fields["year"].initial = clock.today().year
        _style(self)

    def clean(self):
        data = super().clean()
        period, year = data.get("period"), data.get("year")
        if period is not None and year and period.year != year:
            self.add_error("period", "Periode tidak termasuk tahun yang dipilih.")
        return data

    def filters(self) -> ExportFilters:
        data = self.cleaned_data
        periodic = data["kind"] == ExportKind.PERIODIC
        return ExportFilters(
            year=data["year"],
            agency_id=data["agency"].pk if data.get("agency") else None,
            period_id=data["period"].pk if periodic and data.get("period") else None,
        )


class ReferenceUploadForm(forms.Form):
    kind = forms.ChoiceField(label="Jenis data referensi", choices=ReferenceKind.choices)
    file = forms.FileField(label="Berkas SIASN (CSV, XLSX atau JSON)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
