from __future__ import annotations

from django import forms

from .models import Employee


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label="Cari nama atau NIP", required=False, max_length=100)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AssessorOverrideForm(forms.Form):
    """An admin's correction of an employee's pejabat penilai."""

    assessor_nip = forms.CharField(label="NIP pejabat penilai", max_length=30)
    superior_nip = forms.CharField(
        label="NIP atasan pejabat penilai (opsional)", max_length=30, required=False
    )
    start_date = forms.DateField(
        label="Berlaku mulai",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    reason = forms.CharField(
        label="Alasan koreksi",
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        max_length=1000,
    )

    def __init__(self, *args, employees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.employees = employees if employees is not None else Employee.objects.all()
        for name in ("assessor_nip", "superior_nip"):
            self.fields[name].widget.attrs.update({"class": "form-control", "inputmode": "numeric"})

    def _employee(self, nip: str) -> Employee:
        digits = nip.replace(" ", "")
        try:
            return self.employees.get(nip=digits)
        except Employee.DoesNotExist as exc:
            raise forms.ValidationError(f"Pegawai dengan NIP {nip} tidak ditemukan.") from exc

    def clean_assessor_nip(self):
        return self._employee(self.cleaned_data["assessor_nip"])

    def clean_superior_nip(self):
        nip = self.cleaned_data.get("superior_nip")
        return self._employee(nip) if nip else None


class EmployeeForm(forms.ModelForm):
    """Correct an employee's data; `version` guards against overwriting someone else's change."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Employee
        fields = [
            "name",
            "front_title",
            "back_title",
            "status",
            "rank",
            "email",
            "phone",
            "skp_exemption",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "is_active":
                field.widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-control")


class NewEmployeeForm(forms.Form):
    nip = forms.CharField(
        label="NIP",
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    name = forms.CharField(
        label="Nama (tanpa gelar)",
        max_length=150,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    front_title = forms.CharField(
        label="Gelar depan",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    back_title = forms.CharField(
        label="Gelar belakang",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    status = forms.ChoiceField(label="Status kepegawaian", choices=[])
    rank = forms.CharField(
        label="Pangkat/golongan",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    position = forms.ModelChoiceField(label="Jabatan", queryset=None, empty_label="Pilih jabatan")
    start_date = forms.DateField(
        label="TMT jabatan", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )

    def __init__(self, *args, positions=None, **kwargs):
        from .models import EmployeeStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = EmployeeStatus.choices
        self.fields["position"].queryset = positions
        self.fields["position"].label_from_instance = lambda p: f"{p.name} — {p.unit.name}"


class AssignmentForm(forms.Form):
    position = forms.ModelChoiceField(label="Jabatan", queryset=None, empty_label="Pilih jabatan")
    acting = forms.ChoiceField(
        label="Jenis penugasan",
        choices=[
            ("definitive", "Definitif"),
            ("plt", "Plt (Pelaksana Tugas)"),
            ("plh", "Plh (Pelaksana Harian)"),
        ],
    )
    start_date = forms.DateField(
        label="Mulai", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    end_date = forms.DateField(
        label="Sampai (kosongkan bila belum ditentukan)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    decree_number = forms.CharField(
        label="Nomor SK",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions
        self.fields["position"].label_from_instance = lambda p: f"{p.name} — {p.unit.name}"

    def clean(self):
        data = super().clean()
        if (
            data.get("end_date")
            and data.get("start_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if (
            data.get("acting") in {"plt", "plh"}
            and data.get("position") is not None
            and not data["position"].is_head
        ):
            self.add_error("position", "Plt/Plh hanya untuk jabatan kepala unit.")
        return data


class RoleGrantForm(forms.Form):
    nip = forms.CharField(
        label="NIP pegawai",
        max_length=30,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    role = forms.ChoiceField(label="Peran", choices=[])
    unit = forms.ModelChoiceField(
        label="Perangkat daerah (untuk pengelola kinerja)",
        queryset=None,
        required=False,
        empty_label="—",
    )

    def __init__(self, *args, **kwargs):
        from .models import OrgUnit, Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices
        self.fields["unit"].queryset = OrgUnit.objects.filter(depth=1, is_active=True).order_by(
            "name"
        )

    def clean_nip(self):
        nip = self.cleaned_data["nip"].replace(" ", "")
        try:
            return Employee.objects.get(nip=nip)
        except Employee.DoesNotExist as exc:
            raise forms.ValidationError(f"Pegawai dengan NIP {nip} tidak ditemukan.") from exc

    def clean(self):
        data = super().clean()
        if data.get("role") == "opd_admin" and not data.get("unit"):
            self.add_error("unit", "Pengelola kinerja harus ditetapkan pada satu perangkat daerah.")
        return data
