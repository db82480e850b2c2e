"""Forms of the leadership pages; choices are limited to the leader's team and visible RHKs."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from kinerja.core import clock
from kinerja.organisations.models import Employee
from kinerja.planning.models import Rhk

FOLLOW_UP_ROWS = 3
NOT_IN_TEAM = "Pegawai yang dipilih bukan anggota tim Anda."
RHK_NOT_IN_TEAM = "RHK yang dipilih bukan RHK Anda atau tim Anda."


class ShownChoicesMixin:
    """A choice field that validates against its whole queryset but lists only `shown` objects
    (a large team searches the rest through an htmx endpoint)."""

    shown = None
    search: tuple[str, str] | None = None  # (htmx search URL, placeholder) of a large team

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


class EmployeeMultipleField(ShownChoicesMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Employee) -> str:
        return f"{obj.full_name} ({obj.nip})"


class RhkChoiceField(ShownChoicesMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj: Rhk) -> str:
        return f"{obj.skp.employee_name}: {obj.text[:90]}"


class RhkMultipleField(ShownChoicesMixin, forms.ModelMultipleChoiceField):
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
        error_messages={"invalid_choice": NOT_IN_TEAM},
    )
    rhks = RhkMultipleField(
        label="RHK terkait",
        queryset=Rhk.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
        error_messages={"invalid_choice": RHK_NOT_IN_TEAM},
    )
    photos = MultipleFileField(
        label="Foto (JPEG/PNG/WebP)",
        required=False,
        help_text="Boleh lebih dari satu foto; isi berkas diperiksa, bukan hanya namanya.",
    )

    def __init__(self, *args, team, rhks, kecamatans, shown=None, **kwargs) -> None:
        """`shown` (a DirectionChoices) lists only some members and RHKs: a large team finds the
        others by search. Every chosen id is still checked against the whole `team`/`rhks`."""
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
                label=f"Penanggung jawab {n}",
                queryset=team,
                required=False,
                error_messages={"invalid_choice": NOT_IN_TEAM},
            )
            self.fields[f"follow_up_{i}_due"] = forms.DateField(
                label=f"Tenggat {n}", required=False, widget=IsoDateInput()
            )
        self.search = bool(shown and shown.search)
        if shown is not None:
            self._show_only(shown, team=team, rhks=rhks)

    def _show_only(self, shown, *, team, rhks) -> None:
        """List the given members and RHKs (read once for all four lists), plus those already
        chosen (a form sent back with errors keeps its choices); a large team searches the
        rest."""
        owners = [f"follow_up_{i}_owner" for i in range(FOLLOW_UP_ROWS)]
        chosen_members = set(self._chosen(["employees", *owners]))
        chosen_rhks = set(self._chosen(["rhks"]))
        members = list(shown.members)
        listed = {m.pk for m in members}
        if chosen_members - listed:
            members += list(team.filter(pk__in=sorted(chosen_members - listed)))
        rhk_list = list(shown.rhks)
        listed = {r.pk for r in rhk_list}
        if chosen_rhks - listed:
            rhk_list += list(rhks.filter(pk__in=sorted(chosen_rhks - listed)))
        for name in ["employees", *owners]:
            self.fields[name].show_only(members)
        self.fields["rhks"].show_only(rhk_list)
        if not self.search:
            return
        member_search = reverse("leadership:member_options") + "?pilihan=tambah"
        for name in ["employees", *owners]:
            self.fields[name].search = (member_search, "Cari nama atau NIP anggota tim")
        self.fields["rhks"].search = (
            reverse("leadership:rhk_search") + "?pilihan=tambah",
            "Cari RHK tim (teks RHK atau nama pegawai)",
        )
        self.fields["employees"].help_text = (
            "Daftar awal berisi pegawai unit yang Anda pimpin langsung; cari untuk anggota tim "
            "lainnya (hasil pencarian ditambahkan ke daftar). Tahan Ctrl (atau Cmd) untuk memilih "
            "lebih dari satu."
        )
        self.fields["rhks"].help_text = "Daftar awal berisi RHK Anda sendiri; cari untuk RHK tim."

    def _chosen(self, names: list[str]) -> list[int]:
        """Integer ids sent for these fields (invalid ones are left to the fields' checks)."""
        if not self.is_bound:
            return []
        ids = []
        for name in names:
            key = self.add_prefix(name)
            values = self.data.getlist(key) if hasattr(self.data, "getlist") else []
            ids += [int(v) for v in values if str(v).isdigit()]
        return ids

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
