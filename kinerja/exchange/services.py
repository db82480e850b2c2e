"""Use cases of the exchange: produce and log an export; stage, apply or discard an import."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.organisations import services as org
from kinerja.organisations.models import Employee, OrgUnit, Position

from . import reference
from .domain.mapping import FILES, headers, to_text
from .models import (
    ExportChannel,
    ExportFormat,
    ExportKind,
    ExportLog,
    ImportState,
    ReferenceImport,
    ReferenceKind,
)
from .selectors import ExportFilters, can_export, export_rows


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str
    log: ExportLog


def render_csv(kind: str, rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 CSV, comma separated, header = the mapping's column names, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = headers(kind)
    writer.writerow(names)
    for row in rows:
        writer.writerow([to_text(row[name]) for name in names])
    return buffer.getvalue().encode("utf-8")


def _json_value(column, value: Any) -> Any:
    if value is None:
        return None
    if column.type.value in ("int",):
        return int(value)
    return to_text(value)


def json_rows(kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as JSON values: integers stay numbers; dates and decimals are ISO/plain strings."""
    columns = FILES[kind]
    return [{c.name: _json_value(c, row[c.name]) for c in columns} for row in rows]


def render_json(kind: str, filters: ExportFilters, rows: list[dict[str, Any]]) -> bytes:
    """A JSON document with the kind, the filters, the columns and the rows (no timestamp, so
    the same data gives the same bytes)."""
    document = {
        "jenis": kind,
        "saringan": filters.as_dict(),
        "kolom": headers(kind),
        "jumlah": len(rows),
        "data": json_rows(kind, rows),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode(
        "utf-8"
    )


def _filename(kind: str, filters: ExportFilters, extension: str) -> str:
    parts = [kind.replace("_", "-"), str(filters.year)]
    if filters.agency_id:
        parts.append(f"pd{filters.agency_id}")
    if filters.period_id:
        parts.append(f"periode{filters.period_id}")
    return "-".join(parts) + f".{extension}"


def _log(
    *, actor: Any, kind: str, file_format: str, channel: str, filters: dict, rows: int, digest: str
) -> ExportLog:
    log = ExportLog.objects.create(
        created_at=clock.now(),
        created_by=actor,
        created_by_label=str(actor)[:200],
        kind=kind,
        file_format=file_format,
        channel=channel,
        filters=filters,
        rows=rows,
        sha256=digest,
    )
    record(
        actor=actor,
        action="exchange.exported",
        obj=log,
        after={
            "kind": kind,
            "format": file_format,
            "channel": channel,
            "filters": filters,
            "rows": rows,
            "sha256": digest,
        },
    )
    return log


def _check(actor: Any, kind: str) -> None:
    if not can_export(actor):
        raise PermissionDenied(
            "Ekspor data nasional hanya untuk admin BKPSDM dan pengelola kinerja OPD."
        )
    if kind not in ExportKind.values:
        raise ValidationError({"kind": "Jenis ekspor tidak dikenal."})


@transaction.atomic
def export_file(*, actor: Any, kind: str, file_format: str, filters: ExportFilters) -> ExportFile:
    """Build one export file from the records the actor may export, and log it."""
    _check(actor, kind)
    if file_format not in ExportFormat.values:
        raise ValidationError({"file_format": "Format harus CSV atau JSON."})
    rows = export_rows(actor, kind, filters)
    if file_format == ExportFormat.CSV:
        content, content_type = render_csv(kind, rows), "text/csv; charset=utf-8"
    else:
        content, content_type = render_json(kind, filters, rows), "application/json"
    log = _log(
        actor=actor,
        kind=kind,
        file_format=file_format,
        channel=ExportChannel.WEB,
        filters=filters.as_dict(),
        rows=len(rows),
        digest=hashlib.sha256(content).hexdigest(),
    )
    return ExportFile(content, _filename(kind, filters, file_format), content_type, log)


@transaction.atomic
def log_api_pull(
    *, actor: Any, kind: str, filters: ExportFilters, page: dict[str, int], rows: list[dict]
) -> ExportLog:
    """Log one page pulled through the API (its rows hashed as canonical JSON)."""
    _check(actor, kind)
    content = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _log(
        actor=actor,
        kind=kind,
        file_format=ExportFormat.JSON,
        channel=ExportChannel.API,
        filters={**filters.as_dict(), **page},
        rows=len(rows),
        digest=hashlib.sha256(content).hexdigest(),
    )


# --- SIASN reference import ---------------------------------------------------------------------


def can_import(user) -> bool:
    """Reference data of the whole regency: BKPSDM admins (and superusers) only."""
    from kinerja.organisations.access import access_for

    return access_for(user).manages_all


def _require_import(actor: Any) -> None:
    if not can_import(actor):
        raise PermissionDenied("Impor data referensi SIASN hanya untuk admin BKPSDM.")


@transaction.atomic
def stage_import(*, actor: Any, kind: str, data: bytes, name: str) -> ReferenceImport:
    """Read and check a file, then keep its rows and differences for the admin's decision.

    Nothing in the organisation changes here; a file with any bad row gets the per-row report
    and no differences.
    """
    _require_import(actor)
    if kind not in ReferenceKind.values:
        raise ValidationError({"kind": "Pilih jenis data: unor, jabatan atau atasan."})
    parsed = reference.read_reference(kind, data, name)  # ImportFileError for a bad file
    checked = reference.validate(kind, parsed)
    imp = ReferenceImport(
        kind=kind,
        original_name=(name or "berkas")[:200],
        file_sha256=hashlib.sha256(data).hexdigest(),
        created_by=actor,
        created_at=clock.now(),
        errors=[e.as_dict() for e in checked.errors[:1000]],
    )
    if checked.errors or not checked.rows:
        imp.state = ImportState.INVALID
        if not checked.errors:
            imp.errors = [
                {
                    "sheet": "Berkas",
                    "row": 0,
                    "column": "",
                    "message": "Berkas tidak berisi baris data.",
                }
            ]
    else:
        imp.state = ImportState.PREVIEW
        imp.rows = checked.rows
        imp.changes = reference.differences(kind, checked.rows, today=clock.today())
        imp.fingerprint = reference.fingerprint(imp.changes)
    imp.save()
    record(
        actor=actor,
        action="exchange.reference_staged",
        obj=imp,
        after={
            "kind": kind,
            "state": imp.state,
            "rows": len(checked.rows),
            "errors": len(checked.errors),
            "changes": len(imp.changes),
            "sha256": imp.file_sha256,
        },
    )
    return imp


def _rename(actor: Any, obj: Any, name: str, action: str, agency_id: int | None) -> None:
    # organisations has no rename service: the change is written and audited here, in the
    # caller's transaction, the same way organisations.services audits its own writes.
    before = {"name": obj.name}
    type(obj).objects.filter(pk=obj.pk).update(name=name, updated_at=clock.now())
    obj.name = name
    record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after={"name": name},
        agency_id=agency_id,
        reason="Impor referensi SIASN",
    )


