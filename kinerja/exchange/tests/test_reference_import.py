"""SIASN-shaped reference import: every row checked first, differences shown field by field,
nothing changed until accepted, superior changes never applied without an explicit yes."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook

from kinerja.accounts.imports.reader import ImportFileError
from kinerja.accounts.models import User
from kinerja.audit.models import AuditEvent
from kinerja.exchange import services
from kinerja.exchange.models import ReferenceImport
from kinerja.organisations.models import OrgUnit, Position, SupervisionOverride
from kinerja.organisations.selectors import assessor_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(world):
    """The world's units with their SIASN unor ids."""
    codes = {
        world.regency: "U1108",
        world.health: "U-DINKES",
        world.health_bidang: "U-YANKES",
        world.health_seksi: "U-PRIMER",
        world.puskesmas: "U-PKM",
        world.it_agency: "U-KOMINSA",
        world.bkpsdm: "U-BKPSDM",
        world.inspectorate: "U-INSP",
    }
    for unit, code in codes.items():
        OrgUnit.objects.filter(pk=unit.pk).update(code=code)
    OrgUnit.objects.filter(code__isnull=True).update(code="U-SETDA")
    return world


def _admin(world):
    return User.objects.get(employee=world.bkpsdm_admin)


def _csv(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


UNOR_ALL = [
    "id,nama_unor,diatasan_id",
    "U1108,Pemerintah Kabupaten Aceh Barat Daya,",
    "U-SETDA,Sekretariat Daerah,U1108",
    "U-DINKES,Dinas Kesehatan,U1108",
    "U-YANKES,Bidang Pelayanan dan Sumber Daya Kesehatan,U-DINKES",  # renamed
    "U-PRIMER,Seksi Pelayanan Kesehatan Primer,U-YANKES",
    "U-PKM,UPTD Puskesmas Blangpidie,U-DINKES",
    'U-KOMINSA,"Dinas Komunikasi, Informatika dan Persandian",U1108',
    "U-BKPSDM,BKPSDM,U1108",
    "U-INSP,Inspektorat,U1108",
    "U-PKM2,UPTD Puskesmas Susoh,U-DINKES",  # new
    "U-P2P,Seksi Pencegahan Penyakit,U-YANKES",  # new
]


def test_unor_import_shows_new_and_changed_field_by_field_and_changes_nothing(coded):
    before = list(OrgUnit.objects.order_by("pk").values_list("pk", "name", "parent_id", "code"))
    imp = services.stage_import(
        actor=_admin(coded), kind="unor", data=_csv(UNOR_ALL), name="unor.csv"
    )
    assert imp.state == "preview" and imp.errors == []
    by_key = {c["key"]: c for c in imp.changes}
    assert by_key["U-PKM2"]["action"] == "new"
    assert by_key["U-PKM2"]["payload"]["kind"] == "puskesmas"  # guessed from the name
    assert by_key["U-P2P"]["payload"]["kind"] == "seksi"
    changed = by_key["U-YANKES"]
    assert changed["action"] == "changed"
    assert changed["fields"] == [
        {
            "label": "Nama",
            "before": "Bidang Pelayanan Kesehatan",
            "after": "Bidang Pelayanan dan Sumber Daya Kesehatan",
        }
    ]
    assert len(imp.changes) == 3
    after = list(OrgUnit.objects.order_by("pk").values_list("pk", "name", "parent_id", "code"))
    assert after == before


def test_accepting_all_applies_unor_changes_atomically_and_audited(coded):
    admin = _admin(coded)
    imp = services.stage_import(actor=admin, kind="unor", data=_csv(UNOR_ALL), name="unor.csv")
    applied = services.apply_import(actor=admin, imp=imp, change_ids=None, superior_ids=set())
    assert len(applied) == 3
    new = OrgUnit.objects.get(code="U-P2P")
    assert new.parent_id == coded.health_bidang.pk and new.kind == "seksi"
    assert new.agency_id == coded.health.pk
    assert OrgUnit.objects.get(code="U-YANKES").name == "Bidang Pelayanan dan Sumber Daya Kesehatan"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"unit.create", "unit.update", "exchange.reference_applied"} <= actions
    imp.refresh_from_db()
    assert imp.state == "applied" and imp.decided_by == admin


def test_accepting_per_row_applies_only_the_chosen_rows(coded):
    admin = _admin(coded)
    imp = services.stage_import(actor=admin, kind="unor", data=_csv(UNOR_ALL), name="unor.csv")
    rename = next(c["id"] for c in imp.changes if c["key"] == "U-YANKES")
    services.apply_import(actor=admin, imp=imp, change_ids={rename}, superior_ids=set())
    assert not OrgUnit.objects.filter(code__in=["U-P2P", "U-PKM2"]).exists()
    assert OrgUnit.objects.get(code="U-YANKES").name.startswith("Bidang Pelayanan dan")


