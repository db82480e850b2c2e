"""Forms: e-mail preferences and the announcement editor."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from kinerja.organisations.models import KIND_LABELS, OrgUnit, Role

from . import permissions
from .kinds import KINDS
from .models import AnnouncementScope

DATETIME_WIDGET = forms.DateTimeInput(
    attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
)


class PreferencesForm(forms.Form):
    """One checkbox per notification kind: send me an e-mail for this."""

    def __init__(self, *args, initial_choices: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, spec in KINDS.items():
            self.fields[kind] = forms.BooleanField(
                label=spec.label, required=False, initial=initial_choices.get(kind, False)
            )
            self.fields[kind].widget.attrs["class"] = "form-check-input"


class AnnouncementForm(forms.Form):
    """Title, text, sender, schedule and audience of an announcement."""

    title = forms.CharField(label="Judul", max_length=200)
    body = forms.CharField(
        label="Isi",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Teks biasa; baris baru dipertahankan.",
    )
    author_label = forms.ChoiceField(label="Atas nama")
    publish_at = forms.DateTimeField(
        label="Terbit pada",
        widget=DATETIME_WIDGET,
        help_text="Isi waktu mendatang untuk menjadwalkan.",
    )
    expires_at = forms.DateTimeField(label="Berakhir pada", required=False, widget=DATETIME_WIDGET)
    pinned = forms.BooleanField(label="Sematkan di urutan teratas", required=False)
    scope = forms.ChoiceField(
        label="Sasaran", choices=AnnouncementScope.choices, widget=forms.RadioSelect
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Perangkat daerah", queryset=OrgUnit.objects.none(), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label="Unit kerja (beserta unit di bawahnya)",
        queryset=OrgUnit.objects.none(),
        required=False,
    )
    position_kinds = forms.MultipleChoiceField(
        label="Hanya jenis jabatan (kosongkan untuk semua)",
        choices=[(str(k), v) for k, v in KIND_LABELS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.MultipleChoiceField(
        label="Hanya peran (kosongkan untuk semua)",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        labels = permissions.author_label_choices(user)
        current = self.initial.get("author_label")
        if current and current not in labels:
            labels.append(current)
        self.fields["author_label"].choices = [(label, label) for label in labels]
        # Fields accept any unit, so a forbidden target reaches the service and answers 403;
        # the page offers only the units this publisher may address.
        self.fields["agencies"].queryset = OrgUnit.objects.filter(depth=1, is_active=True)
        self.fields["units"].queryset = OrgUnit.objects.filter(is_active=True, depth__gte=1)
        self.scope_options = list(AnnouncementScope.choices)
        if permissions.can_publish_anywhere(user):
            agencies = OrgUnit.objects.filter(depth=1, is_active=True)
            units = OrgUnit.objects.filter(is_active=True, depth__gte=1)
        else:
            own = permissions.publisher_agencies(user)
            agencies = OrgUnit.objects.filter(pk__in=[a.pk for a in own])
            paths = Q(pk__in=[])
            for agency in own:
                paths |= Q(path__startswith=agency.path)
            units = OrgUnit.objects.filter(paths, is_active=True)
            self.scope_options = [c for c in self.scope_options if c[0] != AnnouncementScope.ALL]
        self.agency_options = list(agencies.order_by("name"))
        self.unit_options = list(units.order_by("path"))
        for name in ("title", "body"):
            self.fields[name].widget.attrs["class"] = "form-control"
        for name in ("author_label", "agencies", "units"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def clean(self):
        data = super().clean()
        publish_at, expires_at = data.get("publish_at"), data.get("expires_at")
        if publish_at and expires_at and expires_at <= publish_at:
            self.add_error("expires_at", "Waktu berakhir harus sesudah waktu terbit.")
        if data.get("scope") == AnnouncementScope.AGENCIES and not data.get("agencies"):
            self.add_error("agencies", "Pilih sedikitnya satu perangkat daerah.")
        if data.get("scope") == AnnouncementScope.UNITS and not data.get("units"):
            self.add_error("units", "Pilih sedikitnya satu unit kerja.")
        return data
