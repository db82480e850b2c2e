"""Check every row of a parsed file against the database and the file itself, and build a plan.

Nothing is written here. Rows may refer to units and positions by code, either already
registered or on an earlier row of the same file. The result lists every problem found
(sheet, row, column, message) and, when there are none, the plan that `commit` carries out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

from kinerja.core import clock
from kinerja.organisations.access import access_for
from kinerja.organisations.domain.nip import NipError, parse_nip
from kinerja.organisations.domain.positions import FunctionalLevel, PositionKind, level_is_valid
from kinerja.organisations.domain.supervision import find_cycle
from kinerja.organisations.models import (
    AGENCY_KINDS,
    Assignment,
    Employee,
    OrgUnit,
    Position,
    SupervisionOverride,
)
from kinerja.organisations.selectors import current_assessor_map

from ..models import User
from . import cells
from .reader import ParsedFile, RawRow, RowError
from .spec import EMPLOYEES, OVERRIDES, POSITIONS, UNITS, SheetSpec

CHUNK = 500
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Scope:
    """Where the importing user may write: everywhere, or inside some unit subtrees."""

    everywhere: bool
    paths: tuple[str, ...] = ()

    def covers(self, path: str | None) -> bool:
        if self.everywhere:
            return True
        return path is not None and any(path.startswith(p) for p in self.paths)


def scope_for(actor: Any) -> Scope:
    """BKPSDM admins and superusers import anywhere, OPD admins inside their agency, others not."""
    if actor is None:
        return Scope(everywhere=True)
    access = access_for(actor)
    if access.manages_all:
        return Scope(everywhere=True)
    if access.is_opd_admin and access.admin_unit_paths:
        return Scope(everywhere=False, paths=access.admin_unit_paths)
    raise PermissionDenied(
        "Hanya admin BKPSDM dan pengelola kinerja perangkat daerah yang dapat mengimpor data."
    )


@dataclass
class UnitRef:
    code: str
    id: int | None  # None while it exists only in the file
    path: str | None
    in_scope: bool
    kind: str


@dataclass
class UnitOp:
    row: int
    code: str
    name: str
    kind: str
    short_name: str | None
    parent_code: str | None
    existing_id: int | None = None
    changed: bool = False
    move_to_id: int | None = None


@dataclass
class PositionOp:
    row: int
    code: str
    name: str
    unit_code: str
    kind: str
    level: str
    is_head: bool
    class_grade: int | None
    existing_id: int | None = None
    changed: bool = False


@dataclass
class EmployeeOp:
    row: int
    nip: str
    fields: dict[str, Any]
    unit_code: str | None
    position_code: str | None
    start_date: dt.date | None
    existing_id: int | None = None
    changed: bool = False
    new_assignment: bool = False
    end_assignment_id: int | None = None
    needs_login: bool = False
    link_user_id: int | None = None
    unit: UnitRef | None = None


@dataclass
class OverrideOp:
    row: int
    nip: str
    assessor_nip: str
    superior_nip: str | None
    start_date: dt.date
    end_date: dt.date | None
    reason: str
    skip: bool = False


@dataclass
class Plan:
    units: list[UnitOp] = field(default_factory=list)
    positions: list[PositionOp] = field(default_factory=list)
    employees: list[EmployeeOp] = field(default_factory=list)
    overrides: list[OverrideOp] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        def count(ops, pred) -> int:
            return sum(1 for op in ops if pred(op))

        return {
            "units_new": count(self.units, lambda o: o.existing_id is None),
            "units_updated": count(self.units, lambda o: o.existing_id and o.changed),
            "positions_new": count(self.positions, lambda o: o.existing_id is None),
            "positions_updated": count(self.positions, lambda o: o.existing_id and o.changed),
            "employees_new": count(self.employees, lambda o: o.existing_id is None),
            "employees_updated": count(self.employees, lambda o: o.existing_id and o.changed),
            "assignments_new": count(self.employees, lambda o: o.new_assignment),
            "accounts_new": count(self.employees, lambda o: o.needs_login),
            "overrides_new": count(self.overrides, lambda o: not o.skip),
        }


@dataclass
class Result:
    errors: list[RowError]
    plan: Plan
    rows: int

    @property
    def ok(self) -> bool:
        return not self.errors


class _Row:
    """Collects a row's errors; `get` reads a cell through a converter and records failures."""

    def __init__(self, spec: SheetSpec, sheet: str, raw: RawRow, errors: list[RowError]):
        self.spec, self.sheet, self.raw, self.errors = spec, sheet, raw, errors
        self.failed = False
        self.headers = {c.key: c.header for c in spec.columns}

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.errors.append(
            RowError(self.sheet, self.raw.number, self.headers.get(key, key), message)
        )

    def get(self, key: str, convert: Callable[[Any], Any], *, required: bool = False) -> Any:
        value = self.raw.values.get(key)
        try:
            result = convert(value)
        except cells.CellError as exc:
            self.error(key, str(exc))
            return None
        if required and result in (None, ""):
            self.error(key, "Wajib diisi.")
            return None
        return result


