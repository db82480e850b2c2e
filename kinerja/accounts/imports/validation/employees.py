"""Checks of the employees sheet (Pegawai): NIPs unique and well formed, the position or unit
and its scope, new definitive assignments and their start dates, head positions not taken twice
(in the file or in the database), and which employees need a login.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

from kinerja.organisations.domain.nip import NipError, parse_nip
from kinerja.organisations.models import Assignment

from .. import cells
from ..reader import RowError
from ..spec import EMPLOYEES
from ._common import _Row, _text, _ValidatorBase
from .plan import EmployeeOp, UnitRef


class _EmployeeChecks(_ValidatorBase):
    """`employees_sheet`: one `EmployeeOp` per accepted row, kept by NIP in `file_employees`."""

    # ---- employees -------------------------------------------------------------------------
    def employees_sheet(self) -> None:
        sheet = self.parsed.sheet("employees")
        self.file_employees: dict[str, EmployeeOp] = {}
        if sheet is None:
            return
        seen: dict[str, int] = {}
        head_taken: dict[str, tuple[int, dt.date]] = {}
        for raw in sheet.rows:
            self.tick()
            r = _Row(EMPLOYEES, sheet.title, raw, self.errors)
            raw_nip = r.get("nip", cells.nip_text, required=True)
            nip = None
            if raw_nip:
                try:
                    parsed_nip = parse_nip(raw_nip)
                    nip = parsed_nip.value
                except NipError as exc:
                    r.error("nip", str(exc))
            if nip and nip in seen:
                r.error("nip", f"NIP ini sudah muncul di baris {seen[nip]}.")
                continue
            if nip:
                seen[nip] = raw.number
            name = r.get("name", _text(150), required=True)
            fields = {
                "name": name,
                "front_title": r.get("front_title", _text(40)),
                "back_title": r.get("back_title", _text(60)),
                "status": r.get(
                    "status",
                    lambda v: (
                        cells.choice(v, cells.STATUSES, "PNS, CPNS, PPPK, PPPK Paruh Waktu")
                        if v not in (None, "")
                        else ""
                    ),
                    required=True,
                ),
                "rank": r.get("rank", _text(60)),
                "email": r.get("email", _text(254)),
                "phone": r.get("phone", _text(20)),
            }
            if fields["email"]:
                try:
                    validate_email(fields["email"])
                except DjangoValidationError:
                    r.error("email", "Alamat surel tidak sah.")
            position_code = r.get("position_code", _text(64)) or None
            unit_code = r.get("unit_code", _text(64)) or None
            start_date = r.get("start_date", cells.date)
            if r.failed or nip is None:
                continue
            existing = self.db_employees.get(nip)
            position = self.positions.get(position_code) if position_code else None
            unit: UnitRef | None = None
            if position_code and position is None:
                r.error(
                    "position_code",
                    f"Kode jabatan “{position_code}” tidak ditemukan (harus sudah terdaftar atau ada di lembar Jabatan).",
                )
                continue
            if position is not None:
                if start_date is None:
                    r.error("start_date", "TMT Jabatan wajib diisi bila Kode Jabatan diisi.")
                    continue
                pos_unit_code = (
                    position.get("unit_code")
                    or self.unit_by_id.get(position["unit_id"], (None, None))[1]
                )
                unit = self.units.get(pos_unit_code) if pos_unit_code else None
                if unit is None:
                    unit = UnitRef(
                        "",
                        position["unit_id"],
                        position["path"],
                        self.scope.covers(position["path"]),
                        "",
                    )
                if unit_code and unit_code != pos_unit_code:
                    r.error(
                        "unit_code",
                        "Kode Unit tidak sesuai dengan unit jabatan. Kosongkan, unit mengikuti jabatan.",
                    )
                    continue
            elif unit_code:
                unit = self.units.get(unit_code)
                if unit is None:
                    r.error("unit_code", f"Kode unit “{unit_code}” tidak ditemukan.")
                    continue
            if unit is not None and not unit.in_scope:
                r.error(
                    "position_code" if position else "unit_code",
                    "Unit/jabatan ini berada di luar perangkat daerah Anda.",
                )
                continue
            if existing is not None:
                old_unit = self.unit_by_id.get(existing["unit_id"]) if existing["unit_id"] else None
                if not self.scope.covers(old_unit[2] if old_unit else None):
                    r.error(
                        "nip", "Pegawai dengan NIP ini terdaftar di luar perangkat daerah Anda."
                    )
                    continue
            elif unit is None and not self.scope.everywhere:
                r.error("unit_code", "Isi Kode Jabatan atau Kode Unit dalam perangkat daerah Anda.")
                continue
            op = EmployeeOp(raw.number, nip, fields, unit_code, position_code, start_date)
            op.unit = unit
            if existing is not None:
                op.existing_id = existing["id"]
                op.changed = any(
                    value not in (None, "") and existing[key] != value
                    for key, value in fields.items()
                    if key in existing
                )
                if position is None and unit is not None and existing["position_id"]:
                    r.error(
                        "unit_code",
                        "Pegawai ini memiliki jabatan; isi Kode Jabatan untuk memindahkannya.",
                    )
                    continue
                if position is None and unit is not None and unit.id != existing["unit_id"]:
                    op.changed = True
                op.needs_login = existing["id"] not in self.logins
            else:
                op.needs_login = True
            if op.needs_login and nip in self.free_users:
                op.link_user_id = self.free_users[nip]
            elif op.needs_login and nip in self.taken_usernames:
                r.error("nip", "NIP ini sudah dipakai sebagai nama pengguna akun pegawai lain.")
                continue
            if position is not None:
                opens = self.open_assignments.get(existing["id"], []) if existing else []
                if not any(pid == position["id"] and position["id"] for _, pid, _ in opens):
                    op.new_assignment = True
                    op.changed = op.changed or existing is not None
                    for aid, _, started in opens:
                        if started >= start_date:
                            r.error(
                                "start_date",
                                f"TMT Jabatan harus setelah TMT jabatan sebelumnya ({started:%d-%m-%Y}).",
                            )
                        op.end_assignment_id = aid
                    if position["is_head"]:
                        taken = head_taken.get(position_code)
                        if taken is not None:
                            r.error(
                                "position_code",
                                f"Jabatan kepala ini sudah diisi pegawai di baris {taken[0]}.",
                            )
                        head_taken[position_code] = (raw.number, start_date)
                if r.failed:
                    continue
            self.file_employees[nip] = op
            self.plan.employees.append(op)
        self._check_head_occupancy(head_taken)

    def _check_head_occupancy(self, head_taken: dict[str, tuple[int, dt.date]]) -> None:
        """A head position held definitively by someone else on the start date cannot be taken."""
        ids = {self.positions[c]["id"]: c for c in head_taken if self.positions[c]["id"]}
        if not ids:
            return
        moving = {
            op.existing_id: op for op in self.plan.employees if op.existing_id and op.new_assignment
        }
        for employee_id, position_id, start, end in Assignment.objects.filter(
            position_id__in=list(ids), acting="definitive"
        ).values_list("employee_id", "position_id", "start_date", "end_date"):
            code = ids[position_id]
            row, wanted = head_taken[code]
            if self.employee_ids.get(employee_id) == self._nip_at_row(row):
                continue
            if start > wanted or (end is not None and end < wanted):
                continue
            mover = moving.get(employee_id)
            if mover is not None and mover.start_date and mover.start_date <= wanted:
                continue
            self.errors.append(
                RowError(
                    EMPLOYEES.title,
                    row,
                    "Kode Jabatan",
                    "Jabatan kepala ini masih dijabat pegawai lain secara definitif pada TMT tersebut.",
                )
            )

    def _nip_at_row(self, row: int) -> str | None:
        return next((op.nip for op in self.plan.employees if op.row == row), None)
