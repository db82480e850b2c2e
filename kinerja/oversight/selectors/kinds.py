"""What a finding is: the kinds of exception, one finding, and the filters of the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.urls import reverse


class Kind(StrEnum):
    """The kinds of exception the inspectorate's view lists."""

    RATING_DEVIATION = "rating_deviation"
    CALIBRATION = "calibration"
    REOPENED = "reopened"
    LATE_SKP_APPROVAL = "late_skp_approval"
    LATE_EVALUATION = "late_evaluation"
    EVIDENCE_REUSE = "evidence_reuse"
    APPEAL_CHANGED = "appeal_changed"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.RATING_DEVIATION: "Rating berbeda dari saran bukti",
    Kind.CALIBRATION: "Penyesuaian kalibrasi",
    Kind.REOPENED: "Periode dibuka kembali",
    Kind.LATE_SKP_APPROVAL: "SKP disetujui lewat batas",
    Kind.LATE_EVALUATION: "Penilaian lewat batas",
    Kind.EVIDENCE_REUSE: "Bukti dukung dipakai beberapa pegawai",
    Kind.APPEAL_CHANGED: "Keberatan mengubah hasil",
}


@dataclass(frozen=True)
class Finding:
    """One exception: what happened, to whom, when, and where to look."""

    kind: Kind
    when: dt.date
    employee_name: str
    employee_nip: str
    agency_name: str
    period_label: str
    detail: str
    record_url: str
    audit_object_id: str
    audit_action: str
    ref: str  # stable id inside the kind, for ordering and tests

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def audit_url(self) -> str:
        base = reverse("reports:audit_trail")
        return f"{base}?object_id={self.audit_object_id}&action={self.audit_action}"


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None
    year: int | None = None
    period_id: int | None = None
    kind: str = ""