def _apply_unor(actor: Any, chosen: list[dict]) -> None:
    units = {u.code: u for u in OrgUnit.objects.exclude(code__isnull=True)}
    pending = [c for c in chosen if c["action"] == "new"]
    while pending:
        progressed = []
        for c in pending:
            r = c["payload"]
            parent = units.get(r["parent_code"]) if r["parent_code"] else None
            if r["parent_code"] and parent is None:
                continue
            units[r["code"]] = org.create_unit(
                actor=actor, name=r["name"], kind=r["kind"], parent=parent, code=r["code"]
            )
            progressed.append(c)
        if not progressed:
            codes = ", ".join(c["payload"]["parent_code"] for c in pending)
            raise ValidationError(f"Unor induk belum ada atau tidak ikut diterima: {codes}.")
        pending = [c for c in pending if c not in progressed]
    for c in chosen:
        if c["action"] != "changed":
            continue
        r, unit = c["payload"], units[c["key"]]
        if unit.name != r["name"]:
            _rename(actor, unit, r["name"], "unit.update", unit.agency_id)
        if r["parent_code"] and (
            unit.parent_id is None or unit.parent_id != units[r["parent_code"]].pk
        ):
            parent = units.get(r["parent_code"])
            if parent is None:
                raise ValidationError(f"Unor induk {r['parent_code']} belum ada.")
            org.move_unit(actor=actor, unit=unit, new_parent=parent)
            unit.refresh_from_db()


