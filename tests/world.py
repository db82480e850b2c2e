"""A small, fixed regency for tests: units, positions, people and their logins.

Names match the personas of the style guide: employee, supervisor (kepala seksi), unit head
(kepala bidang), agency head (kepala dinas), OPD admin, BKPSDM admin, regent, auditor, outsider.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from kinerja.accounts.models import User
from kinerja.organisations import services as org
from kinerja.organisations.domain.nip import Gender, build_nip
from kinerja.organisations.models import Employee, OrgUnit, Position

START = dt.date(2020, 1, 2)
PASSWORD = "Rahasia-Uji-123"
_sequence = itertools.count(1)


def new_nip(gender: Gender = Gender.MALE, born: dt.date = dt.date(1985, 3, 12)) -> str:
    return build_nip(born, (2010, 1), gender, next(_sequence) % 999 + 1)


def make_employee(
    unit: OrgUnit,
    position: Position | None,
    name: str,
    *,
    status: str = "pns",
    acting: str = "definitive",
    with_login: bool = True,
    start: dt.date = START,
) -> Employee:
    employee = org.create_employee(
        actor=None, unit=unit, nip=new_nip(), name=name, status=status, rank="III/a"
    )
    if position is not None:
        org.assign_position(
            actor=None, employee=employee, position=position, start_date=start, acting=acting
        )
        employee.refresh_from_db()
    if with_login:
        user = User(username=employee.nip, employee=employee)
        user.set_password(PASSWORD)
        user.save()
    return employee


@dataclass
class World:
    regency: OrgUnit
    health: OrgUnit
    health_bidang: OrgUnit
    health_seksi: OrgUnit
    puskesmas: OrgUnit
    it_agency: OrgUnit
    bkpsdm: OrgUnit
    inspectorate: OrgUnit
    regent: Employee
    sekda: Employee
    health_head: Employee
    bidang_head: Employee
    seksi_head: Employee
    staff: Employee
    nurse: Employee
    health_admin: Employee
    it_head: Employee
    it_staff: Employee
    bkpsdm_admin: Employee
    auditor: Employee

    def user(self, employee: Employee) -> User:
        return User.objects.get(employee=employee)


def build_world() -> World:
    regency = org.create_unit(
        actor=None, name="Pemerintah Kabupaten Aceh Barat Daya", kind="government", parent=None
    )
    setda = org.create_unit(
        actor=None, name="Sekretariat Daerah", kind="secretariat", parent=regency
    )
    health = org.create_unit(actor=None, name="Dinas Kesehatan", kind="dinas", parent=regency)
    bidang = org.create_unit(
        actor=None, name="Bidang Pelayanan Kesehatan", kind="bidang", parent=health
    )
    seksi = org.create_unit(
        actor=None, name="Seksi Pelayanan Kesehatan Primer", kind="seksi", parent=bidang
    )
    puskesmas = org.create_unit(
        actor=None, name="UPTD Puskesmas Blangpidie", kind="puskesmas", parent=health
    )
    it_agency = org.create_unit(
        actor=None,
        name="Dinas Komunikasi, Informatika dan Persandian",
        kind="dinas",
        parent=regency,
    )
    bkpsdm = org.create_unit(actor=None, name="BKPSDM", kind="badan", parent=regency)
    inspectorate = org.create_unit(
        actor=None, name="Inspektorat", kind="inspectorate", parent=regency
    )

    def pos(unit, name, kind, head=False, level=""):
        return org.create_position(
            actor=None, unit=unit, name=name, kind=kind, is_head=head, level=level
        )

    regent = make_employee(
        regency, pos(regency, "Bupati Aceh Barat Daya", "regent", head=True), "Safaruddin"
    )
    sekda = make_employee(
        setda, pos(setda, "Sekretaris Daerah", "jpt_pratama", head=True), "Teuku Sekda"
    )
    health_head = make_employee(
        health, pos(health, "Kepala Dinas Kesehatan", "jpt_pratama", head=True), "Cut Nyak Kadis"
    )
    bidang_head = make_employee(
        bidang,
        pos(bidang, "Kepala Bidang Pelayanan Kesehatan", "administrator", head=True),
        "Teuku Kabid",
    )
    seksi_head = make_employee(
        seksi,
        pos(seksi, "Kepala Seksi Pelayanan Kesehatan Primer", "pengawas", head=True),
        "Nurul Kasi",
    )
    staff = make_employee(
        seksi, pos(seksi, "Pengadministrasi Umum", "pelaksana"), "Rahmat Pelaksana"
    )
    pos(puskesmas, "Kepala UPTD Puskesmas Blangpidie", "pengawas", head=True)
    nurse = make_employee(
        puskesmas,
        pos(puskesmas, "Perawat Ahli Pertama", "functional_expert", level="ahli_pertama"),
        "Siti Perawat",
        status="pppk",
    )
    health_admin = make_employee(health, pos(health, "Analis Kinerja", "pelaksana"), "Admin Dinkes")
    it_head = make_employee(
        it_agency,
        pos(it_agency, "Kepala Diskominsa", "jpt_pratama", head=True),
        "Kepala Diskominsa",
    )
    it_staff = make_employee(
        it_agency,
        pos(it_agency, "Pranata Komputer Ahli Pertama", "functional_expert", level="ahli_pertama"),
        "Muhammad Pranata",
    )
    bkpsdm_admin = make_employee(
        bkpsdm, pos(bkpsdm, "Analis SDM Aparatur", "pelaksana"), "Admin BKPSDM"
    )
    auditor = make_employee(
        inspectorate,
        pos(inspectorate, "Auditor Ahli Muda", "functional_expert", level="ahli_muda"),
        "Auditor Inspektorat",
    )
    org.grant_role(actor=None, employee=health_admin, role="opd_admin", unit=health)
    org.grant_role(actor=None, employee=bkpsdm_admin, role="bkpsdm_admin")
    org.grant_role(actor=None, employee=auditor, role="auditor")
    org.grant_role(actor=None, employee=regent, role="leadership")
    org.grant_role(actor=None, employee=sekda, role="leadership")
    return World(
        regency,
        health,
        bidang,
        seksi,
        puskesmas,
        it_agency,
        bkpsdm,
        inspectorate,
        regent,
        sekda,
        health_head,
        bidang_head,
        seksi_head,
        staff,
        nurse,
        health_admin,
        it_head,
        it_staff,
        bkpsdm_admin,
        auditor,
    )