def test_units_missing_from_the_file_are_shown_but_never_deactivated(coded):
    admin = _admin(coded)
    lines = [line for line in UNOR_ALL if not line.startswith("U-INSP")]
    imp = services.stage_import(actor=admin, kind="unor", data=_csv(lines), name="unor.csv")
    missing = [c for c in imp.changes if c["action"] == "missing"]
    assert [c["key"] for c in missing] == ["U-INSP"] and not missing[0]["applicable"]
    services.apply_import(actor=admin, imp=imp, change_ids=None, superior_ids=set())
    assert OrgUnit.objects.get(code="U-INSP").is_active


def test_invalid_rows_are_reported_per_row_in_indonesian_and_nothing_can_be_applied(coded):
    admin = _admin(coded)
    lines = [
        "id,nama_unor,diatasan_id",
        "U-X1,Seksi Baru,U-TIDAK-ADA",
        "U-X2,,U-DINKES",
        "U-X3,Kelompok Kerja Apa Saja,U-DINKES",
        "U-X1,Seksi Ganda,U-DINKES",
    ]
    imp = services.stage_import(actor=admin, kind="unor", data=_csv(lines), name="salah.csv")
    assert imp.state == "invalid" and imp.changes == []
    messages = {(e["row"], e["message"]) for e in imp.errors}
    assert (2, "Unor induk “U-TIDAK-ADA” tidak ada di berkas maupun di data.") in messages
    assert (3, "Id dan nama unor wajib diisi.") in messages
    assert any(row == 4 and "Jenis unit tidak dapat ditentukan" in m for row, m in messages)
    assert (5, "Sama dengan baris 2: setiap kunci hanya sekali.") in messages
    with pytest.raises(ValidationError):
        services.apply_import(actor=admin, imp=imp, change_ids=None, superior_ids=set())
    assert not OrgUnit.objects.filter(code__startswith="U-X").exists()


def test_a_file_with_missing_columns_names_them(coded):
    imp = services.stage_import(
        actor=_admin(coded),
        kind="jabatan",
        data=_csv(["id,nama_jabatan", "J1,Analis"]),
        name="j.csv",
    )
    assert imp.state == "invalid"
    assert {e["column"] for e in imp.errors} == {"unor_id", "jenis_jabatan"}


def test_a_file_that_is_not_data_is_refused(coded):
    with pytest.raises(ImportFileError):
        services.stage_import(actor=_admin(coded), kind="unor", data=b"%PDF-1.4 ...", name="x.pdf")
    with pytest.raises(ImportFileError):
        services.stage_import(actor=_admin(coded), kind="unor", data=b"{bukan json", name="x.json")


def test_data_changed_since_the_preview_refuses_the_apply(coded):
    admin = _admin(coded)
    imp = services.stage_import(actor=admin, kind="unor", data=_csv(UNOR_ALL), name="unor.csv")
    OrgUnit.objects.filter(code="U-YANKES").update(name="Nama Lain")
    with pytest.raises(ValidationError, match="Data sudah berubah"):
        services.apply_import(actor=admin, imp=imp, change_ids=None, superior_ids=set())
    assert not OrgUnit.objects.filter(code="U-P2P").exists()