def _apply_jabatan(actor: Any, chosen: list[dict]) -> None:
    units = {u.code: u for u in OrgUnit.objects.exclude(code__isnull=True)}
    positions = {
        p.code: p for p in Position.objects.exclude(code__isnull=True).select_related("unit")
    }
    for c in chosen:
        r = c["payload"]
        if c["action"] == "new":
            org.create_position(
                actor=actor,
                unit=units[r["unit_code"]],
                name=r["name"],
                kind=r["kind"],
                level=r["level"],
                is_head=r["is_head"],
                code=r["code"],
            )
        elif c["action"] == "changed":
            position = positions[c["key"]]
            _rename(actor, position, r["name"], "position.update", position.unit.agency_id)


def _apply_superior(actor: Any, chosen: list[dict], imp: ReferenceImport) -> None:
    nips = {n for c in chosen for n in (c["payload"]["nip"], c["payload"]["superior_nip"])}
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=nips).select_related("unit")}
    for c in chosen:
        r = c["payload"]
        org.set_assessor_override(
            actor=actor,
            employee=employees[r["nip"]],
            assessor=employees[r["superior_nip"]],
            start_date=clock.today(),
            reason=f"Impor referensi SIASN “{imp.original_name}” baris {r['row']}: atasan langsung menurut SIASN, diterima oleh admin.",
        )


@transaction.atomic
def apply_import(
    *, actor: Any, imp: ReferenceImport, change_ids: set[int] | None, superior_ids: set[int]
) -> list[int]:
    """Apply the accepted differences in one transaction (all or nothing).

    `change_ids` None accepts every applicable non-superior difference; a superior change is
    applied only when its id is in `superior_ids` (explicitly accepted, never by "accept all").
    The differences are recomputed first: if the data moved since the preview, nothing applies.
    """
    _require_import(actor)
    imp = ReferenceImport.objects.select_for_update().get(pk=imp.pk)
    if imp.state != ImportState.PREVIEW:
        raise ValidationError(
            "Impor ini sudah diputuskan atau berisi kesalahan; tidak ada yang dapat diterapkan."
        )
    current = reference.differences(imp.kind, imp.rows, today=clock.today())
    if reference.fingerprint(current) != imp.fingerprint:
        raise ValidationError(
            "Data sudah berubah sejak perbedaan ini dihitung. Unggah ulang berkas untuk melihat perbedaan terbaru."
        )
    chosen = []
    for c in current:
        if not c["applicable"]:
            continue
        if c["superior"]:
            if c["id"] in superior_ids:
                chosen.append(c)
        elif change_ids is None or c["id"] in change_ids:
            chosen.append(c)
    if not chosen:
        raise ValidationError("Pilih paling sedikit satu perbedaan untuk diterima.")
    if imp.kind == ReferenceKind.UNOR:
        _apply_unor(actor, chosen)
    elif imp.kind == ReferenceKind.JABATAN:
        _apply_jabatan(actor, chosen)
    else:
        _apply_superior(actor, chosen, imp)
    imp.state = ImportState.APPLIED
    imp.decided_by, imp.decided_at = actor, clock.now()
    imp.applied_ids = [c["id"] for c in chosen]
    imp.save(update_fields=["state", "decided_by", "decided_at", "applied_ids"])
    record(
        actor=actor,
        action="exchange.reference_applied",
        obj=imp,
        after={
            "kind": imp.kind,
            "applied": imp.applied_ids,
            "superior_accepted": sorted(c["id"] for c in chosen if c["superior"]),
        },
    )
    return imp.applied_ids


@transaction.atomic
def discard_import(*, actor: Any, imp: ReferenceImport) -> None:
    _require_import(actor)
    if imp.state in (ImportState.APPLIED, ImportState.DISCARDED):
        raise ValidationError("Impor ini sudah diputuskan.")
    imp.state = ImportState.DISCARDED
    imp.decided_by, imp.decided_at = actor, clock.now()
    imp.save(update_fields=["state", "decided_by", "decided_at"])
    record(actor=actor, action="exchange.reference_discarded", obj=imp, after={"kind": imp.kind})
