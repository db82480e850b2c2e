"""Use cases of the import: check a file, import a file, and the background job around both."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from ..models import ImportJob, ImportStatus, User
from .commit import RowFailure, apply_plan
from .reader import ImportFileError, ParsedFile, RowError, read_file
from .validation import Result, Scope, scope_for, validate

MAX_REPORTED_ERRORS = 1_000
logger = logging.getLogger(__name__)
FILE_SHEET = "Berkas"


@dataclass
class Outcome:
    """What an import (or a dry check) found and did."""

    ok: bool
    errors: list[RowError]
    summary: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    credentials: list[dict[str, str]] = field(default_factory=list)
    committed: bool = False

    def report(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "summary": self.summary,
            "errors": [e.as_dict() for e in self.errors[:MAX_REPORTED_ERRORS]],
            "error_count": len(self.errors),
        }


def summary_text(summary: dict[str, int]) -> str:
    """'3 unit baru, 1 unit diperbarui, ...' — only the counts that are not zero."""
    labels = [
        ("units_new", "unit baru"),
        ("units_updated", "unit diperbarui"),
        ("positions_new", "jabatan baru"),
        ("positions_updated", "jabatan diperbarui"),
        ("employees_new", "pegawai baru"),
        ("employees_updated", "pegawai diperbarui"),
        ("assignments_new", "penugasan jabatan baru"),
        ("accounts_new", "akun baru"),
        ("overrides_new", "penetapan penilai baru"),
    ]
    parts = [f"{summary[k]} {label}" for k, label in labels if summary.get(k)]
    return ", ".join(parts) if parts else "tidak ada perubahan"


def _parse(data: bytes, name: str) -> tuple[ParsedFile | None, list[RowError]]:
    try:
        return read_file(data, name), []
    except ImportFileError as exc:
        return None, [RowError(FILE_SHEET, 0, "", str(exc))]


def count_rows(data: bytes, name: str) -> int:
    parsed, _ = _parse(data, name)
    return parsed.row_count if parsed else 0


def check_file(
    *, actor: Any, data: bytes, name: str = "", progress: Callable[[int], None] | None = None
) -> tuple[Outcome, Result | None]:
    """Validate every row without writing anything."""
    scope = scope_for(actor)
    parsed, errors = _parse(data, name)
    if parsed is None:
        return Outcome(False, errors), None
    result = validate(parsed, scope, progress)
    outcome = Outcome(result.ok, result.errors, result.plan.summary(), result.rows)
    return outcome, result


def import_file(
    *,
    actor: Any,
    data: bytes,
    name: str = "",
    progress: Callable[[int], None] | None = None,
    job: ImportJob | None = None,
) -> Outcome:
    """Validate every row, then write all of them in one transaction, or none at all."""
    outcome, result = check_file(actor=actor, data=data, name=name, progress=progress)
    if not outcome.ok or result is None:
        return outcome
    try:
        with transaction.atomic():
            outcome.credentials = apply_plan(result.plan, actor)
            record(
                actor=actor,
                action="import.commit",
                object_type="accounts.importjob",
                object_id=job.pk if job else "",
                object_repr=(name or "impor baris perintah")[:300],
                after={"rows": result.rows, **outcome.summary},
                agency_id=job.agency_id if job else None,
            )
    except RowFailure as failure:
        return Outcome(False, [failure.error], outcome.summary, outcome.rows)
    outcome.committed = True
    return outcome


# ---- jobs -------------------------------------------------------------------------------------


def can_import(user: Any) -> bool:
    access = access_for(user)
    return access.manages_all or (access.is_opd_admin and bool(access.admin_unit_paths))


def jobs_visible_to(user: Any):
    """A BKPSDM admin sees every import; anyone else only their own."""
    qs = ImportJob.objects.select_related("created_by", "agency")
    if access_for(user).manages_all:
        return qs
    return qs.filter(created_by=user)


def _agency_of(user: Any) -> OrgUnit | None:
    access = access_for(user)
    if access.manages_all or not access.admin_unit_paths:
        return None
    return OrgUnit.objects.filter(path=access.admin_unit_paths[0]).first()


def start_job(*, actor: User, data: bytes, name: str) -> ImportJob:
    """Store an upload and check it: now for small files, in the background for large ones."""
    if not can_import(actor):
        raise PermissionDenied("Anda tidak berwenang mengimpor data.")
    job = ImportJob(created_by=actor, agency=_agency_of(actor), original_name=name[:200])
    job.file.save(f"impor-{clock.now():%Y%m%d%H%M%S}.dat", ContentFile(data), save=False)
    job.total_rows = count_rows(data, name)
    job.save()
    if job.total_rows > settings.IMPORT_BACKGROUND_THRESHOLD:
        from .tasks import validate_job_task

        validate_job_task.enqueue(job.pk)
    else:
        run_validation(job)
    return job


def _progress(job: ImportJob) -> Callable[[int], None]:
    def update(done: int) -> None:
        job.processed_rows = min(done, job.total_rows)
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=job.processed_rows)

    return update


def _read(job: ImportJob) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read()


def _fail(job: ImportJob, message: str) -> ImportJob:
    job.status = ImportStatus.FAILED
    job.report = {**job.report, "failure": message}
    job.finished_at = clock.now()
    job.save(update_fields=["status", "report", "finished_at", "updated_at"])
    return job


def run_validation(job: ImportJob) -> ImportJob:
    job.status = ImportStatus.VALIDATING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows", "updated_at"])
    try:
        outcome, _ = check_file(
            actor=job.created_by, data=_read(job), name=job.original_name, progress=_progress(job)
        )
    except PermissionDenied as exc:
        return _fail(job, str(exc))
    except Exception:  # a bug must not leave the job polling forever
        logger.exception("Pemeriksaan impor %s gagal", job.pk)
        return _fail(job, "Terjadi kesalahan tak terduga saat memeriksa berkas.")
    job.status = ImportStatus.VALID if outcome.ok else ImportStatus.INVALID
    job.report = outcome.report()
    job.processed_rows = job.total_rows
    job.save(update_fields=["status", "report", "processed_rows", "updated_at"])
    return job


def confirm_job(*, actor: User, job: ImportJob) -> ImportJob:
    """Write a checked file: now for small files, in the background for large ones."""
    if job.created_by_id != actor.pk and not access_for(actor).manages_all:
        raise PermissionDenied("Hanya pengunggah yang dapat menyimpan impor ini.")
    if job.status != ImportStatus.VALID:
        raise PermissionDenied("Impor ini tidak dalam keadaan siap disimpan.")
    job.status = ImportStatus.COMMITTING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows", "updated_at"])
    if job.total_rows > settings.IMPORT_BACKGROUND_THRESHOLD:
        from .tasks import commit_job_task

        commit_job_task.enqueue(job.pk)
        job.refresh_from_db()
    else:
        run_commit(job)
    return job


def run_commit(job: ImportJob) -> ImportJob:
    """Re-check the file against today's data (it may have changed), then write it."""
    try:
        outcome = import_file(
            actor=job.created_by,
            data=_read(job),
            name=job.original_name,
            progress=_progress(job),
            job=job,
        )
    except Exception:
        job.status = ImportStatus.FAILED
        job.report = {
            **job.report,
            "failure": "Terjadi kesalahan tak terduga; tidak ada data yang disimpan.",
        }
        job.save(update_fields=["status", "report", "updated_at"])
        raise
    job.report = outcome.report()
    job.status = ImportStatus.DONE if outcome.committed else ImportStatus.INVALID
    job.processed_rows = job.total_rows
    job.credentials = outcome.credentials or None
    job.finished_at = clock.now()
    job.save(
        update_fields=[
            "status",
            "report",
            "processed_rows",
            "credentials",
            "finished_at",
            "updated_at",
        ]
    )
    return job


def take_credentials(*, actor: User, job: ImportJob) -> list[dict[str, str]]:
    """Hand out the initial passwords once; they are erased from the database as they go."""
    if job.created_by_id != actor.pk:
        raise PermissionDenied("Hanya pengunggah yang dapat mengunduh kata sandi awal.")
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        credentials = locked.credentials or []
        locked.credentials = None
        locked.save(update_fields=["credentials", "updated_at"])
        record(
            actor=actor,
            action="import.credentials_download",
            object_type="accounts.importjob",
            object_id=job.pk,
            object_repr=job.original_name,
            after={"accounts": len(credentials)},
        )
    return credentials


__all__ = ["Scope", "check_file", "confirm_job", "import_file", "start_job"]
