"""Organisational goals, Perjanjian Kinerja, and the SKP with its RHK, indicators and history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import TimeStampedModel, VersionedModel
from kinerja.organisations.domain.nip import format_nip
from kinerja.organisations.models import Employee, OrgUnit, Position

from .domain.behaviour import BERAKHLAK
from .domain.forms import (
    APPROACH_LABELS,
    ASPECT_LABELS,
    ATTACHMENT_LABELS,
    CASCADING_LABELS,
    GROUP_LABELS,
    PERSPECTIVE_LABELS,
    Approach,
    FormType,
)
from .domain.workflow import STATUS_LABELS, SkpStatus


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(key.value, label) for key, label in labels.items()]


class OrgGoal(VersionedModel):
    """A goal of the regent's RPJMD for one year, with its indicator and target (edits are
    optimistically locked on `version`)."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    code = models.CharField(_("kode"), max_length=30, blank=True)
    text = models.TextField(_("tujuan/sasaran"))
    indicator = models.TextField(_("indikator"), blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("satuan"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran daerah")
        verbose_name_plural = _("sasaran daerah")
        ordering = ["year", "order", "id"]

    def __str__(self) -> str:
        return self.text[:120]


class PerformanceAgreementQuerySet(models.QuerySet["PerformanceAgreement"]):
    def visible_to(self, user) -> PerformanceAgreementQuerySet:
        """Organisational plans are public inside the government: every signed-in user reads them."""
        return self if getattr(user, "is_authenticated", False) else self.none()


class PerformanceAgreement(TimeStampedModel):
    """The Perjanjian Kinerja of a perangkat daerah (or a unit) for one year."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    signed_on = models.DateField(_("tanggal perjanjian"), null=True, blank=True)

    objects = PerformanceAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_agreement_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"PK {self.unit} {self.year}"


class AgreementTarget(VersionedModel):
    """One sasaran of a Perjanjian Kinerja with its IKU, baseline and (quarterly) targets (edits
    are optimistically locked on `version`)."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="targets"
    )
    goal = models.ForeignKey(
        OrgGoal,
        verbose_name=_("sasaran daerah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreement_targets",
    )
    objective = models.TextField(_("sasaran strategis"))
    indicator = models.TextField(_("indikator kinerja utama"))
    baseline = models.DecimalField(
        _("kondisi awal"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_unit = models.CharField(_("satuan"), max_length=60)
    target_q1 = models.DecimalField(
        _("target TW I"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_q2 = models.DecimalField(
        _("target TW II"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_q3 = models.DecimalField(
        _("target TW III"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_q4 = models.DecimalField(
        _("target TW IV"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("target perjanjian kinerja")
        verbose_name_plural = _("target perjanjian kinerja")
        ordering = ["agreement", "order", "id"]

    def __str__(self) -> str:
        return f"{self.indicator[:80]} ({self.target_value} {self.target_unit})"


class SkpQuerySet(models.QuerySet["Skp"]):
    def visible_to(self, user) -> SkpQuerySet:
        from .selectors import visible_skps

        return visible_skps(self, user)

    def open(self) -> SkpQuerySet:
        return self.filter(is_closed=False)


class Skp(VersionedModel):
    """Sasaran Kinerja Pegawai: one employee's plan for a year (or the part of it in one position).

    Position, unit, pejabat penilai and atasan pejabat penilai are copied at creation so later
    moves never rewrite history; `assessor_post` is the head position through which the assessor
    assesses, so a Plt/Plh acting in that post may act for them.
    """

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="skps"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode selesai"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=_choices(STATUS_LABELS),
        default=SkpStatus.DRAFT.value,
    )
    approach = models.CharField(
        _("pendekatan"),
        max_length=16,
        choices=_choices(APPROACH_LABELS),
        default=Approach.QUANTITATIVE.value,
    )
    form_type = models.CharField(
        _("jenis formulir"),
        max_length=8,
        choices=[(FormType.JPT.value, "JPT"), (FormType.NON_JPT.value, "Non-JPT")],
    )
    is_closed = models.BooleanField(_("ditutup"), default=False)
    position = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position_name = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_kind = models.CharField(_("jenis jabatan"), max_length=24, blank=True)
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit_name = models.CharField(_("unit kerja"), max_length=200, blank=True)
    agency_name = models.CharField(_("instansi/perangkat daerah"), max_length=200, blank=True)
    employee_name = models.CharField(_("nama pegawai"), max_length=200, blank=True)
    employee_rank = models.CharField(_("pangkat/golongan"), max_length=60, blank=True)
    assessor = models.ForeignKey(
        Employee,
        verbose_name=_("pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessed_skps",
    )
    assessor_post = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessor_name = models.CharField(_("nama pejabat penilai"), max_length=200, blank=True)
    assessor_nip = models.CharField(_("NIP pejabat penilai"), max_length=18, blank=True)
    assessor_rank = models.CharField(_("pangkat pejabat penilai"), max_length=60, blank=True)
    assessor_position = models.CharField(_("jabatan pejabat penilai"), max_length=200, blank=True)
    assessor_unit = models.CharField(_("unit pejabat penilai"), max_length=200, blank=True)
    superior = models.ForeignKey(
        Employee,
        verbose_name=_("atasan pejabat penilai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    superior_name = models.CharField(_("nama atasan pejabat penilai"), max_length=200, blank=True)
    superior_nip = models.CharField(_("NIP atasan pejabat penilai"), max_length=18, blank=True)
    superior_position = models.CharField(
        _("jabatan atasan pejabat penilai"), max_length=200, blank=True
    )
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    revision_reason = models.TextField(_("alasan revisi"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SkpQuerySet.as_manager()

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-year", "-period_start", "employee_name"]
        indexes = [
            models.Index(fields=["assessor", "status"], name="skp_assessor_status_idx"),
            models.Index(fields=["employee", "year"], name="skp_employee_year_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"],
                condition=Q(is_closed=False),
                name="one_open_skp_per_employee_year",
            ),
            models.UniqueConstraint(
                fields=["employee", "period_start"], name="one_skp_per_employee_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="skp_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"SKP {self.year} — {self.employee_name}"

    @property
    def status_enum(self) -> SkpStatus:
        return SkpStatus(self.status)

    @property
    def is_jpt(self) -> bool:
        return self.form_type == FormType.JPT

    @property
    def assessor_nip_display(self) -> str:
        return format_nip(self.assessor_nip) if self.assessor_nip else ""


class Rhk(TimeStampedModel):
    """A Rencana Hasil Kerja, linked to the superior's RHK it intervenes in (non-JPT) or to a
    Perjanjian Kinerja target (JPT)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhks")
    group = models.CharField(_("kelompok"), max_length=10, choices=_choices(GROUP_LABELS))
    text = models.TextField(_("rencana hasil kerja"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("RHK atasan yang diintervensi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    agreement_target = models.ForeignKey(
        AgreementTarget,
        verbose_name=_("indikator perjanjian kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rhks",
    )
    cascading = models.CharField(
        _("jenis cascading"), max_length=10, blank=True, choices=_choices(CASCADING_LABELS)
    )
    perspective = models.CharField(
        _("perspektif"), max_length=24, blank=True, choices=_choices(PERSPECTIVE_LABELS)
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("RHK")
        verbose_name_plural = _("RHK")
        ordering = ["skp", "-group", "order", "id"]  # "utama" sorts before "tambahan" descending

    def __str__(self) -> str:
        return self.text[:120]


class Indicator(TimeStampedModel):
    """An indikator kinerja individu with its target: a number, a range, or qualitative text."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="indicators")
    aspect = models.CharField(
        _("aspek"), max_length=10, blank=True, choices=_choices(ASPECT_LABELS)
    )
    text = models.TextField(_("indikator kinerja individu"))
    target_min = models.DecimalField(
        _("target (minimal)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_max = models.DecimalField(
        _("target (maksimal)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("satuan target"), max_length=60, blank=True)
    target_text = models.TextField(_("target kualitatif"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["rhk", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_max__isnull=True)
                | Q(target_min__isnull=True)
                | Q(target_max__gte=models.F("target_min")),
                name="indicator_target_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.text[:120]

    @property
    def has_target(self) -> bool:
        return self.target_min is not None or bool(self.target_text.strip())

    @property
    def target_display(self) -> str:
        if self.target_text.strip() and self.target_min is None:
            return self.target_text

        def fmt(value) -> str:
            return f"{value.normalize():f}".replace(".", ",")

        if self.target_min is None:
            return "—"
        if self.target_max is not None and self.target_max != self.target_min:
            number = f"{fmt(self.target_min)}–{fmt(self.target_max)}"
        else:
            number = fmt(self.target_min)
        return f"{number} {self.target_unit}".strip()


class BehaviourExpectation(TimeStampedModel):
    """Ekspektasi khusus pimpinan for one BerAKHLAK value, written by the assessor."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="expectations")
    value_code = models.CharField(
        _("nilai BerAKHLAK"), max_length=30, choices=[(v.code, v.name) for v in BERAKHLAK]
    )
    text = models.TextField(_("ekspektasi khusus pimpinan"))

    class Meta:
        verbose_name = _("ekspektasi khusus pimpinan")
        verbose_name_plural = _("ekspektasi khusus pimpinan")
        constraints = [
            models.UniqueConstraint(fields=["skp", "value_code"], name="one_expectation_per_value")
        ]

    def __str__(self) -> str:
        return f"{self.get_value_code_display()}: {self.text[:80]}"


class SkpAttachment(TimeStampedModel):
    """One line of the lampiran: dukungan sumber daya, skema pertanggungjawaban, or konsekuensi."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("jenis"), max_length=16, choices=_choices(ATTACHMENT_LABELS))
    text = models.TextField(_("uraian"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("lampiran SKP")
        verbose_name_plural = _("lampiran SKP")
        ordering = ["skp", "kind", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:80]}"


class SkpVersion(models.Model):
    """A frozen copy of the SKP written at every workflow transition (never edited)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("nomor versi"))
    action = models.CharField(_("tindakan"), max_length=20)
    status = models.CharField(_("status"), max_length=20, choices=_choices(STATUS_LABELS))
    snapshot = models.JSONField(_("isi"))
    reason = models.TextField(_("alasan/catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("versi SKP")
        verbose_name_plural = _("riwayat versi SKP")
        ordering = ["skp", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "number"], name="unique_skp_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.skp} v{self.number}"


class SkpDocument(models.Model):
    """A printed SKP: its verification code and the hash of the content it showed."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="documents")
    code = models.CharField(_("kode verifikasi"), max_length=32, unique=True)
    content_hash = models.CharField(_("hash isi"), max_length=64)
    skp_version = models.PositiveIntegerField(_("versi SKP"))
    status = models.CharField(
        _("status saat dicetak"), max_length=20, choices=_choices(STATUS_LABELS)
    )
    created_at = models.DateTimeField(_("dicetak pada"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dokumen SKP")
        verbose_name_plural = _("dokumen SKP")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["skp", "content_hash"], name="skpdoc_skp_hash_idx")]

    def __str__(self) -> str:
        return f"{self.skp} [{self.code}]"


class RhkExample(TimeStampedModel):
    """An example RHK with one indicator, shown as "contoh" to positions whose name (or kind)
    matches `pattern` (case-insensitive substring)."""

    pattern = models.CharField(_("pola nama/jenis jabatan"), max_length=100)
    rhk_text = models.TextField(_("contoh RHK"))
    indicator_text = models.TextField(_("contoh indikator"), blank=True)
    aspect = models.CharField(
        _("aspek"), max_length=10, blank=True, choices=_choices(ASPECT_LABELS)
    )
    target_unit = models.CharField(_("satuan target"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("contoh RHK")
        verbose_name_plural = _("contoh RHK")
        ordering = ["pattern", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "rhk_text"], name="unique_rhk_example")
        ]

    def __str__(self) -> str:
        return f"{self.pattern}: {self.rhk_text[:80]}"

    def matches(self, position_name: str, position_kind: str) -> bool:
        pattern = self.pattern.lower()
        return pattern in (position_name or "").lower() or pattern == (position_kind or "").lower()
