"""Demo content for planning: RPJMD goals, Perjanjian Kinerja of Dinas Kesehatan and Dinas
Pendidikan dan Kebudayaan, the example-RHK library, and a cascade of SKPs in Dinas Kesehatan.

Deterministic (people are found by unit code and NIP order) and idempotent (running it again
changes nothing).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from kinerja.accounts.demo import data
from kinerja.accounts.models import User
from kinerja.organisations.models import Employee, OrgUnit

from . import services
from .domain.orgplan import TargetRow
from .models import AgreementTarget, OrgGoal, RhkExample, Skp
from .org_services.agreements import _add_target

GOALS = [
    ("S1", "Meningkatnya derajat kesehatan masyarakat", "Usia harapan hidup", "71.50", "tahun"),
    ("S2", "Meningkatnya kualitas pendidikan", "Indeks pendidikan", "0.68", "indeks"),
]

# (unit code, goal code, sasaran, IKU, baseline, target, unit, quarterly targets)
AGREEMENTS = [
    (
        data.CODE_DINKES,
        "S1",
        "Meningkatnya kualitas pelayanan kesehatan",
        "Indeks kepuasan layanan kesehatan",
        "78",
        "85",
        "indeks",
        ("80", "82", "84", "85"),
    ),
    (
        data.CODE_DISDIKBUD,
        "S2",
        "Meningkatnya indeks prestasi siswa",
        "Rata-rata indeks prestasi siswa jenjang SD dan SMP",
        "72",
        "78",
        "indeks",
        ("73", "75", "76", "78"),
    ),
]

# (pattern, RHK, indicator, aspect, unit)
EXAMPLES = [
    ("pelaksana", "Tersusunnya laporan administrasi kegiatan unit yang tepat waktu",
     "Jumlah laporan administrasi yang diselesaikan", "quantity", "laporan"),
    ("pelaksana", "Terlaksananya pengelolaan arsip dan surat-menyurat unit",
     "Persentase surat yang diagendakan pada hari diterima", "time", "persen"),
    ("pengawas", "Terlaksananya kegiatan seksi sesuai rencana kerja",
     "Persentase kegiatan seksi yang terlaksana sesuai jadwal", "quantity", "persen"),
    ("pengawas", "Meningkatnya kualitas layanan seksi kepada masyarakat",
     "Jumlah pengaduan layanan yang ditindaklanjuti", "quality", "pengaduan"),
    ("administrator", "Tercapainya target program bidang",
     "Persentase indikator program bidang yang mencapai target", "quantity", "persen"),
    ("administrator", "Terkendalinya realisasi anggaran bidang",
     "Persentase realisasi anggaran bidang", "cost", "persen"),
    ("guru", "Terlaksananya pembelajaran yang berpusat pada murid",
     "Jumlah modul ajar yang disusun dan digunakan", "quantity", "modul"),
    ("guru", "Meningkatnya hasil belajar murid",
     "Persentase murid yang mencapai kriteria ketercapaian tujuan pembelajaran", "quality",
     "persen"),
    ("perawat", "Terlaksananya asuhan keperawatan sesuai standar",
     "Jumlah pasien yang mendapat asuhan keperawatan terdokumentasi", "quantity", "pasien"),
    ("perawat", "Meningkatnya keselamatan pasien",
     "Persentase kejadian pasien jatuh yang dapat dicegah", "quality", "persen"),
    ("pranata komputer", "Tersedianya layanan sistem informasi yang andal",
     "Persentase waktu layanan aplikasi tersedia (uptime)", "quality", "persen"),
    ("pranata komputer", "Terselesaikannya permintaan dukungan teknologi informasi",
     "Jumlah tiket dukungan TI yang diselesaikan", "quantity", "tiket"),
]  # fmt: skip


def _seed_goals(year: int) -> dict[str, OrgGoal]:
    goals = {}
    for order, (code, text, indicator, target, unit) in enumerate(GOALS, start=1):
        goals[code], _ = OrgGoal.objects.get_or_create(
            year=year,
            code=code,
            defaults={
                "text": text,
                "indicator": indicator,
                "target_value": Decimal(target),
                "target_unit": unit,
                "order": order,
            },
        )
    return goals


def _seed_agreements(year: int, goals: dict[str, OrgGoal]) -> dict[str, AgreementTarget]:
    found = {}
    for code, goal_code, objective, indicator, base, target, unit, quarters in AGREEMENTS:
        agency = OrgUnit.objects.filter(code=code).first()
        if agency is None:
            continue
        existing = AgreementTarget.objects.filter(
            agreement__unit=agency, agreement__year=year, indicator=indicator
        ).first()
        if existing is None:
            existing = _add_target(
                actor=None,
                unit=agency,
                year=year,
                row=TargetRow(
                    unit_code=code,
                    objective=objective,
                    indicator=indicator,
                    baseline=Decimal(base),
                    target_value=Decimal(target),
                    target_unit=unit,
                    quarters=tuple(Decimal(q) for q in quarters),  # type: ignore[arg-type]
                    goal_code=goal_code,
                ),
                goal=goals.get(goal_code),
            )
        found[code] = existing
    return found


def _seed_examples() -> int:
    created = 0
    for order, (pattern, rhk, indicator, aspect, unit) in enumerate(EXAMPLES, start=1):
        _, new = RhkExample.objects.update_or_create(
            pattern=pattern,
            rhk_text=rhk,
            defaults={
                "indicator_text": indicator,
                "aspect": aspect,
                "target_unit": unit,
                "order": order,
            },
        )
        created += new
    return created


def _person(condition: Q) -> Employee | None:
    return Employee.objects.filter(condition, is_active=True).order_by("nip").first()


def _user(employee: Employee | None) -> User | None:
    if employee is None:
        return None
    return User.objects.filter(employee=employee).first()


def _skp_with_rhk(employee, *, year, text, indicator, target, unit, parent=None, pk_target=None):
    """Create the employee's SKP with one Utama RHK, unless they already have one this year."""
    user = _user(employee)
    if user is None or Skp.objects.open().filter(employee=employee, year=year).exists():
        return None, None
    skp = services.create_skp(actor=user, employee=employee, year=year)
    rhk = services.add_rhk(
        actor=user,
        skp=skp,
        expected_version=skp.version,
        group="utama",
        text=text,
        parent=parent if not skp.is_jpt else None,
        agreement_target=pk_target if skp.is_jpt else None,
        cascading="direct" if parent is not None and not skp.is_jpt else "",
        perspective="service_recipients" if skp.is_jpt else "",
    )
    skp.refresh_from_db()
    services.add_indicator(
        actor=user,
        rhk=rhk,
        expected_version=skp.version,
        aspect="" if skp.is_jpt else "quality",
        text=indicator,
        target_min=Decimal(target),
        target_unit=unit,
    )
    skp.refresh_from_db()
    return skp, rhk