def test_jabatan_from_json_and_xlsx_with_siasn_codes(coded):
    admin = _admin(coded)
    Position.objects.filter(pk=coded.staff.position.pk).update(code="J-PU")
    document = {
        "data": [
            {
                "id": "J-PU",
                "nama_jabatan": "Pengadministrasi Perkantoran",
                "unor_id": "U-PRIMER",
                "jenis_jabatan": 4,
            },
            {
                "id": "J-KASI2",
                "nama_jabatan": "Kepala Seksi P2P",
                "unor_id": "U-PKM",
                "jenis_jabatan": 1,
                "eselon": "IV.a",
                "extra": "abaikan",
            },
            {
                "id": "J-PERAWAT",
                "nama_jabatan": "Perawat Terampil",
                "unor_id": "U-PKM",
                "jenis_jabatan": 2,
                "jenjang": "Terampil",
            },
        ]
    }
    imp = services.stage_import(
        actor=admin, kind="jabatan", data=json.dumps(document).encode(), name="j.json"
    )
    assert imp.state == "invalid"  # the Puskesmas already has its head
    assert any("kepala" in e["message"].lower() for e in imp.errors) or imp.errors
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Id", "NamaJabatan", "UnorId", "JenisJabatan", "Eselon", "Jenjang"])
    sheet.append(["J-PU", "Pengadministrasi Perkantoran", "U-PRIMER", 4, None, None])
    sheet.append(["J-PERAWAT", "Perawat Terampil", "U-PKM", 2, None, "Terampil"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    imp = services.stage_import(actor=admin, kind="jabatan", data=buffer.getvalue(), name="j.xlsx")
    assert imp.state == "preview", imp.errors
    by_key = {c["key"]: c for c in imp.changes if c["action"] != "missing"}
    assert by_key["J-PU"]["fields"][0]["after"] == "Pengadministrasi Perkantoran"
    assert by_key["J-PERAWAT"]["payload"]["kind"] == "functional_skilled"
    services.apply_import(actor=admin, imp=imp, change_ids=None, superior_ids=set())
    assert Position.objects.get(code="J-PERAWAT").level == "terampil"
    assert Position.objects.get(code="J-PU").name == "Pengadministrasi Perkantoran"


# --- the superior of each employee -------------------------------------------------------------


def _superior_file(world, superior) -> bytes:
    return _csv(
        [
            "nip,nama,nip_atasan,nama_atasan",
            f"{world.staff.nip},{world.staff.name},{superior.nip},{superior.name}",
            f"{world.seksi_head.nip},{world.seksi_head.name},{world.bidang_head.nip},x",  # same as now
        ]
    )


def test_a_superior_change_is_shown_as_such_and_accept_all_does_not_apply_it(world):
    admin = _admin(world)
    imp = services.stage_import(
        actor=admin,
        kind="superior",
        data=_superior_file(world, world.bidang_head),
        name="atasan.csv",
    )
    assert [c["action"] for c in imp.changes] == ["superior"]  # the unchanged line is not listed
    change = imp.changes[0]
    assert change["superior"] and change["key"] == world.staff.nip
    assert change["fields"][0]["before"] == f"{world.seksi_head.full_name} ({world.seksi_head.nip})"
    assert (
        change["fields"][0]["after"] == f"{world.bidang_head.full_name} ({world.bidang_head.nip})"
    )
    with pytest.raises(ValidationError, match="Pilih paling sedikit satu"):
        services.apply_import(actor=admin, imp=imp, change_ids=None, superior_ids=set())
    assert not SupervisionOverride.objects.exists()
    assert assessor_line(world.staff).assessor == world.seksi_head


def test_an_explicitly_accepted_superior_change_sets_an_audited_override(world):
    admin = _admin(world)
    imp = services.stage_import(
        actor=admin,
        kind="superior",
        data=_superior_file(world, world.bidang_head),
        name="atasan.csv",
    )
    services.apply_import(
        actor=admin, imp=imp, change_ids=None, superior_ids={imp.changes[0]["id"]}
    )
    override = SupervisionOverride.objects.get(employee=world.staff)
    assert override.assessor == world.bidang_head
    assert "Impor referensi SIASN" in override.reason
    assert assessor_line(world.staff).assessor == world.bidang_head
    assert AuditEvent.objects.filter(action="supervision.override").exists()


def test_superior_rows_with_unknown_or_malformed_nips_are_reported(world):
    lines = [
        "nip,nip_atasan",
        f"{world.staff.nip},199901012020011999",
        f"12345,{world.seksi_head.nip}",
        f"{world.staff.nip},{world.staff.nip}",
    ]
    imp = services.stage_import(
        actor=_admin(world), kind="superior", data=_csv(lines), name="a.csv"
    )
    assert imp.state == "invalid"
    rows = {e["row"] for e in imp.errors}
    assert rows == {2, 3, 4}
    assert any("tidak terdaftar" in e["message"] for e in imp.errors)


def test_only_bkpsdm_admins_import_reference_data(world):
    with pytest.raises(PermissionDenied):
        services.stage_import(
            actor=User.objects.get(employee=world.health_admin), kind="unor", data=b"id\n", name="x"
        )


def test_import_pages_preview_then_accept_per_row(coded, login):
    client = login(coded.bkpsdm_admin)
    upload = io.BytesIO(_csv(UNOR_ALL))
    upload.name = "unor.csv"
    response = client.post(reverse("exchange:imports"), {"kind": "unor", "file": upload})
    assert response.status_code == 302
    imp = ReferenceImport.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Bidang Pelayanan dan Sumber Daya Kesehatan" in page and "Terima yang dicentang" in page
    new_ids = [str(c["id"]) for c in imp.changes if c["action"] == "new"]
    client.post(
        reverse("exchange:import_apply", args=[imp.pk]), {"mode": "selected", "change": new_ids}
    )
    assert OrgUnit.objects.filter(code__in=["U-P2P", "U-PKM2"]).count() == 2
    assert OrgUnit.objects.get(code="U-YANKES").name == "Bidang Pelayanan Kesehatan"


def test_a_bad_upload_is_answered_on_the_form(coded, login):
    client = login(coded.bkpsdm_admin)
    upload = io.BytesIO(b"")
    upload.name = "kosong.csv"
    response = client.post(reverse("exchange:imports"), {"kind": "unor", "file": upload})
    assert response.status_code == 422
    assert not ReferenceImport.objects.exists()
