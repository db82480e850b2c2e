"""Checks of the assessor overrides sheet (Penilai): every NIP registered or in the employees
sheet, no self-assessment, one override per employee and start date, the scope, overrides
already registered skipped, and no assessor cycle (file overrides first, then the database).
"""

from __future__ import annotations

import datetime as dt

from kinerja.organisations.domain.nip import NipError, parse_nip
from kinerja.organisations.domain.supervision import find_cycle
from kinerja.organisations.models import Employee, SupervisionOverride
from kinerja.organisations.selectors import current_assessor_map

from .. import cells
from ..reader import RowError
from ..spec import OVERRIDES
from ._common import _chunks, _Row, _text, _ValidatorBase
from .plan import OverrideOp


class _OverrideChecks(_ValidatorBase):
    """`overrides_sheet`: one `OverrideOp` per accepted row; runs after `employees_sheet`."""

    def overrides_sheet(self) -> None:
        sheet = self.parsed.sheet("overrides")
        if sheet is None:
            return
        seen: dict[tuple[str, dt.date], int] = {}
        candidates: list[OverrideOp] = []
        for raw in sheet.rows:
            self.tick()
            r = _Row(OVERRIDES, sheet.title, raw, self.errors)
            nips: dict[str, str | None] = {}
            for key in ("nip", "assessor_nip", "superior_nip"):
                value = r.get(key, cells.nip_text, required=key != "superior_nip")
                nips[key] = None
                if value:
                    try:
                        nips[key] = parse_nip(value).value
                    except NipError as exc:
                        r.error(key, str(exc))
            start = r.get("start_date", cells.date, required=True)
            end = r.get("end_date", cells.date)
            reason = r.get("reason", _text(1000), required=True)
            if start and end and end < start:
                r.error("end_date", "Tanggal akhir tidak boleh sebelum tanggal mulai.")
            if r.failed:
                continue
            nip, assessor = nips["nip"], nips["assessor_nip"]
            for key in ("nip", "assessor_nip", "superior_nip"):
                value = nips[key]
                if value and value not in self.db_employees and value not in self.file_employees:
                    r.error(
                        key,
                        f"Pegawai dengan NIP {value} tidak terdaftar dan tidak ada di lembar Pegawai.",
                    )
            if nip == assessor:
                r.error("assessor_nip", "Pegawai tidak dapat menilai dirinya sendiri.")
            if (nip, start) in seen:
                r.error(
                    "start_date",
                    f"Penetapan untuk pegawai dan tanggal ini sudah ada di baris {seen[(nip, start)]}.",
                )
            if r.failed:
                continue
            seen[(nip, start)] = raw.number
            if not self._employee_in_scope(nip):
                r.error("nip", "Pegawai ini berada di luar perangkat daerah Anda.")
                continue
            candidates.append(
                OverrideOp(raw.number, nip, assessor, nips["superior_nip"], start, end, reason)
            )
        self._mark_existing(candidates)
        self._check_cycles(candidates, sheet.title)
        self.plan.overrides.extend(candidates)

    def _employee_in_scope(self, nip: str) -> bool:
        op = self.file_employees.get(nip)
        if op is not None:
            return True  # the employees sheet already checked its scope
        existing = self.db_employees[nip]
        unit = self.unit_by_id.get(existing["unit_id"]) if existing["unit_id"] else None
        return self.scope.covers(unit[2] if unit else None)

    def _mark_existing(self, ops: list[OverrideOp]) -> None:
        ids = [self.db_employees[o.nip]["id"] for o in ops if o.nip in self.db_employees]
        existing = set()
        for chunk in _chunks(ids):
            existing.update(
                SupervisionOverride.objects.filter(employee_id__in=chunk).values_list(
                    "employee_id", "assessor_id", "start_date"
                )
            )
        for op in ops:
            emp = self.db_employees.get(op.nip)
            ass = self.db_employees.get(op.assessor_nip)
            if emp and ass and (emp["id"], ass["id"], op.start_date) in existing:
                op.skip = True

    def _check_cycles(self, ops: list[OverrideOp], title: str) -> None:
        """Follow assessor links (file overrides first, then the database) from each override."""
        for op in ops:
            on = op.start_date
            in_force = {
                o.nip: o.assessor_nip
                for o in sorted(ops, key=lambda o: o.start_date)
                if o.start_date <= on and (o.end_date is None or o.end_date >= on)
            }
            cache: dict[str, str | None] = {}

            def assessor_of(nip: str, in_force=in_force, cache=cache, on=on) -> str | None:
                if nip in in_force:
                    return in_force[nip]
                if nip not in cache:
                    emp = self.db_employees.get(nip)
                    if emp is None:
                        emp_id = (
                            Employee.objects.filter(nip=nip).values_list("id", flat=True).first()
                        )
                    else:
                        emp_id = emp["id"]
                    target = current_assessor_map([emp_id], on).get(emp_id) if emp_id else None
                    cache[nip] = (
                        Employee.objects.filter(pk=target).values_list("nip", flat=True).first()
                        if target
                        else None
                    )
                return cache[nip]

            cycle = find_cycle(op.nip, assessor_of)
            if cycle and len(cycle) > 1 and cycle[0] == cycle[-1]:
                chain = " → ".join(cycle)
                self.errors.append(
                    RowError(
                        title,
                        op.row,
                        "NIP Pejabat Penilai",
                        f"Penetapan ini membuat siklus penilai: {chain}.",
                    )
                )