def _text(n: int) -> Callable[[Any], str]:
    return lambda v: cells.text(v, max_length=n)


def _chunks(items: list[Any], size: int = 900) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Validator:
    def __init__(self, parsed: ParsedFile, scope: Scope, progress: Progress | None = None):
        self.parsed, self.scope = parsed, scope
        self.progress = progress or (lambda n: None)
        self.errors: list[RowError] = list(parsed.errors)
        self.plan = Plan()
        self.done = 0
        self.today = clock.today()

    def tick(self) -> None:
        self.done += 1
        if self.done % CHUNK == 0:
            self.progress(self.done)

    # ---- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        units = list(
            OrgUnit.objects.values_list(
                "id", "code", "path", "kind", "name", "short_name", "parent_id"
            )
        )
        self.unit_by_id = {u[0]: u for u in units}
        self.units: dict[str, UnitRef] = {}
        self.db_units: dict[str, tuple] = {}
        for u in units:
            if u[1]:
                self.db_units[u[1]] = u
                self.units[u[1]] = UnitRef(u[1], u[0], u[2], self.scope.covers(u[2]), u[3])
        self.db_positions = {
            p["code"]: p
            for p in Position.objects.filter(code__isnull=False).values(
                "id",
                "code",
                "name",
                "unit_id",
                "kind",
                "level",
                "is_head",
                "class_grade",
                "is_active",
            )
        }
        self.positions: dict[str, dict[str, Any]] = {}
        for code, p in self.db_positions.items():
            unit = self.unit_by_id.get(p["unit_id"])
            self.positions[code] = {
                "id": p["id"],
                "unit_key": ("id", p["unit_id"]),
                "unit_id": p["unit_id"],
                "is_head": p["is_head"] and p["is_active"],
                "path": unit[2] if unit else None,
            }
        # Active heads per unit: unit key -> set of position keys.
        self.heads: dict[tuple, set[tuple]] = defaultdict(set)
        for pid, unit_id in Position.objects.filter(is_head=True, is_active=True).values_list(
            "id", "unit_id"
        ):
            self.heads[("id", unit_id)].add(("id", pid))

        nips: set[str] = set()
        for kind, key in (
            ("employees", "nip"),
            ("overrides", "nip"),
            ("overrides", "assessor_nip"),
            ("overrides", "superior_nip"),
        ):
            sheet = self.parsed.sheet(kind)
            for raw in sheet.rows if sheet else []:
                value = raw.values.get(key)
                if isinstance(value, str):
                    with contextlib.suppress(NipError):
                        nips.add(parse_nip(value).value)
        self.db_employees: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(nips)):
            for e in Employee.objects.filter(nip__in=chunk).values(
                "id",
                "nip",
                "name",
                "front_title",
                "back_title",
                "status",
                "rank",
                "email",
                "phone",
                "unit_id",
                "position_id",
                "version",
            ):
                self.db_employees[e["nip"]] = e
        ids = [e["id"] for e in self.db_employees.values()]
        self.open_assignments: dict[int, list[tuple[int, int, dt.date]]] = defaultdict(list)
        self.logins: set[int] = set()
        for chunk in _chunks(ids):
            for a in Assignment.objects.filter(
                employee_id__in=chunk, acting="definitive", end_date__isnull=True
            ).values_list("employee_id", "id", "position_id", "start_date"):
                self.open_assignments[a[0]].append(a[1:])
            self.logins.update(
                User.objects.filter(employee_id__in=chunk).values_list("employee_id", flat=True)
            )
        # Logins that already carry the NIP but no employee (made by hand) are linked, not doubled.
        self.free_users: dict[str, int] = {}
        self.taken_usernames: set[str] = set()
        for chunk in _chunks(sorted(nips)):
            for username, user_id, employee_id in User.objects.filter(
                username__in=chunk
            ).values_list("username", "id", "employee_id"):
                if employee_id is None:
                    self.free_users[username] = user_id
                else:
                    self.taken_usernames.add(username)
        self.employee_ids = {e["id"]: nip for nip, e in self.db_employees.items()}

    # ---- units -----------------------------------------------------------------------------
    def units_sheet(self) -> None:
        sheet = self.parsed.sheet("units")
        if sheet is None:
            return
        seen: dict[str, int] = {}
        for raw in sheet.rows:
            self.tick()
            r = _Row(UNITS, sheet.title, raw, self.errors)
            code = r.get("code", _text(64), required=True)
            name = r.get("name", _text(200), required=True)
            kind = r.get(
                "kind",
                lambda v: (
                    cells.choice(v, cells.UNIT_KINDS, "lihat lembar Petunjuk")
                    if v not in (None, "")
                    else ""
                ),
                required=True,
            )
            parent_code = r.get("parent_code", _text(64)) or None
            short_name = r.get("short_name", _text(60))
            if code and code in seen:
                r.error("code", f"Kode unit ini sudah dipakai di baris {seen[code]}.")
                continue
            if code:
                seen[code] = raw.number
            if r.failed:
                continue
            existing = self.db_units.get(code)
            parent: UnitRef | None = None
            if parent_code:
                if parent_code == code:
                    r.error("parent_code", "Unit tidak boleh menjadi induk dirinya sendiri.")
                    continue
                parent = self.units.get(parent_code)
                if parent is None:
                    r.error(
                        "parent_code",
                        f"Kode unit induk “{parent_code}” tidak ditemukan (harus sudah terdaftar atau ada di baris sebelumnya).",
                    )
                    continue
            op = UnitOp(raw.number, code, name, kind, short_name or None, parent_code)
            if existing is None:
                if parent is None and not self.scope.everywhere:
                    r.error(
                        "parent_code",
                        "Unit teratas hanya dapat dibuat oleh admin BKPSDM. Isi kode unit induk.",
                    )
                    continue
                if parent is not None and not parent.in_scope:
                    r.error("parent_code", "Unit induk berada di luar perangkat daerah Anda.")
                    continue
                self.units[code] = UnitRef(
                    code, None, None, parent.in_scope if parent else True, kind
                )
            else:
                uid, _, path, old_kind, old_name, old_short, old_parent = existing
                if not self.scope.covers(path):
                    r.error("code", "Unit ini berada di luar perangkat daerah Anda.")
                    continue
                if (old_kind in AGENCY_KINDS) != (kind in AGENCY_KINDS):
                    r.error(
                        "kind",
                        "Perubahan jenis antara perangkat daerah dan unit di bawahnya tidak dapat dilakukan lewat impor.",
                    )
                    continue
                op.existing_id = uid
                if parent is not None and parent.id != old_parent:
                    if parent.id is None:
                        r.error(
                            "parent_code",
                            "Unit yang sudah terdaftar hanya dapat dipindahkan ke unit induk yang sudah terdaftar.",
                        )
                        continue
                    if parent.path and parent.path.startswith(path):
                        r.error(
                            "parent_code", "Unit tidak dapat dipindahkan ke bawah dirinya sendiri."
                        )
                        continue
                    if not parent.in_scope:
                        r.error("parent_code", "Unit induk berada di luar perangkat daerah Anda.")
                        continue
                    op.move_to_id = parent.id
                op.changed = (
                    op.move_to_id is not None
                    or name != old_name
                    or kind != old_kind
                    or (short_name is not None and short_name != "" and short_name != old_short)
                )
                self.units[code].kind = kind
            self.plan.units.append(op)

    # ---- positions -------------------------------------------------------------------------
    def positions_sheet(self) -> None:
        sheet = self.parsed.sheet("positions")
        if sheet is None:
            return
        seen: dict[str, int] = {}
        head_rows: dict[tuple, list[tuple[_Row, tuple]]] = defaultdict(list)
        for raw in sheet.rows:
            self.tick()
            r = _Row(POSITIONS, sheet.title, raw, self.errors)
            code = r.get("code", _text(64), required=True)
            name = r.get("name", _text(200), required=True)
            unit_code = r.get("unit_code", _text(64), required=True)
            kind = r.get(
                "kind",
                lambda v: (
                    cells.choice(v, cells.POSITION_KINDS, "lihat lembar Petunjuk")
                    if v not in (None, "")
                    else ""
                ),
                required=True,
            )
            level = r.get(
                "level",
                lambda v: (
                    cells.choice(v, cells.LEVELS, "lihat lembar Petunjuk")
                    if v not in (None, "")
                    else ""
                ),
            )
            is_head = r.get("is_head", cells.yes_no)
            class_grade = r.get("class_grade", lambda v: cells.whole_number(v, low=1, high=17))
            if code and code in seen:
                r.error("code", f"Kode jabatan ini sudah dipakai di baris {seen[code]}.")
                continue
            if code:
                seen[code] = raw.number
            if (
                kind
                and level is not None
                and not level_is_valid(
                    PositionKind(kind), FunctionalLevel(level) if level else None
                )
            ):
                r.error(
                    "level",
                    "Jenjang tidak sesuai dengan jenis jabatan (jabatan fungsional wajib berjenjang sesuai rumpunnya; jabatan lain tanpa jenjang).",
                )
            unit = self.units.get(unit_code) if unit_code else None
            if unit_code and unit is None:
                r.error(
                    "unit_code",
                    f"Kode unit “{unit_code}” tidak ditemukan (harus sudah terdaftar atau ada di lembar Unit).",
                )
            elif unit is not None and not unit.in_scope:
                r.error("unit_code", "Unit ini berada di luar perangkat daerah Anda.")
            existing = self.db_positions.get(code) if code else None
            if existing is not None and not self.scope.covers(self.positions[code]["path"]):
                r.error("code", "Jabatan ini berada di luar perangkat daerah Anda.")
            if r.failed or unit is None:
                continue
            op = PositionOp(
                raw.number, code, name, unit_code, kind, level or "", bool(is_head), class_grade
            )
            unit_key = ("id", unit.id) if unit.id else ("code", unit_code)
            pos_key: tuple = ("id", existing["id"]) if existing else ("code", code)
            if existing is not None:
                op.existing_id = existing["id"]
                old_key = ("id", existing["unit_id"])
                self.heads[old_key].discard(pos_key)
                op.changed = any(
                    [
                        existing["name"] != name,
                        existing["unit_id"] != unit.id,
                        existing["kind"] != kind,
                        existing["level"] != (level or ""),
                        existing["is_head"] != bool(is_head),
                        class_grade is not None and existing["class_grade"] != class_grade,
                        not existing["is_active"],
                    ]
                )
            if is_head:
                self.heads[unit_key].add(pos_key)
                head_rows[unit_key].append((r, pos_key))
            self.positions[code] = {
                "id": existing["id"] if existing else None,
                "unit_key": unit_key,
                "unit_id": unit.id,
                "unit_code": unit_code,
                "is_head": bool(is_head),
                "path": unit.path,
            }
            self.plan.positions.append(op)
        for unit_key, rows in head_rows.items():
            if len(self.heads[unit_key]) > 1:
                for r, _ in rows:
                    r.error("is_head", "Unit ini akan memiliki lebih dari satu jabatan kepala.")

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

    # ---- overrides -------------------------------------------------------------------------
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

    def run(self) -> Result:
        self.load()
        self.units_sheet()
        self.positions_sheet()
        self.employees_sheet()
        self.overrides_sheet()
        self.progress(self.done)
        self.errors.sort(
            key=lambda e: (
                [s.title for s in (UNITS, POSITIONS, EMPLOYEES, OVERRIDES)].index(e.sheet)
                if e.sheet in {"Unit", "Jabatan", "Pegawai", "Penilai"}
                else -1,
                e.row,
            )
        )
        return Result(self.errors, self.plan, self.parsed.row_count)


def validate(parsed: ParsedFile, scope: Scope, progress: Progress | None = None) -> Result:
    """Check every row; never writes. The plan is only meaningful when `result.ok`."""
    return Validator(parsed, scope, progress).run()
