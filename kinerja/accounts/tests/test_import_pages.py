"""The import pages: who may use them, the upload → report → confirm → result steps, the job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.accounts.models import ImportJob, User
from kinerja.organisations.models import Employee, OrgUnit

from .import_files import csv_file, fresh_nip, small_agency, workbook

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, data: bytes, name: str = "impor.xlsx"):
    return client.post(
        reverse("accounts:import"), {"file": SimpleUploadedFile(name, data, content_type=XLSX)}
    )


@pytest.fixture
def coded(world):
    OrgUnit.objects.filter(pk=world.regency.pk).update(code="ABDYA")
    OrgUnit.objects.filter(pk=world.health.pk).update(code="DINKES")
    OrgUnit.objects.filter(pk=world.it_agency.pk).update(code="DISKOMINSA")
    return world


@pytest.mark.parametrize("persona", ["staff", "seksi_head", "auditor", "regent"])
def test_non_admins_get_403_on_every_import_page(coded, login, persona):
    client = login(getattr(coded, persona))
    assert 'href="/akun/impor/"' not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("accounts:import")).status_code == 403
    assert client.get(reverse("accounts:import_template")).status_code == 403
    assert upload(client, b"x").status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("accounts:import"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


@pytest.mark.parametrize("persona", ["bkpsdm_admin", "health_admin"])
def test_admins_see_the_page_the_menu_entry_and_the_home_link(coded, login, persona):
    client = login(getattr(coded, persona))
    body = client.get(reverse("accounts:import")).content.decode()
    assert "Unduh templat Excel" in body
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:import")}"' in home


def test_template_downloads(coded, login):
    client = login(coded.bkpsdm_admin)
    response = client.get(reverse("accounts:import_template"))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    response = client.get(reverse("accounts:import_template_csv", args=["employees"]))
    assert response.status_code == 200 and "NIP" in response.content.decode("utf-8-sig")
    assert client.get(reverse("accounts:import_template_csv", args=["x"])).status_code == 404


def test_upload_report_confirm_result_and_one_time_passwords(coded, login):
    client = login(coded.bkpsdm_admin)
    head, staff = fresh_nip(), fresh_nip()
    response = upload(client, workbook(**small_agency(head, staff)))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:import_job", args=[job.pk]
    )
    assert job.status == "valid" and not Employee.objects.filter(nip=head).exists()

    body = client.get(reverse("accounts:import_job", args=[job.pk])).content.decode()
    assert "Semua baris benar" in body and "2 unit baru" in body and "2 pegawai baru" in body

    response = client.post(reverse("accounts:import_confirm", args=[job.pk]), follow=True)
    assert "Impor selesai" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "done" and job.progress_percent == 100
    assert Employee.objects.filter(nip__in=[head, staff]).count() == 2

    download = client.post(reverse("accounts:import_credentials", args=[job.pk]))
    text = download.content.decode("utf-8-sig")
    assert download.status_code == 200 and head in text and staff in text
    password = text.splitlines()[1].split(",")[2]
    assert User.objects.get(username=text.splitlines()[1].split(",")[0]).check_password(password)
    assert client.post(reverse("accounts:import_credentials", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.credentials is None


def test_invalid_upload_shows_per_row_report_and_cannot_be_confirmed(coded, login):
    client = login(coded.bkpsdm_admin)
    rows = [{"nip": "1985", "name": "Salah", "status": "PNS"}]
    upload(client, csv_file("employees", rows), "pegawai.csv")
    job = ImportJob.objects.get()
    assert job.status == "invalid"
    body = client.get(reverse("accounts:import_job", args=[job.pk])).content.decode()
    assert "Ditemukan 1 kesalahan" in body and "NIP harus 18 digit" in body
    client.post(reverse("accounts:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "invalid" and not Employee.objects.filter(name="Salah").exists()


def test_renamed_pdf_gets_a_clean_report_not_a_500(coded, login):
    client = login(coded.bkpsdm_admin)
    response = upload(client, b"%PDF-1.4 bukan excel", "laporan.xlsx")
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "Berkas ini PDF" in body


def test_oversize_upload_is_refused_on_the_form(coded, login, settings):
    settings.MAX_UPLOAD_BYTES = 100
    client = login(coded.bkpsdm_admin)
    response = upload(client, b"a" * 500, "besar.csv")
    assert response.status_code == 200 and "terlalu besar" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_opd_admin_rows_outside_own_agency_are_reported(coded, login):
    client = login(coded.health_admin)
    units = [
        {"code": "X.SEKSI", "name": "Seksi Luar", "kind": "seksi", "parent_code": "DISKOMINSA"}
    ]
    upload(client, workbook(units=units))
    job = ImportJob.objects.get()
    assert job.status == "invalid" and job.agency_id == coded.health.pk
    assert "di luar perangkat daerah Anda" in job.report["errors"][0]["message"]


def test_jobs_of_others_are_hidden_from_opd_admins_but_not_from_bkpsdm(coded, login, client):
    admin_user = coded.user(coded.bkpsdm_admin)
    job = ImportJob.objects.create(created_by=admin_user, original_name="x.xlsx", status="invalid")
    assert (
        login(coded.health_admin).get(reverse("accounts:import_job", args=[job.pk])).status_code
        == 404
    )
    assert (
        login(coded.bkpsdm_admin).get(reverse("accounts:import_job", args=[job.pk])).status_code
        == 200
    )


def test_large_file_runs_in_background_with_progress_reaching_100(coded, login, settings):
    settings.IMPORT_BACKGROUND_THRESHOLD = 3
    client = login(coded.bkpsdm_admin)
    rows = [
        {"nip": fresh_nip(), "name": f"Pegawai {i}", "status": "PNS", "unit_code": "DINKES"}
        for i in range(6)
    ]
    upload(client, workbook(employees=rows))
    job = ImportJob.objects.get()
    assert job.total_rows == 6 and job.status == "valid" and job.processed_rows == 6
    client.post(reverse("accounts:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and job.progress_percent == 100
    assert Employee.objects.filter(name__startswith="Pegawai ").count() == 6
    # The progress partial answers htmx polls; once finished it asks for a full refresh.
    response = client.get(reverse("accounts:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response.headers.get("HX-Refresh") == "true"


def test_progress_partial_is_served_while_running(coded, login):
    client = login(coded.bkpsdm_admin)
    job = ImportJob.objects.create(
        created_by=coded.user(coded.bkpsdm_admin),
        original_name="besar.xlsx",
        status="validating",
        total_rows=1000,
        processed_rows=250,
    )
    response = client.get(reverse("accounts:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body and "25%" in body
    full = client.get(reverse("accounts:import_job", args=[job.pk])).content.decode()
    assert 'aria-valuenow="25"' in full


def test_job_of_an_admin_who_lost_the_role_fails_cleanly(coded, login):
    from kinerja.accounts.imports import services
    from kinerja.organisations.models import RoleGrant

    user = coded.user(coded.health_admin)
    job = services.start_job(actor=user, data=workbook(employees=[]), name="kosong.xlsx")
    RoleGrant.objects.filter(employee=coded.health_admin).update(is_active=False)
    job = ImportJob.objects.select_related("created_by").get(pk=job.pk)
    services.run_validation(job)
    job.refresh_from_db()
    assert job.status == "failed" and "Hanya admin BKPSDM" in job.report["failure"]
    body = login(coded.bkpsdm_admin).get(reverse("accounts:import_job", args=[job.pk]))
    assert "Hanya admin BKPSDM" in body.content.decode()