def _approve(skp: Skp | None) -> None:
    """Submit and approve; a link that cannot be satisfied (e.g. the assessor has no account)
    leaves the SKP as it is rather than failing the whole seed."""
    if skp is None:
        return
    assessor = _user(skp.assessor)
    if assessor is None:
        return
    try:
        services.submit_skp(actor=_user(skp.employee), skp=skp)
        services.approve_skp(actor=assessor, skp=Skp.objects.get(pk=skp.pk))
    except services.TransitionError:
        return


def _open_rhk(employee: Employee | None, year: int):
    if employee is None:
        return None
    skp = Skp.objects.open().filter(employee=employee, year=year).first()
    return skp.rhks.filter(group="utama").order_by("order", "id").first() if skp else None


def _seed_cascade(year: int, pk_target: AgreementTarget | None) -> list[str]:
    """Kepala dinas (JPT, linked to the PK) → kepala bidang → kepala seksi, all approved, and a
    draft for the pelaksana linked to the kepala seksi's RHK."""
    head = _person(Q(position__is_head=True, position__unit__code=data.CODE_DINKES))
    bidang = _person(Q(position__is_head=True, position__unit__code=data.CODE_DINKES_BIDANG))
    seksi = _person(Q(position__is_head=True, position__unit__code=data.CODE_DINKES_SEKSI))
    staff = _person(Q(position__kind="pelaksana", unit__code=data.CODE_DINKES_SEKSI))
    done = []
    steps = [
        (head, "Meningkatnya kualitas pelayanan kesehatan di Kabupaten Aceh Barat Daya",
         "Indeks kepuasan layanan kesehatan", "85", "indeks", True),
        (bidang, "Meningkatnya mutu pelayanan kesehatan primer dan rujukan",
         "Persentase puskesmas terakreditasi paripurna", "60", "persen", True),
        (seksi, "Terlaksananya pembinaan mutu layanan puskesmas",
         "Jumlah puskesmas yang dibina mutu layanannya", "12", "puskesmas", True),
        (staff, "Tersusunnya laporan pembinaan mutu layanan puskesmas",
         "Jumlah laporan pembinaan yang disusun", "12", "laporan", False),
    ]  # fmt: skip
    parent = None
    for employee, text, indicator, target, unit, approve in steps:
        if employee is None:
            break
        skp, rhk = _skp_with_rhk(
            employee,
            year=year,
            text=text,
            indicator=indicator,
            target=target,
            unit=unit,
            parent=parent,
            pk_target=pk_target,
        )
        if skp is not None:
            if approve:
                _approve(skp)
            done.append(employee.full_name)
        parent = rhk or _open_rhk(employee, year)
    return done


@transaction.atomic
def seed_planning(year: int) -> dict[str, object]:
    goals = _seed_goals(year)
    targets = _seed_agreements(year, goals)
    examples = _seed_examples()
    skps = _seed_cascade(year, targets.get(data.CODE_DINKES))
    return {"goals": len(goals), "agreements": len(targets), "examples": examples, "skps": skps}
