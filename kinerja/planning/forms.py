"""Forms of the SKP pages; the fields follow the form type of the SKP (JPT or non-JPT)."""

from __future__ import annotations

from django import forms

from .domain.behaviour import BERAKHLAK
from .domain.forms import (
    APPROACH_LABELS,
    ASPECT_LABELS,
    ATTACHMENT_LABELS,
    CASCADING_LABELS,
    GROUP_LABELS,
    PERSPECTIVE_LABELS,
)
from .selectors import agreement_target_options, superior_rhk_options


def _choices(labels: dict, blank: str | None = None) -> list[tuple[str, str]]:
    out = [(k.value, v) for k, v in labels.items()]
    return [("", blank), *out] if blank is not None else out


class SuperiorRhkField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        note = "" if obj.skp.status == "approved" else " (SKP atasan belum disetujui)"
        return f"{obj.text[:140]}{note}"


class CreateSkpForm(forms.Form):
    year = forms.IntegerField(label="Tahun", min_value=2020, max_value=2100)
    approach = forms.ChoiceField(
        label="Pendekatan", choices=_choices(APPROACH_LABELS), initial="quantitative"
    )
    # Only when the position changed during the year: the new SKP starts here, the old one
    # closes the day before.
    period_start = forms.DateField(label="Mulai berlaku", required=False)


class RhkForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    group = forms.ChoiceField(label="Kelompok", choices=_choices(GROUP_LABELS), initial="utama")
    parent = SuperiorRhkField(
        label="RHK atasan yang diintervensi", queryset=None, required=False, empty_label="— pilih —"
    )
    agreement_target = forms.ModelChoiceField(
        label="Indikator Perjanjian Kinerja", queryset=None, required=False, empty_label="— pilih —"
    )
    text = forms.CharField(label="Rencana hasil kerja", widget=forms.Textarea(attrs={"rows": 2}))
    cascading = forms.ChoiceField(
        label="Jenis cascading", choices=_choices(CASCADING_LABELS, "—"), required=False
    )
    perspective = forms.ChoiceField(
        label="Perspektif", choices=_choices(PERSPECTIVE_LABELS, "—"), required=False
    )

    def __init__(self, *args, skp, **kwargs):
        super().__init__(*args, **kwargs)
        if skp.is_jpt:
            del self.fields["parent"], self.fields["cascading"]
            self.fields["agreement_target"].queryset = agreement_target_options(skp)
        else:
            del self.fields["agreement_target"], self.fields["perspective"]
            self.fields["parent"].queryset = superior_rhk_options(skp)
        for name, field in self.fields.items():
            if name != "version":
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)


class IndicatorForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    aspect = forms.ChoiceField(label="Aspek", choices=_choices(ASPECT_LABELS, "—"), required=False)
    text = forms.CharField(label="Indikator kinerja individu")
    target_min = forms.DecimalField(label="Target", required=False, max_digits=14, decimal_places=2)
    target_max = forms.DecimalField(
        label="s.d. (rentang)", required=False, max_digits=14, decimal_places=2
    )
    target_unit = forms.CharField(label="Satuan", required=False, max_length=60)
    target_text = forms.CharField(label="Target kualitatif", required=False)

    def __init__(self, *args, skp=None, **kwargs):
        super().__init__(*args, **kwargs)
        if skp is not None and skp.is_jpt:
            self.fields["aspect"].widget = forms.HiddenInput()
        for name, field in self.fields.items():
            if name != "version" and not isinstance(field.widget, forms.HiddenInput):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)


class AttachmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Jenis", choices=_choices(ATTACHMENT_LABELS))
    text = forms.CharField(label="Uraian")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Alasan/catatan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExpectationsForm(forms.Form):
    """One optional text per BerAKHLAK value."""

    def __init__(self, *args, initial_texts: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for value in BERAKHLAK:
            self.fields[value.code] = forms.CharField(
                label=value.name,
                required=False,
                initial=(initial_texts or {}).get(value.code, ""),
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control"}),
            )


class DistributeForm(forms.Form):
    """Matriks peran hasil: per subordinate, a mode (or none) and optionally their own wording."""

    def __init__(self, *args, subordinates, **kwargs):
        super().__init__(*args, **kwargs)
        self.subordinates = list(subordinates)
        modes = [("", "Tidak dibagi"), *_choices(CASCADING_LABELS)]
        for emp in self.subordinates:
            self.fields[f"mode_{emp.pk}"] = forms.ChoiceField(
                label=emp.full_name,
                choices=modes,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"text_{emp.pk}"] = forms.CharField(
                label=f"Bagian RHK untuk {emp.full_name}",
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def assignments(self):
        out = []
        for emp in self.subordinates:
            mode = self.cleaned_data.get(f"mode_{emp.pk}")
            if mode:
                out.append((emp, self.cleaned_data.get(f"text_{emp.pk}") or None, mode))
        return out

    def rows(self):
        return [(emp, self[f"mode_{emp.pk}"], self[f"text_{emp.pk}"]) for emp in self.subordinates]
