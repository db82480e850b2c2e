"""Forms of the development pages (labels in Indonesian)."""

from __future__ import annotations

from django import forms

from kinerja.core import clock
from kinerja.organisations.models import OrgUnit, Position

from .domain import ActivityForm, ConversionBasis
from .models import FORM_CHOICES, Activity, Competency, EventStatus, TrainingEvent


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EndNotBeforeStart:
    """Form mixin: the `end_date` field may not fall before the `start_date` field."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        return data


class ExternalReportForm(EndNotBeforeStart, forms.Form):
    form = forms.ChoiceField(label="Bentuk kegiatan", choices=FORM_CHOICES)
    title = forms.CharField(label="Nama kegiatan", max_length=200)
    organiser = forms.CharField(label="Penyelenggara", max_length=200)
    start_date = forms.DateField(label="Tanggal mulai", widget=DateInput())
    end_date = forms.DateField(label="Tanggal selesai", widget=DateInput())
    minutes = forms.IntegerField(
        label="Jumlah menit pelajaran",
        min_value=1,
        required=False,
        help_text="Untuk pelatihan, kursus, bimtek, e-learning, belajar mandiri (JP riil).",
    )
    days = forms.IntegerField(
        label="Jumlah hari",
        min_value=1,
        required=False,
        help_text="Kosongkan: dihitung dari tanggal.",
    )
    sessions = forms.IntegerField(
        label="Jumlah sesi", min_value=1, required=False, help_text="Untuk coaching/mentoring."
    )
    semesters = forms.IntegerField(
        label="Jumlah semester", min_value=1, required=False, help_text="Untuk tugas/izin belajar."
    )
    international = forms.BooleanField(label="Kegiatan internasional", required=False)
    competency = forms.ModelChoiceField(
        label="Kompetensi yang dikembangkan",
        queryset=Competency.objects.filter(is_active=True),
        required=False,
    )
    certificate = forms.FileField(
        label="Sertifikat (PDF atau gambar)", help_text="Jenis berkas diperiksa dari isinya."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Catatan", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class NeedForm(forms.Form):
    competency = forms.ModelChoiceField(
        label="Kompetensi", queryset=Competency.objects.filter(is_active=True), required=False
    )
    reason = forms.CharField(
        label="Alasan", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class PlanItemForm(forms.Form):
    need = forms.ModelChoiceField(label="Kebutuhan", queryset=None, required=False)
    activity = forms.ModelChoiceField(
        label="Kegiatan dari katalog",
        queryset=Activity.objects.filter(is_active=True),
        required=False,
    )
    event = forms.ModelChoiceField(
        label="atau pelatihan terjadwal",
        queryset=TrainingEvent.objects.none(),
        required=False,
    )
    quarter = forms.TypedChoiceField(
        label="Triwulan", coerce=int, choices=[(q, f"Triwulan {q}") for q in range(1, 5)]
    )

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs
        # Scheduled runs not yet finished, open for registration or about to be.
        self.fields["event"].queryset = TrainingEvent.objects.filter(
            status__in=[EventStatus.OPEN, EventStatus.CLOSED], end_date__gte=clock.today()
        ).order_by("start_date", "title")
        _styled(self)

    def clean(self):
        data = super().clean()
        if not data.get("activity") and not data.get("event"):
            raise forms.ValidationError("Pilih kegiatan dari katalog atau pelatihan terjadwal.")
        return data


class ActivityEditForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "name",
            "form",
            "competencies",
            "description",
            "provider",
            "typical_minutes",
            "typical_days",
            "is_international",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class EventEditForm(EndNotBeforeStart, forms.ModelForm):
    online_link = forms.URLField(
        label="Tautan daring", required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = TrainingEvent
        fields = [
            "activity",
            "organiser_unit",
            "title",
            "start_date",
            "end_date",
            "place",
            "online_link",
            "quota",
            "minutes",
            "sessions",
            "semesters",
            "is_international",
            "target_competency",
            "target_positions",
            "target_units",
            "status",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser_unit"].queryset = (
            units if units is not None else OrgUnit.objects.none()
        )
        self.fields["target_units"].queryset = OrgUnit.objects.filter(depth__lte=2, is_active=True)
        self.fields["target_positions"].queryset = Position.objects.filter(
            is_active=True
        ).select_related("unit")
        self.fields["status"].choices = EventStatus.choices
        _styled(self)


class RuleForm(forms.Form):
    form = forms.ChoiceField(
        label="Bentuk kegiatan", choices=FORM_CHOICES, widget=forms.HiddenInput
    )
    basis = forms.ChoiceField(
        label="Dasar perhitungan", choices=[(b.value, b.label) for b in ConversionBasis]
    )
    jp_national = forms.DecimalField(
        label="JP nasional", required=False, min_value=0, decimal_places=2
    )
    jp_international = forms.DecimalField(
        label="JP internasional", required=False, min_value=0, decimal_places=2
    )
    cap_per_day = forms.DecimalField(
        label="Batas JP per hari", required=False, min_value=0, decimal_places=2
    )
    cap_per_day_international = forms.DecimalField(
        label="Batas JP per hari (internasional)", required=False, min_value=0, decimal_places=2
    )
    cap_per_month = forms.IntegerField(label="Batas sesi per bulan", required=False, min_value=1)
    international_uplift_pct = forms.IntegerField(
        label="Tambahan internasional (%)", min_value=0, max_value=100, initial=0
    )
    minutes_per_jp = forms.IntegerField(
        label="Menit per JP", min_value=1, max_value=120, initial=45
    )
    note = forms.CharField(label="Keterangan", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    @property
    def form_label(self) -> str:
        value = self["form"].value()
        return ActivityForm(value).label if value in {f.value for f in ActivityForm} else ""
