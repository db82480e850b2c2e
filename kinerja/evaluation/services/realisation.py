"""The employee's side of a period: realisation per indicator, evidence, submission."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError, save_if_current
from kinerja.core.uploads import EVIDENCE_TYPES, check_upload
from kinerja.planning.models import Indicator, Skp

from ..errors import StateError
from ..models import (
    Evidence,
    EvidenceKind,
    Period,
    PeriodSubmission,
    Realisation,
    SubmissionStatus,
)
from ._common import agency_id, require_approved, require_owner
from .periods import entry_open


def submission_for(skp: Skp, period: Period, *, lock: bool = False) -> PeriodSubmission:
    """The SKP's state in the period, created as a draft on first use."""
    submission, _ = PeriodSubmission.objects.get_or_create(skp=skp, period=period)
    if lock:
        submission = PeriodSubmission.objects.select_for_update().get(pk=submission.pk)
    return submission


def _check_period(skp: Skp, period: Period) -> None:
    if period.year != skp.year or period.end < skp.period_start or period.start > skp.period_end:
        raise ValidationError({"period": "Periode ini tidak termasuk masa berlaku SKP."})


def _require_editable(actor: Any, skp: Skp, period: Period) -> PeriodSubmission:
    """Owner, approved SKP, the period inside the SKP, window open, still a draft."""
    require_owner(actor, skp)
    require_approved(skp)
    _check_period(skp, period)
    if not entry_open(skp, period):
        raise StateError(
            f"Masa pengisian {period} sudah ditutup pada "
            f"{period.entry_closes:%d-%m-%Y}. Minta pejabat penilai membuka kembali periode ini."
        )
    submission = submission_for(skp, period, lock=True)
    if submission.status != SubmissionStatus.DRAFT:
        raise StateError(
            f"Periode {period} sudah {submission.get_status_display().lower()}; "
            "realisasi tidak dapat diubah lagi."
        )
    return submission


@transaction.atomic
def record_realisation(
    *,
    actor: Any,
    indicator: Indicator,
    period: Period,
    expected_version: int | None,
    value: Decimal | None = None,
    text: str = "",
    narrative: str = "",
) -> Realisation:
    """Enter or change the realisation of one indicator; a stale version is refused.

    `expected_version` is the version the form was rendered with (0 or None for a new entry).
    """
    skp = Skp.objects.select_related("unit").get(pk=indicator.rhk.skp_id)
    _require_editable(actor, skp, period)
    if value is None and not text.strip():
        raise ValidationError({"value": "Isi realisasi berupa angka atau uraian."})
    if value is not None and value < 0:
        raise ValidationError({"value": "Realisasi tidak boleh negatif."})
    existing = Realisation.objects.filter(indicator=indicator, period=period).first()
    fields = {"value": value, "text": text.strip(), "narrative": narrative.strip()}
    if existing is None:
        if expected_version:
            raise ValidationError({"value": "Realisasi yang Anda ubah tidak ditemukan."})
        try:
            with transaction.atomic():
                realisation = Realisation.objects.create(
                    indicator=indicator, period=period, updated_by=actor, **fields
                )
        except IntegrityError as exc:  # created meanwhile in another tab
            raise StaleObjectError(
                Realisation.objects.get(indicator=indicator, period=period)
            ) from exc
        before = None
    else:
        if not expected_version:
            raise StaleObjectError(existing)
        before = {"value": existing.value, "text": existing.text, "version": existing.version}
        realisation = existing
        for name, val in fields.items():
            setattr(realisation, name, val)
        realisation.updated_by, realisation.updated_at = actor, clock.now()
        save_if_current(
            realisation,
            expected_version=expected_version,
            fields=[*fields, "updated_by", "updated_at"],
        )
    record(
        actor=actor,
        action="evaluation.realisation_recorded",
        obj=realisation,
        agency_id=agency_id(skp),
        before=before,
        after={"value": value, "text": fields["text"], "version": realisation.version},
    )
    return realisation


def _clean_original(name: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", "", name or "")[:255]


@transaction.atomic
def add_evidence_file(
    *,
    actor: Any,
    skp: Skp,
    period: Period,
    upload: UploadedFile,
    realisation: Realisation | None = None,
    title: str = "",
) -> Evidence:
    """Store an uploaded bukti dukung after checking its content; raises UploadError."""
    _require_editable(actor, skp, period)
    if realisation is not None and (
        realisation.period_id != period.pk or realisation.indicator.rhk.skp_id != skp.pk
    ):
        raise ValidationError({"realisation": "Realisasi tidak sesuai dengan SKP dan periode."})
    checked = check_upload(upload, allowed=EVIDENCE_TYPES)
    evidence = Evidence(
        skp=skp,
        period=period,
        realisation=realisation,
        kind=EvidenceKind.FILE,
        original_name=_clean_original(upload.name or ""),
        safe_name=checked.safe_name,
        mime_type=checked.mime_type,
        size=checked.size,
        sha256=checked.sha256,
        title=title.strip()[:200],
        uploaded_by=actor,
    )
    evidence.file.save(f"bukti.{checked.extension}", checked.file, save=False)
    evidence.save()
    record(
        actor=actor,
        action="evaluation.evidence_uploaded",
        obj=evidence,
        agency_id=agency_id(skp),
        after={"sha256": checked.sha256, "size": checked.size, "mime": checked.mime_type},
    )
    return evidence


@transaction.atomic
def add_evidence_link(
    *,
    actor: Any,
    skp: Skp,
    period: Period,
    url: str,
    title: str = "",
    realisation: Realisation | None = None,
) -> Evidence:
    """Add a link (e.g. to a shared drive or a news item) as bukti dukung."""
    _require_editable(actor, skp, period)
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ValidationError(
            {"url": "Tautan harus alamat web lengkap (http:// atau https://)."}
        ) from exc
    evidence = Evidence.objects.create(
        skp=skp,
        period=period,
        realisation=realisation,
        kind=EvidenceKind.LINK,
        url=url[:500],
        title=title.strip()[:200],
        uploaded_by=actor,
    )
    record(
        actor=actor,
        action="evaluation.evidence_linked",
        obj=evidence,
        agency_id=agency_id(skp),
        after={"url": evidence.url},
    )
    return evidence


@transaction.atomic
def delete_evidence(*, actor: Any, evidence: Evidence) -> None:
    """Remove a bukti dukung while the period is still a draft; the file leaves the storage."""
    skp = Skp.objects.select_related("unit").get(pk=evidence.skp_id)
    _require_editable(actor, skp, evidence.period)
    record(
        actor=actor,
        action="evaluation.evidence_deleted",
        obj=evidence,
        agency_id=agency_id(skp),
        before={"sha256": evidence.sha256, "url": evidence.url},
    )
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def submit_period(*, actor: Any, skp: Skp, period: Period) -> PeriodSubmission:
    """The employee submits the period's realisation to the assessor."""
    submission = _require_editable(actor, skp, period)
    if not Realisation.objects.filter(indicator__rhk__skp=skp, period=period).exists():
        raise ValidationError(
            {"period": "Belum ada realisasi yang diisi; isi realisasi sebelum mengajukan."}
        )
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = submission.updated_at = clock.now()
    save_if_current(
        submission,
        expected_version=submission.version,
        fields=["status", "submitted_at", "updated_at"],
    )
    record(
        actor=actor,
        action="evaluation.period_submitted",
        obj=submission,
        agency_id=agency_id(skp),
        after={"status": submission.status},
    )
    return submission
