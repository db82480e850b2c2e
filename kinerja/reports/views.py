from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kinerja.audit.selectors import action_names, audit_events
from kinerja.audit.services import verify_chain
from kinerja.core.http import require
from kinerja.core.pagination import paginate
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit
from kinerja.organisations.selectors import assessor_line


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="Tindakan", required=False, max_length=80)
    object_id = forms.CharField(label="ID objek", required=False, max_length=64)
    agency = forms.ModelChoiceField(
        label="Perangkat daerah",
        required=False,
        queryset=OrgUnit.objects.none(),
        empty_label="Semua",
    )
    date_from = forms.DateField(
        label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = OrgUnit.objects.filter(depth=1).order_by("name")
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class",
                "form-select" if isinstance(field, forms.ModelChoiceField) else "form-control",
            )


@login_required
def audit_trail(request):
    """The auditor's browser of the append-only trail, with the chain's integrity status."""
    access = access_for(request.user)
    require(
        access.is_auditor or access.manages_all,
        "Jejak audit hanya untuk auditor Inspektorat dan admin BKPSDM.",
    )
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "action": data.get("action") or "",
            "object_id": data.get("object_id") or "",
            "agency_id": data["agency"].pk if data.get("agency") else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
    page = paginate(request, audit_events(**filters), per_page=50)
    integrity = verify_chain() if request.GET.get("periksa") == "1" else None
    return render(
        request,
        "reports/audit_trail.html",
        {"form": form, "page": page, "integrity": integrity, "actions": action_names()},
    )


@login_required
def home(request):
    """The signed-in user's start page: who they are, their assessor line, and their role's tasks."""
    access = access_for(request.user)
    employee = request.user.employee
    line = assessor_line(employee) if employee is not None else None
    return render(
        request, "reports/home.html", {"employee": employee, "line": line, "access": access}
    )
