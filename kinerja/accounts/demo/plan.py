"""The demo regency as plain data: units, head posts, people and who sits where.

Pure Python and deterministic: the same (employees, seed) always gives the same plan, so the
same NIPs. `kinerja.accounts.demo.seeder` writes a plan to the database in bulk.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from kinerja.organisations.domain.nip import Gender

from . import data
from .people import PersonTraits

MIN_EMPLOYEES = 30
FULL_SCALE = 3000  # from this many employees every bidang and seksi of the lists exists
LATEST_START = dt.date(data.DATA_DATE_YEAR, 6, 30)


@dataclass
class UnitPlan:
    key: int
    code: str
    name: str
    kind: str
    parent: int | None
    head_name: str
    head_kind: str
    agency_index: int | None  # index into data.AGENCIES, None for the root
    group: str = "office"  # office | school | health | hospital


@dataclass
class PersonPlan:
    nip: str
    name: str
    front_title: str
    back_title: str
    gender: str
    birth_date: dt.date
    status: str
    rank: str
    email: str
    phone: str
    unit: int  # UnitPlan.key
    job: tuple[str, str, str, bool]  # (position name, kind, level, is_head)
    start_date: dt.date
    decree: str
    acting_in: list[int] = field(default_factory=list)  # unit keys where this person is Plt


@dataclass
class Plan:
    units: list[UnitPlan]
    people: list[PersonPlan]
    roles: list[tuple[int, str, int | None]]  # (person index, role, unit key for opd_admin)


def _sub_kind(name: str) -> str:
    for prefix, kind in (
        ("Bidang", "bidang"),
        ("Bagian", "bagian"),
        ("Subbagian", "subbagian"),
        ("Subbidang", "seksi"),
        ("Seksi", "seksi"),
        ("Inspektur", "bidang"),
    ):
        if name.startswith(prefix):
            return kind
    return "seksi"


def _head_title(name: str) -> str:
    return name if name.startswith("Inspektur") else f"Kepala {name}"


def _head_kind_of(kind: str) -> str:
    return "administrator" if kind in {"bidang", "bagian"} else "pengawas"


class _Builder(PersonTraits):
    def __init__(self, employees: int, seed: int) -> None:
        self.n = employees
        self.rng = random.Random(seed)
        self.scale = min(1.0, employees / FULL_SCALE)
        self.units: list[UnitPlan] = []
        self.by_code: dict[str, UnitPlan] = {}
        self.nip_sequence: dict[str, int] = {}
        self.decree_no = 0

    # --- units -----------------------------------------------------------------------------

    def unit(self, code, name, kind, parent, head_name, head_kind, agency_index, group="office"):
        plan = UnitPlan(
            len(self.units), code, name, kind, parent, head_name, head_kind, agency_index, group
        )
        self.units.append(plan)
        self.by_code[code] = plan
        return plan

    def _count(self, available: int, minimum: int = 0) -> int:
        if self.scale < 0.1:
            return min(available, minimum)
        return max(minimum, min(available, math.ceil(available * self.scale)))

    def build_units(self) -> None:
        root = self.unit(
            data.REGENCY_CODE,
            data.REGENCY_NAME,
            "government",
            None,
            "Bupati Aceh Barat Daya",
            "regent",
            None,
        )
        for index, agency in enumerate(data.AGENCIES):
            code = f"{data.REGENCY_CODE}.{agency.code}"
            group = "hospital" if agency.kind == "hospital" else "office"
            unit = self.unit(
                code,
                agency.name,
                agency.kind,
                root.key,
                agency.head,
                agency.head_kind,
                index,
                group,
            )
            if agency.secretariat and self.scale >= 0.5:
                short = agency.short or agency.name
                sek = self.unit(
                    f"{code}.SEK",
                    f"Sekretariat {short}",
                    "bagian",
                    unit.key,
                    f"Sekretaris {short}",
                    "administrator",
                    index,
                    group,
                )
                for j, sub in enumerate(data.SUBBAG[: self._count(len(data.SUBBAG))], 1):
                    self.unit(
                        f"{sek.code}.{j:02d}",
                        sub,
                        "subbagian",
                        sek.key,
                        _head_title(sub),
                        "pengawas",
                        index,
                        group,
                    )
            required = code == data.CODE_DINKES
            for b, (sub_name, seksi_names) in enumerate(
                agency.subs[: self._count(len(agency.subs), 1 if required else 0)], 1
            ):
                kind = _sub_kind(sub_name)
                sub = self.unit(
                    f"{code}.B{b:02d}",
                    sub_name,
                    kind,
                    unit.key,
                    _head_title(sub_name),
                    _head_kind_of(kind) if agency.kind != "kecamatan" else "pengawas",
                    index,
                    group,
                )
                needed = 1 if sub.code == data.CODE_DINKES_BIDANG else 0
                for s, seksi_name in enumerate(
                    seksi_names[: self._count(len(seksi_names), needed)], 1
                ):
                    seksi_kind = _sub_kind(seksi_name)
                    self.unit(
                        f"{sub.code}.S{s:02d}",
                        seksi_name,
                        seksi_kind,
                        sub.key,
                        _head_title(seksi_name),
                        "pengawas",
                        index,
                        group,
                    )
            if code == data.CODE_DINKES:
                for p, place in enumerate(
                    data.PUSKESMAS[: max(1, round(len(data.PUSKESMAS) * self.scale))], 1
                ):
                    self.unit(
                        f"{code}.PKM{p:02d}",
                        f"UPTD Puskesmas {place}",
                        "puskesmas",
                        unit.key,
                        f"Kepala UPTD Puskesmas {place}",
                        "pengawas",
                        index,
                        "health",
                    )
            if code == data.CODE_DISDIKBUD:
                per_kecamatan: dict[str, dict[str, int]] = {}
                for k in range(1, max(1, round(self.n * 0.33 / 13)) + 1):
                    kecamatan = data.KECAMATAN[(k - 1) % len(data.KECAMATAN)]
                    level = "SMP" if k % 4 == 0 else "SD"
                    counter = per_kecamatan.setdefault(kecamatan, {"SD": 0, "SMP": 0})
                    counter[level] += 1
                    name = f"{level} Negeri {counter[level]} {kecamatan}"
                    self.unit(
                        f"{code}.SCH{k:03d}",
                        name,
                        "school",
                        unit.key,
                        f"Kepala {name}",
                        "pengawas",
                        index,
                        "school",
                    )

    # --- people ----------------------------------------------------------------------------

    def person(
        self,
        unit: UnitPlan,
        job: tuple[str, str, str, bool],
        *,
        required: bool = False,
        fixed_name: str | None = None,
        gender: Gender | None = None,
    ) -> PersonPlan:
        rng = self.rng
        job_name, kind, level, _is_head = job
        if gender is None:
            female_share = 0.65 if unit.group in {"school", "health", "hospital"} else 0.45
            if kind in {"jpt_pratama", "administrator"}:
                female_share = 0.25
            gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
        status = self.status(kind, unit.group, required)
        low, high = self.age_range(kind, level, status)
        birth_year = data.DATA_DATE_YEAR - rng.randint(low, high)
        birth = dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        appointed = self.appointment(birth_year, kind, status)
        nip = self.nip(birth, appointed, gender)
        name = fixed_name or self.name(gender)
        front, back = self.titles(job_name, kind, level, birth_year)
        if front == "Drs." and gender is Gender.FEMALE:
            front = "Dra."
        service = data.DATA_DATE_YEAR - appointed[0]
        rank = self.rank(kind, level, status, back, service)
        first_possible = dt.date(appointed[0], appointed[1], 1)
        start_year = rng.randint(max(appointed[0], 2016), data.DATA_DATE_YEAR)
        start = max(first_possible, dt.date(start_year, rng.randint(1, 12), rng.randint(1, 28)))
        start = min(start, LATEST_START) if first_possible <= LATEST_START else first_possible
        self.decree_no += 1
        email_name = "".join(ch for ch in name.lower().split(" ")[-1] if ch.isalpha())
        return PersonPlan(
            nip=nip,
            name=name,
            front_title=front,
            back_title=back,
            gender=gender.value,
            birth_date=birth,
            status=status,
            rank=rank,
            email=f"{email_name}.{nip[-6:]}@abdyakab.go.id",
            phone=f"08{rng.choice(['52', '53', '12', '13', '22', '77'])}{rng.randint(10**7, 10**8 - 1)}",
            unit=unit.key,
            job=job,
            start_date=start,
            decree=f"821.2/{self.decree_no:04d}/{start.year}",
        )

    # --- staffing --------------------------------------------------------------------------

    def head_job(self, unit: UnitPlan) -> tuple[str, str, str, bool]:
        return (unit.head_name, unit.head_kind, "", True)

    def staff_jobs(self, unit: UnitPlan) -> list[tuple[str, str, str]]:
        if unit.group == "school":
            return [*data.TEACHERS, *data.TEACHERS, data.PELAKSANA[0]]
        if unit.group == "health":
            return data.PUSKESMAS_STAFF
        if unit.group == "hospital":
            return data.HOSPITAL_STAFF
        functional = (
            data.AGENCIES[unit.agency_index].functional if unit.agency_index is not None else []
        )
        # Six pelaksana to four functional staff, as in most offices after the 2021 reform.
        return [*data.PELAKSANA, *data.PELAKSANA[:2], *functional] if functional else data.PELAKSANA

    def build(self) -> Plan:
        self.build_units()
        units, by_code = self.units, self.by_code
        required_codes = [
            data.REGENCY_CODE,
            data.CODE_SETDA,
            data.CODE_DINKES,
            data.CODE_DINKES_BIDANG,
            data.CODE_DINKES_SEKSI,
            data.CODE_DINSOS,
            data.CODE_DISKOMINSA,
            data.CODE_BKPSDM,
            data.CODE_INSPEKTORAT,
            f"{data.CODE_DISDIKBUD}.SCH001",
        ]
        order = {"government": 0, "secretariat": 1}
        rest = sorted(
            (u for u in units if u.code not in required_codes),
            key=lambda u: (
                0
                if u.parent == 0
                else 1
                if u.code.endswith(".SEK")
                else 2
                if u.kind in {"bidang", "bagian"}
                else 3
                if u.kind in {"puskesmas", "school"}
                else 4,
                order.get(u.kind, 9),
                u.key,
            ),
        )
        head_units = [by_code[c] for c in required_codes] + rest
        budget = max(len(required_codes), min(len(head_units), int(self.n * 0.3)))
        people: list[PersonPlan] = []
        holder: dict[int, int] = {}  # unit key -> index of the definitive head
        vacant: list[UnitPlan] = []
        for position, unit in enumerate(head_units[:budget]):
            if position >= len(required_codes) and self.rng.random() < 0.05:
                vacant.append(unit)  # filled by a Plt below
                continue
            fixed = data.REGENT_NAME if unit.head_kind == "regent" else None
            person = self.person(
                unit,
                self.head_job(unit),
                required=True,
                fixed_name=fixed,
                gender=Gender.MALE if fixed else None,
            )
            holder[unit.key] = len(people)
            people.append(person)
        sekda = holder[by_code[data.CODE_SETDA].key]
        for unit in vacant:
            acting = None
            if unit.parent == 0:
                acting = holder.get(by_code.get(f"{unit.code}.SEK", unit).key)
            parent = unit.parent
            while acting is None and parent not in (None, 0):
                acting = holder.get(parent)
                parent = units[parent].parent
            people[sekda if acting is None else acting].acting_in.append(unit.key)

        def place(unit: UnitPlan, job: tuple[str, str, str]) -> int:
            people.append(self.person(unit, (*job, False), required=True))
            return len(people) - 1

        def first(*codes: str) -> UnitPlan:
            return next(by_code[c] for c in codes if c in by_code)

        place(by_code[data.CODE_DINKES_SEKSI], data.PELAKSANA[0])
        place(by_code[f"{data.CODE_DISDIKBUD}.SCH001"], data.TEACHERS[0])
        place(
            first(f"{data.CODE_DISKOMINSA}.B01", data.CODE_DISKOMINSA),
            ("Pranata Komputer Ahli Pertama", "functional_expert", "ahli_pertama"),
        )
        bkpsdm_admin = place(
            first(f"{data.CODE_BKPSDM}.B01", data.CODE_BKPSDM),
            ("Analis Sumber Daya Manusia Aparatur Ahli Muda", "functional_expert", "ahli_muda"),
        )
        opd_admin = place(
            first(f"{data.CODE_DINKES}.SEK.03", f"{data.CODE_DINKES}.SEK", data.CODE_DINKES),
            ("Administrator Kesehatan Ahli Pertama", "functional_expert", "ahli_pertama"),
        )
        auditor = place(
            by_code[data.CODE_INSPEKTORAT], ("Auditor Ahli Muda", "functional_expert", "ahli_muda")
        )
        remaining = self.n - len(people)
        if remaining < 0:
            raise ValueError(f"Jumlah pegawai minimal {len(people)}.")
        groups = {
            "school": [u for u in units if u.group == "school"],
            "health": [u for u in units if u.group in {"health", "hospital"}],
            "office": [u for u in units if u.group == "office" and u.parent is not None],
        }
        teachers = round(remaining * 0.34)
        health = round(remaining * 0.2)
        counts = {"school": teachers, "health": health, "office": remaining - teachers - health}
        for group, count in counts.items():
            pool = groups[group]
            weights = [10 if u.kind == "hospital" else 2 if u.parent == 0 else 1 for u in pool]
            for unit in self.rng.choices(pool, weights=weights, k=count):
                job = self.rng.choice(self.staff_jobs(unit))
                people.append(self.person(unit, (*job, False)))
        roles = [
            (holder[0], "leadership", None),
            (sekda, "leadership", None),
            (bkpsdm_admin, "bkpsdm_admin", None),
            (opd_admin, "opd_admin", by_code[data.CODE_DINKES].key),
            (auditor, "auditor", None),
        ]
        return Plan(units, people, roles)


def build_plan(*, employees: int, seed: int) -> Plan:
    """The whole demo regency for `employees` people; same arguments, same plan."""
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"Jumlah pegawai demo minimal {MIN_EMPLOYEES}.")
    return _Builder(employees, seed).build()
