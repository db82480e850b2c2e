"""Organisational performance: RPJMD goals, Perjanjian Kinerja entry, Excel import, seed."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.audit.models import AuditEvent
from kinerja.planning import org_services
from kinerja.planning.domain.orgplan import TARGET_HEADERS, parse_number, validate_target_row
from kinerja.planning.models import AgreementTarget, OrgGoal, RhkExample, Skp

from .helpers import user_of, year

GOOD = {
    "kode_unit": "1112.DINKES",
    "sasaran": "Meningkatnya kualitas pelayanan kesehatan",
    "indikator": "Indeks kepuasan layanan kesehatan",
    "kondisi_awal": 78,
    "target": 85,
    "satuan": "indeks",
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(85, Decimal("85")), ("85,5", Decimal("85.5")), ("1.234,5", Decimal("1234.5")), ("", None),
     (None, None), (78.25, Decimal("78.25"))],
)  # fmt: skip
def test_numbers_accept_indonesian_decimal_comma(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kode_unit": ""}, "Kode unit wajib diisi."),
        ({"sasaran": " "}, "Sasaran strategis wajib diisi."),
        ({"indikator": None}, "Indikator kinerja utama wajib diisi."),
        ({"satuan": ""}, "Satuan wajib diisi."),
        ({"target": None}, "Target wajib diisi."),
        ({"target": "delapan"}, "Target harus berupa angka (mis. 85 atau 85,5)."),
        ({"kondisi_awal": "x"}, "Kondisi awal harus berupa angka (mis. 85 atau 85,5)."),
        ({"tw2": "?"}, "Target TW II harus berupa angka (mis. 85 atau 85,5)."),
    ],
)
def test_target_row_errors_are_named_in_indonesian(changes, message):
    row, errors = validate_target_row({**GOOD, **changes})
    assert row is None
    assert message in errors


def test_valid_target_row_carries_baseline_target_and_unit():
    row, errors = validate_target_row({**GOOD, "tw1": "80", "kode_sasaran_daerah": "S1"})
    assert errors == []
    assert (row.baseline, row.target_value, row.target_unit) == (78, 85, "indeks")
    assert row.quarters == (Decimal("80"), None, None, None)
    assert row.goal_code == "S1"


@pytest.mark.django_db
def test_bkpsdm_admin_adds_a_goal_and_it_is_audited(world):
    goal = org_services.create_goal(
        actor=user_of(world.bkpsdm_admin),
        year=year(),
        code="S1",
        text="Meningkatnya derajat kesehatan masyarakat",
    )
    assert AuditEvent.objects.filter(
        action="planning.goal_created", object_id=str(goal.pk)
    ).exists()


@pytest.mark.django_db
def test_opd_admin_may_not_add_regency_goals(world):
    with pytest.raises(PermissionDenied):
        org_services.create_goal(actor=user_of(world.health_admin), year=year(), text="Sasaran")


@pytest.mark.django_db
def test_duplicate_goal_code_in_a_year_is_refused(world):
    actor = user_of(world.bkpsdm_admin)
    org_services.create_goal(actor=actor, year=year(), code="S1", text="A")
    with pytest.raises(ValidationError):
        org_services.create_goal(actor=actor, year=year(), code="S1", text="B")


@pytest.mark.django_db
def test_opd_admin_fills_own_agency_pk_but_not_another(world):
    actor = user_of(world.health_admin)
    target = org_services.add_agreement_target(
        actor=actor,
        unit=world.health,
        year=year(),
        objective="Meningkatnya kualitas pelayanan kesehatan",
        indicator="Indeks kepuasan layanan kesehatan",
        baseline=Decimal("78"),
        target_value=Decimal("85"),
        target_unit="indeks",
    )
    assert target.agreement.unit == world.health
    assert AuditEvent.objects.filter(action="planning.agreement_target_added").exists()
    with pytest.raises(PermissionDenied):
        org_services.add_agreement_target(
            actor=actor,
            unit=world.it_agency,
            year=year(),
            objective="X",
            indicator="Y",
            target_value=Decimal("1"),
            target_unit="dokumen",
        )


@pytest.mark.django_db
def test_page_shows_goals_and_agreements_to_every_employee_without_forms(world, login):
    actor = user_of(world.bkpsdm_admin)
    goal = org_services.create_goal(actor=actor, year=year(), code="S1", text="Sasaran Bupati")
    org_services.add_agreement_target(
        actor=actor,
        unit=world.health,
        year=year(),
        goal=goal,
        objective="Meningkatnya kualitas pelayanan kesehatan",
        indicator="Indeks kepuasan layanan kesehatan",
        target_value=Decimal("85"),
        target_unit="indeks",
    )
    client = login(world.staff)
    response = client.get(reverse("planning:org_performance"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sasaran Bupati" in body and "Indeks kepuasan layanan kesehatan" in body
    assert "Tambah target Perjanjian Kinerja" not in body
    assert client.post(reverse("planning:org_performance"), {"form": "goal"}).status_code == 403


@pytest.mark.django_db
def test_opd_admin_enters_a_pk_target_through_the_page(world, login):
    client = login(world.health_admin)
    response = client.post(
        reverse("planning:org_performance") + f"?tahun={year()}",
        {
            "form": "target",
            "pk-unit": world.health.pk,
            "pk-objective": "Meningkatnya kualitas pelayanan kesehatan",
            "pk-indicator": "Indeks kepuasan layanan kesehatan",
            "pk-baseline": "78",
            "pk-target_value": "85",
            "pk-target_unit": "indeks",
            "pk-target_q4": "85",
        },
    )
    assert response.status_code == 302
    target = AgreementTarget.objects.get()
    assert (target.baseline, target.target_value, target.target_q4) == (78, 85, 85)


@pytest.mark.django_db
def test_opd_admin_cannot_choose_another_agency_on_the_page(world, login):
    client = login(world.health_admin)
    response = client.post(
        reverse("planning:org_performance"),
        {"form": "target", "pk-unit": world.it_agency.pk, "pk-objective": "X",
         "pk-indicator": "Y", "pk-target_value": "1", "pk-target_unit": "dok"},
    )  # fmt: skip
    assert response.status_code == 422
    assert not AgreementTarget.objects.exists()


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(TARGET_HEADERS))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _coded(world):
    world.health.code = "1112.DINKES"
    world.health.save(update_fields=["code"])
    world.it_agency.code = "1112.DISKOMINSA"
    world.it_agency.save(update_fields=["code"])


@pytest.mark.django_db
def test_import_saves_every_valid_row(world):
    _coded(world)
    actor = user_of(world.bkpsdm_admin)
    org_services.create_goal(actor=actor, year=year(), code="S1", text="Sasaran")
    content = _xlsx(
        [
            ["1112.DINKES", "Sasaran A", "IKU A", 78, 85, "indeks", 80, 82, 84, 85, "S1"],
            ["1112.DISKOMINSA", "Sasaran B", "IKU B", None, "90,5", "persen"],
        ]
    )
    result = org_services.import_agreement_targets(actor=actor, content=content, year=year())
    assert result.ok and result.created == 2
    first = AgreementTarget.objects.get(indicator="IKU A")
    assert first.goal.code == "S1" and first.target_q1 == 80
    assert AgreementTarget.objects.get(indicator="IKU B").target_value == Decimal("90.5")


@pytest.mark.django_db
def test_import_with_one_bad_row_saves_nothing_and_names_the_rows(world):
    _coded(world)
    content = _xlsx(
        [
            ["1112.DINKES", "Sasaran A", "IKU A", 78, 85, "indeks"],
            ["1112.XXX", "Sasaran B", "IKU B", None, "banyak", "persen"],
            ["1112.DINKES", "Sasaran C", "IKU C", None, 5, "indeks", None, None, None, None, "S9"],
        ]
    )
    result = org_services.import_agreement_targets(
        actor=user_of(world.bkpsdm_admin), content=content, year=year()
    )
    assert not result.ok
    assert "Baris 3: Target harus berupa angka (mis. 85 atau 85,5)." in result.errors
    assert f"Baris 4: Kode sasaran daerah S9 tidak ada untuk tahun {year()}." in result.errors
    assert not AgreementTarget.objects.exists()


@pytest.mark.django_db
def test_opd_admin_import_refuses_rows_of_other_agencies(world):
    _coded(world)
    content = _xlsx([["1112.DISKOMINSA", "Sasaran", "IKU", None, 1, "dokumen"]])
    result = org_services.import_agreement_targets(
        actor=user_of(world.health_admin), content=content, year=year()
    )
    assert result.errors == [
        "Baris 2: Anda tidak berwenang mengisi Perjanjian Kinerja "
        "Dinas Komunikasi, Informatika dan Persandian."
    ]


@pytest.mark.django_db
def test_import_page_shows_row_errors_and_template_downloads(world, login):
    _coded(world)
    client = login(world.health_admin)
    template = client.get(reverse("planning:org_template"))
    assert template.status_code == 200
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in sheet[1]] == list(TARGET_HEADERS)
    upload = io.BytesIO(_xlsx([["1112.DINKES", "", "IKU", None, 5, "indeks"]]))
    upload.name = "pk.xlsx"
    response = client.post(reverse("planning:org_import"), {"year": year(), "file": upload})
    assert response.status_code == 422
    assert "Baris 2: Sasaran strategis wajib diisi." in response.content.decode()
    not_excel = io.BytesIO(b"bukan excel")
    not_excel.name = "pk.xlsx"
    response = client.post(reverse("planning:org_import"), {"year": year(), "file": not_excel})
    assert "Berkas bukan file Excel" in response.content.decode()


@pytest.mark.django_db
def test_staff_cannot_open_the_import(world, login):
    assert login(world.staff).get(reverse("planning:org_import")).status_code == 403


def _demo_codes(world):
    for unit, code in [
        (world.health, "1112.DINKES"),
        (world.health_bidang, "1112.DINKES.B01"),
        (world.health_seksi, "1112.DINKES.B01.S01"),
    ]:
        unit.code = code
        unit.save(update_fields=["code"])


@pytest.mark.django_db
def test_seed_planning_builds_the_health_example_and_a_cascade_idempotently(world):
    _demo_codes(world)
    call_command("seed_planning", stdout=io.StringIO())
    target = AgreementTarget.objects.get(agreement__unit=world.health)
    assert target.objective == "Meningkatnya kualitas pelayanan kesehatan"
    assert target.indicator == "Indeks kepuasan layanan kesehatan"
    assert (target.baseline, target.target_value, target.target_unit) == (78, 85, "indeks")
    assert target.goal.year == year()
    statuses = dict(Skp.objects.values_list("employee_id", "status"))
    assert statuses == {
        world.health_head.pk: "approved",
        world.bidang_head.pk: "approved",
        world.seksi_head.pk: "approved",
        world.staff.pk: "draft",
    }
    staff_rhk = Skp.objects.get(employee=world.staff).rhks.get()
    assert staff_rhk.parent.skp.employee == world.seksi_head
    assert staff_rhk.parent.parent.parent.agreement_target == target
    assert RhkExample.objects.filter(pattern="pranata komputer").exists()
    counts = (OrgGoal.objects.count(), AgreementTarget.objects.count(), Skp.objects.count(),
              RhkExample.objects.count())  # fmt: skip
    call_command("seed_planning", stdout=io.StringIO())
    assert counts == (OrgGoal.objects.count(), AgreementTarget.objects.count(),
                      Skp.objects.count(), RhkExample.objects.count())  # fmt: skip


def _page_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("planning:org_performance")).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_page_query_count_does_not_grow_with_agreements(world, login):
    actor = user_of(world.bkpsdm_admin)
    client = login(world.bkpsdm_admin)

    def add(unit, n):
        org_services.add_agreement_target(
            actor=actor, unit=unit, year=year(), objective=f"Sasaran {n}", indicator=f"IKU {n}",
            target_value=Decimal(n), target_unit="persen",
        )  # fmt: skip

    add(world.health, 1)
    before = _page_queries(client)
    for n in range(2, 8):
        add(world.it_agency if n % 2 else world.health, n)
        org_services.create_goal(actor=actor, year=year(), text=f"Sasaran daerah {n}")
    assert _page_queries(client) == before
