"""The demo accounts worth showing, found from the seeded data itself (no table of their own).

Each persona is the first matching employee (by NIP) in a unit with a fixed demo code, or the
first holder of a role, so the answer is the same every time for the same seed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db.models import Q

from kinerja.organisations.models import Employee

from . import data

# (role, label shown to people, filter that finds the employee)
PERSONA_QUERIES: list[tuple[str, str, Q]] = [
    (
        "bkpsdm_admin",
        "Admin BKPSDM",
        Q(role_grants__role="bkpsdm_admin", role_grants__is_active=True),
    ),
    ("regent", "Bupati", Q(position__kind="regent")),
    ("sekda", "Sekretaris Daerah", Q(position__is_head=True, position__unit__code=data.CODE_SETDA)),
    (
        "kepala_dinas_kesehatan",
        "Kepala Dinas Kesehatan",
        Q(position__is_head=True, position__unit__code=data.CODE_DINKES),
    ),
    (
        "kepala_bidang",
        "Kepala Bidang (Dinas Kesehatan)",
        Q(position__is_head=True, position__unit__code=data.CODE_DINKES_BIDANG),
    ),
    (
        "kepala_seksi",
        "Kepala Seksi (Dinas Kesehatan)",
        Q(position__is_head=True, position__unit__code=data.CODE_DINKES_SEKSI),
    ),
    (
        "pelaksana",
        "Pelaksana (Dinas Kesehatan)",
        Q(position__kind="pelaksana", unit__code=data.CODE_DINKES_SEKSI),
    ),
    (
        "guru",
        "Guru",
        Q(position__name__startswith="Guru ", unit__code=f"{data.CODE_DISDIKBUD}.SCH001"),
    ),
    (
        "pranata_komputer",
        "Pranata Komputer (Diskominsa)",
        Q(position__name__startswith="Pranata Komputer", unit__agency__code=data.CODE_DISKOMINSA),
    ),
    (
        "kepala_dinas_sosial",
        "Kepala Dinas Sosial",
        Q(position__is_head=True, position__unit__code=data.CODE_DINSOS),
    ),
    (
        "opd_admin",
        "Pengelola Kinerja Dinas Kesehatan",
        Q(role_grants__role="opd_admin", role_grants__is_active=True),
    ),
    ("auditor", "Auditor Inspektorat", Q(role_grants__role="auditor", role_grants__is_active=True)),
]


@dataclass(frozen=True)
class Persona:
    role: str
    label: str
    nip: str
    password: str
    name: str
    position: str
    unit: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def find_personas() -> list[Persona]:
    """One employee per demo role, in a fixed order; roles without a match are left out."""
    found: list[Persona] = []
    for role, label, condition in PERSONA_QUERIES:
        employee = (
            Employee.objects.filter(condition, is_active=True)
            .select_related("unit", "position")
            .order_by("nip")
            .first()
        )
        if employee is None:
            continue
        found.append(
            Persona(
                role=role,
                label=label,
                nip=employee.nip,
                password=data.DEMO_PASSWORD,
                name=employee.full_name,
                position=employee.position.name if employee.position else "",
                unit=employee.unit.name if employee.unit else "",
            )
        )
    return found
