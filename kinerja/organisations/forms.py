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
