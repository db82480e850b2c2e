"""Forms of the evaluation pages (labels in Indonesian)."""

from __future__ import annotations

from django import forms

from .domain import OrgPredicate, Predicate, Rating

RATING_CHOICES = [("", "—")] + [(r.value, r.label) for r in Rating]


class RealisationForm(forms.Form):
    value = forms.DecimalField(
        label="Realisasi (kumulatif)", required=False, max_digits=14, decimal_places=2
    )
    text = forms.CharField(
        label="Realisasi kualitatif", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    narrative = forms.CharField(
        label="Uraian", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Berkas (PDF, gambar, dokumen Office)", required=False)
    url = forms.CharField(label="atau tautan", required=False, max_length=500)
    title = forms.CharField(label="Keterangan", required=False, max_length=200)


class RateForm(forms.Form):
    work_rating = forms.ChoiceField(
        label="Rating hasil kerja", choices=RATING_CHOICES, required=False
    )
    behaviour_rating = forms.ChoiceField(label="Rating perilaku kerja", choices=RATING_CHOICES)
    deviation_reason = forms.CharField(
        label="Alasan bila berbeda dari saran",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FeedbackForm(forms.Form):
    text = forms.CharField(label="Umpan balik", widget=forms.Textarea(attrs={"rows": 2}))


class AdjustForm(forms.Form):
    predicate = forms.ChoiceField(
        label="Predikat baru", choices=[(p.value, p.label) for p in Predicate]
    )
    reason = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 2}))


class _Styled:
    """Bootstrap classes on every visible widget."""

    def _style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


MAX_DIALOGUE_ACTIONS = 3


class DialogueForm(_Styled, forms.Form):
    """A dialog kinerja with up to three new agreed actions (open ones are carried over)."""

    date = forms.DateField(
        label="Tanggal dialog", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    notes = forms.CharField(label="Catatan dialog", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(e.pk), e.full_name) for e in owners]
        self.owners = {str(e.pk): e for e in owners}
        for n in range(1, MAX_DIALOGUE_ACTIONS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label=f"Tindak lanjut {n}", required=False, max_length=1000
            )
            self.fields[f"owner_{n}"] = forms.ChoiceField(
                label=f"Penanggung jawab {n}", choices=choices, required=False
            )
            self.fields[f"due_{n}"] = forms.DateField(
                label=f"Tenggat {n}",
                required=False,
                widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            )
        self._style()

    def action_rows(self):
        """(text, owner, due) field triples for the template."""
        return [
            (self[f"action_{n}"], self[f"owner_{n}"], self[f"due_{n}"])
            for n in range(1, MAX_DIALOGUE_ACTIONS + 1)
        ]

    def clean(self):
        data = super().clean()
        actions = []
        for n in range(1, MAX_DIALOGUE_ACTIONS + 1):
            text = (data.get(f"action_{n}") or "").strip()
            owner = data.get(f"owner_{n}") or ""
            due = data.get(f"due_{n}")
            if not text:
                if owner or due:
                    self.add_error(f"action_{n}", "Tuliskan tindak lanjut yang disepakati.")
                continue
            if owner not in self.owners:
                self.add_error(f"owner_{n}", "Pilih penanggung jawab tindak lanjut.")
                continue
            actions.append((text, self.owners[owner], due))
        data["actions"] = actions
        return data


class AppealForm(_Styled, forms.Form):
    reasons = forms.CharField(
        label="Alasan keberatan", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class ExplanationForm(_Styled, forms.Form):
    text = forms.CharField(
        label="Penjelasan", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class DecisionForm(_Styled, forms.Form):
    decision = forms.ChoiceField(
        label="Keputusan",
        choices=[
            ("", "—"),
            ("uphold", "Menguatkan hasil penilaian"),
            ("change", "Mengubah hasil penilaian"),
        ],
    )
    work_rating = forms.ChoiceField(
        label="Rating hasil kerja baru (bila diubah)", choices=RATING_CHOICES, required=False
    )
    behaviour_rating = forms.ChoiceField(
        label="Rating perilaku kerja baru (bila diubah)", choices=RATING_CHOICES, required=False
    )
    note = forms.CharField(
        label="Pertimbangan keputusan", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


ORG_PREDICATE_CHOICES = [("", "—")] + [(p.value, p.label) for p in OrgPredicate]


class OrgResultForm(_Styled, forms.Form):
    predicate = forms.ChoiceField(label="Capaian kinerja organisasi", choices=ORG_PREDICATE_CHOICES)
    reason = forms.CharField(
        label="Dasar penetapan", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
