"""Forms of the leadership pages; choices are limited to the leader's team and visible RHKs."""

from __future__ import annotations

from django import forms

from kinerja.core import clock
from kinerja.organisations.models import Employee
from kinerja.planning.models import Rhk

FOLLOW_UP_ROWS = 3


class ShownChoicesMixin:
    """A choice field that validates against its whole queryset but lists only `shown` objects
    (a large team searches the rest through an htmx endpoint)."""

    shown = None

    def _get_choices(self):
        if self.shown is None:
            return super()._get_choices()
        items = [("", self.empty_label)] if self.empty_label is not None else []
        return items + [(obj.pk, self.label_from_instance(obj)) for obj in self.shown]

    choices = property(_get_choices, forms.ChoiceField.choices.fset)

    def show_only(self, objects) -> None:
        self.shown = list(objects)
        self.widget.choices = self._get_choices()


class EmployeeChoiceField(ShownChoicesMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj: Employee) -> str:
        return f"{obj.full_name} ({obj.nip})"


class EmployeeMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Employee) -> str:
        return f"{obj.full_name} ({obj.nip})"


class RhkChoiceField(ShownChoicesMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj: Rhk) -> str:
        return f"{obj.skp.employee_name}: {obj.text[:90]}"


class RhkMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Rhk) -> str:
        return f"{obj.skp.employee_name}: {obj.text[:90]}"


class DirectionForm(forms.Form):
    text = forms.CharField(
        label="Arahan", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    recipient = EmployeeChoiceField(
        label="Kepada",
        queryset=Employee.objects.none(),
        required=False,
        empty_label="Seluruh tim",
    )
    rhk = RhkChoiceField(
        label="RHK terkait (opsional)", queryset=Rhk.objects.none(), required=False
    )

    def __init__(self, *args, team, rhks, shown=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = team
        self.fields["rhk"].queryset = rhks
        self.search = bool(shown and shown.search)
        if shown is not None:
            self.fields["recipient"].show_only(shown.members)
            self.fields["rhk"].show_only(shown.rhks)


class IsoDateInput(forms.DateInput):
    """A native date picker: the browser only accepts an ISO value (YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class FieldVisitForm(forms.Form):
    date = forms.DateField(label="Tanggal kunjungan", widget=IsoDateInput())
    place = forms.CharField(label="Lokasi (gampong/kecamatan)", max_length=200)
    kecamatan = forms.ModelChoiceField(label="Kecamatan", queryset=None, required=False)
    facility = forms.CharField(label="Fasilitas/sarana", max_length=200, required=False)
    purpose = forms.CharField(label="Tujuan kunjungan", widget=forms.Textarea(attrs={"rows": 2}))
    findings = forms.CharField(
        label="Temuan", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    employees = EmployeeMultipleField(
        label="Pegawai yang terlibat",
        queryset=Employee.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
        help_text="Tahan Ctrl (atau Cmd) untuk memilih lebih dari satu.",
    )
    rhks = RhkMultipleField(
        label="RHK terkait",
        queryset=Rhk.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )
    photos = MultipleFileField(
        label="Foto (JPEG/PNG/WebP)",
        required=False,
        help_text="Boleh lebih dari satu foto; isi berkas diperiksa, bukan hanya namanya.",
    )

    def __init__(self, *args, team, rhks, kecamatans, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = clock.today()
        self.fields["kecamatan"].queryset = kecamatans
        self.fields["employees"].queryset = team
        self.fields["rhks"].queryset = rhks
        for i in range(FOLLOW_UP_ROWS):
            n = i + 1
            self.fields[f"follow_up_{i}_text"] = forms.CharField(
                label=f"Tindak lanjut {n}", max_length=2000, required=False
            )
            self.fields[f"follow_up_{i}_owner"] = EmployeeChoiceField(
                label=f"Penanggung jawab {n}", queryset=team, required=False
            )
            self.fields[f"follow_up_{i}_due"] = forms.DateField(
                label=f"Tenggat {n}", required=False, widget=IsoDateInput()
            )

    def clean(self):
        data = super().clean()
        for i in range(FOLLOW_UP_ROWS):
            if data.get(f"follow_up_{i}_text") and not data.get(f"follow_up_{i}_owner"):
                self.add_error(f"follow_up_{i}_owner", "Pilih penanggung jawab tindak lanjut.")
        return data

    def main_fields(self) -> list:
        names = ["date", "place", "kecamatan", "facility", "purpose", "findings"]
        return [self[n] for n in names]

    def link_fields(self) -> list:
        return [self["employees"], self["rhks"], self["photos"]]

    def follow_up_rows(self) -> list[tuple]:
        """(text, owner, due) bound fields of each follow-up row, for a row-wise layout."""
        return [
            (self[f"follow_up_{i}_text"], self[f"follow_up_{i}_owner"], self[f"follow_up_{i}_due"])
            for i in range(FOLLOW_UP_ROWS)
        ]

    def follow_ups(self) -> list[tuple[str, Employee, object]]:
        rows = []
        for i in range(FOLLOW_UP_ROWS):
            text = self.cleaned_data.get(f"follow_up_{i}_text")
            if text:
                rows.append(
                    (
                        text,
                        self.cleaned_data[f"follow_up_{i}_owner"],
                        self.cleaned_data.get(f"follow_up_{i}_due"),
                    )
                )
        return rows


class CloseFollowUpForm(forms.Form):
    note = forms.CharField(
        label="Catatan penyelesaian",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
