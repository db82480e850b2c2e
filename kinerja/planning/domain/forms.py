"""The shape of the SKP form (PermenPANRB 6/2022, lampiran; domain-reference §2).

JPT positions use the JPT form (RHK, indikator, target, perspektif); every other position uses
the non-JPT form (RHK atasan yang diintervensi, RHK, aspek, indikator, target).
"""

from __future__ import annotations

from enum import StrEnum

from kinerja.organisations.domain.positions import JPT_KINDS, PositionKind


class FormType(StrEnum):
    JPT = "jpt"
    NON_JPT = "non_jpt"

    @property
    def label(self) -> str:
        return {FormType.JPT: "SKP JPT", FormType.NON_JPT: "SKP Non-JPT"}[self]


def form_type_for(position_kind: str | None) -> FormType:
    """JPT utama/madya/pratama get the JPT form; everyone else (and no position) the other one."""
    if position_kind and PositionKind(position_kind) in JPT_KINDS:
        return FormType.JPT
    return FormType.NON_JPT


class Approach(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


APPROACH_LABELS = {Approach.QUANTITATIVE: "Kuantitatif", Approach.QUALITATIVE: "Kualitatif"}


class RhkGroup(StrEnum):
    UTAMA = "utama"
    TAMBAHAN = "tambahan"


GROUP_LABELS = {RhkGroup.UTAMA: "Utama", RhkGroup.TAMBAHAN: "Tambahan"}


class Perspective(StrEnum):
    """The four balanced-scorecard perspectives of the JPT form (\"Proses Bisnis\", not \"Internal\")."""

    SERVICE_RECIPIENTS = "service_recipients"
    BUSINESS_PROCESS = "business_process"
    INTERNAL_STRENGTHENING = "internal_strengthening"
    BUDGET = "budget"


PERSPECTIVE_LABELS = {
    Perspective.SERVICE_RECIPIENTS: "Penerima Layanan",
    Perspective.BUSINESS_PROCESS: "Proses Bisnis",
    Perspective.INTERNAL_STRENGTHENING: "Penguatan Internal",
    Perspective.BUDGET: "Anggaran",
}


class Aspect(StrEnum):
    QUANTITY = "quantity"
    QUALITY = "quality"
    TIME = "time"
    COST = "cost"


ASPECT_LABELS = {
    Aspect.QUANTITY: "Kuantitas",
    Aspect.QUALITY: "Kualitas",
    Aspect.TIME: "Waktu",
    Aspect.COST: "Biaya",
}


class CascadingMode(StrEnum):
    """Direct: same wording/scope to one subordinate; indirect: a narrower part (domain-ref §2)."""

    DIRECT = "direct"
    INDIRECT = "indirect"


CASCADING_LABELS = {CascadingMode.DIRECT: "Langsung", CascadingMode.INDIRECT: "Tidak langsung"}


class AttachmentKind(StrEnum):
    RESOURCES = "resources"
    ACCOUNTABILITY = "accountability"
    CONSEQUENCES = "consequences"


ATTACHMENT_LABELS = {
    AttachmentKind.RESOURCES: "Dukungan Sumber Daya",
    AttachmentKind.ACCOUNTABILITY: "Skema Pertanggungjawaban",
    AttachmentKind.CONSEQUENCES: "Konsekuensi",
}
