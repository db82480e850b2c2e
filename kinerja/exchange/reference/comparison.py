"""Comparing the valid rows with the current data, field by field, and fingerprinting the result.

Nothing here writes: `services.apply_import` applies what the admin accepts, after checking that
the fingerprint of the differences has not changed since they were shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from kinerja.organisations.domain.positions import PositionKind
from kinerja.organisations.models import KIND_LABELS, Employee, OrgUnit, Position, UnitKind
from kinerja.organisations.selectors import current_assessor_map


def _change(
    cid: int,
    action: str,
    key: str,
    label: str,
    row: int | None,
    fields,
    *,
    applicable=True,
    note="",
    superior=False,
    payload=None,
) -> dict[str, Any]:
    return {
        "id": cid,
        "action": action,
        "key": key,
        "label": label,
        "row": row,
        "fields": [{"label": f, "before": b, "after": a} for f, b, a in fields],
        "applicable": applicable,
        "superior": superior,
        "note": note,
        "payload": payload or {},
    }


def _add(changes: list[dict[str, Any]], *args: Any, **options: Any) -> None:
    """Append a change numbered after those already listed (see `_change` for the arguments)."""
    changes.append(_change(len(changes) + 1, *args, **options))


def _add_missing(
    changes: list[dict[str, Any]], known: dict[str, Any], rows: list[dict[str, Any]], *, note: str
) -> None:
    """Active records (by code) the file no longer lists: shown, never deactivated automatically."""
    in_file = {r["code"] for r in rows}
    for code, record in sorted(known.items()):
        if record.is_active and code not in in_file:
            _add(changes, "missing", code, record.name, None, [], applicable=False, note=note)


def differences(kind: str, rows: list[dict[str, Any]], *, today: dt.date) -> list[dict[str, Any]]:
    """New, changed and missing records, field by field (a constant number of queries)."""
    changes: list[dict[str, Any]] = []
    if kind == "unor":
        units = {
            u.code: u for u in OrgUnit.objects.exclude(code__isnull=True).select_related("parent")
        }
        kind_labels = dict(UnitKind.choices)
        for r in rows:
            unit = units.get(r["code"])
            if unit is None:
                fields = [
                    ("Nama", "", r["name"]),
                    ("Jenis", "", str(kind_labels[r["kind"]])),
                    ("Unor induk", "", r["parent_code"]),
                ]
                _add(changes, "new", r["code"], r["name"], r["row"], fields, payload=r)
                continue
            fields = []
            if unit.name != r["name"]:
                fields.append(("Nama", unit.name, r["name"]))
            current_parent = unit.parent.code if unit.parent and unit.parent.code else ""
            if r["parent_code"] and current_parent != r["parent_code"]:
                fields.append(("Unor induk", current_parent or "—", r["parent_code"]))
            if fields:
                _add(changes, "changed", r["code"], unit.name, r["row"], fields, payload=r)
        _add_missing(
            changes,
            units,
            rows,
            note="Tidak ada di berkas SIASN. Tidak dinonaktifkan otomatis; periksa di Struktur Organisasi.",
        )
    elif kind == "jabatan":
        positions = {
            p.code: p for p in Position.objects.exclude(code__isnull=True).select_related("unit")
        }
        for r in rows:
            position = positions.get(r["code"])
            kind_label = str(KIND_LABELS[PositionKind(r["kind"])])
            if position is None:
                fields = [
                    ("Nama", "", r["name"]),
                    ("Unor", "", r["unit_code"]),
                    ("Jenis", "", kind_label),
                    ("Kepala unit", "", "Ya" if r["is_head"] else "Tidak"),
                ]
                _add(changes, "new", r["code"], r["name"], r["row"], fields, payload=r)
                continue
            fields = []
            if position.name != r["name"]:
                fields.append(("Nama", position.name, r["name"]))
            structural = []
            if (position.unit.code or "") != r["unit_code"]:
                structural.append(("Unor", position.unit.code or "—", r["unit_code"]))
            if position.kind != r["kind"]:
                structural.append(
                    ("Jenis", str(KIND_LABELS.get(position.kind, position.kind)), kind_label)
                )
            if structural:
                _add(
                    changes,
                    "changed",
                    r["code"],
                    position.name,
                    r["row"],
                    fields + structural,
                    applicable=False,
                    note="Perpindahan unor atau perubahan jenis jabatan memengaruhi garis penilai: ubah melalui Struktur Organisasi.",
                )
            elif fields:
                _add(changes, "changed", r["code"], position.name, r["row"], fields, payload=r)
        _add_missing(
            changes,
            positions,
            rows,
            note="Tidak ada di berkas SIASN. Tidak dinonaktifkan otomatis.",
        )
    else:
        employees = {
            e.nip: e
            for e in Employee.objects.filter(
                nip__in={n for r in rows for n in (r["nip"], r["superior_nip"])}
            )
        }
        subject_ids = [employees[r["nip"]].pk for r in rows]
        current = current_assessor_map(subject_ids, today)
        assessor_ids = {a for a in current.values() if a}
        by_id = {e.pk: e for e in employees.values()}
        missing_ids = assessor_ids - set(by_id)
        if missing_ids:
            by_id.update({e.pk: e for e in Employee.objects.filter(pk__in=missing_ids)})
        for r in rows:
            employee, superior = employees[r["nip"]], employees[r["superior_nip"]]
            assessor_id = current.get(employee.pk)
            if assessor_id == superior.pk:
                continue
            before = by_id.get(assessor_id) if assessor_id else None
            fields = [
                (
                    "Pejabat penilai (atasan langsung)",
                    f"{before.full_name} ({before.nip})" if before else "— (tidak ada)",
                    f"{superior.full_name} ({superior.nip})",
                )
            ]
            _add(
                changes,
                "superior",
                employee.nip,
                employee.full_name,
                r["row"],
                fields,
                superior=True,
                note="Atasan menurut SIASN berbeda dari garis penilai di Kinerja. Data atasan SIASN sering keliru: terima hanya bila sudah dipastikan.",
                payload=r,
            )
    return changes


def fingerprint(changes: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(changes, sort_keys=True, default=str).encode()).hexdigest()
