"""Field visits: photos checked by content, follow-ups owned by team members and closed by them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core import clock
from kinerja.core.uploads import UploadError
from kinerja.leadership import services
from kinerja.leadership.models import FieldVisit, FollowUp, FollowUpStatus

from .conftest import PNG_BYTES, png, text_named_jpg

pytestmark = pytest.mark.django_db


def _visit(world, **extra):
    return services.record_field_visit(
        actor=world.user(world.health_head),
        date=clock.today(),
        place="Gampong Keude Siblah, Kec. Blangpidie",
        facility="Posyandu Melati",
        purpose="Melihat layanan posyandu",
        findings="Timbangan rusak",
        employees=[world.nurse],
        photos=[png()],
        follow_ups=[
            services.FollowUpSpec(
                text="Ganti timbangan", owner=world.nurse, due_date=clock.today() + dt.timedelta(7)
            )
        ],
        **extra,
    )


def test_leader_records_a_visit_with_a_photo_and_a_follow_up(world):
    visit = _visit(world)
    photo = visit.photos.get()
    assert photo.mime_type == "image/png"
    assert len(photo.sha256) == 64
    assert photo.file.read() == PNG_BYTES
    assert visit.follow_ups.get().owner == world.nurse
    assert list(visit.employees.all()) == [world.nurse]


def test_renamed_non_image_is_refused_and_nothing_is_saved(world):
    with pytest.raises(UploadError):
        services.record_field_visit(
            actor=world.user(world.health_head),
            date=clock.today(),
            place="Gampong",
            purpose="Tujuan",
            photos=[text_named_jpg()],
        )
    assert not FieldVisit.objects.exists()


def test_follow_up_owner_must_be_in_the_leaders_team(world):
    with pytest.raises(ValidationError):
        services.record_field_visit(
            actor=world.user(world.seksi_head),
            date=clock.today(),
            place="Gampong",
            purpose="Tujuan",
            follow_ups=[services.FollowUpSpec(text="X", owner=world.nurse)],
        )


def test_member_cannot_record_a_visit(world):
    with pytest.raises(PermissionDenied):
        services.record_field_visit(
            actor=world.user(world.staff), date=clock.today(), place="G", purpose="T"
        )


def test_owner_sees_and_closes_the_follow_up_from_their_page(world, login):
    visit = _visit(world)
    follow_up = visit.follow_ups.get()
    client = login(world.nurse)
    page = client.get("/pimpinan/tindak-lanjut/")
    assert "Ganti timbangan" in page.content.decode()
    assert client.get(f"/pimpinan/kunjungan/{visit.pk}/").status_code == 200
    response = client.post(
        f"/pimpinan/tindak-lanjut/{follow_up.pk}/selesai/", {"note": "Sudah diganti"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.DONE
    assert follow_up.closing_note == "Sudah diganti"
    assert follow_up.closed_by == world.user(world.nurse)


def test_someone_else_who_sees_the_visit_cannot_close_the_follow_up(world, login):
    visit = _visit(world)
    follow_up = visit.follow_ups.get()
    # The BKPSDM admin sees every visit but neither owns the follow-up nor led the visit.
    response = login(world.bkpsdm_admin).post(f"/pimpinan/tindak-lanjut/{follow_up.pk}/selesai/")
    assert response.status_code == 403
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUpStatus.OPEN


def test_outsider_gets_404_on_visit_photo_and_follow_up(world, login):
    visit = _visit(world)
    client = login(world.it_staff)
    assert client.get(f"/pimpinan/kunjungan/{visit.pk}/").status_code == 404
    assert client.get(f"/pimpinan/kunjungan/foto/{visit.photos.get().pk}/").status_code == 404
    follow_up = visit.follow_ups.get()
    assert client.post(f"/pimpinan/tindak-lanjut/{follow_up.pk}/selesai/").status_code == 404
    assert "Gampong Keude Siblah" not in client.get("/pimpinan/kunjungan/").content.decode()


def test_create_page_records_a_visit_with_photo_and_follow_up(world, login):
    client = login(world.health_head)
    assert client.get("/pimpinan/kunjungan/catat/").status_code == 200
    response = client.post(
        "/pimpinan/kunjungan/catat/",
        {
            "date": clock.today().isoformat(),
            "place": "Gampong Pantee Rakyat",
            "purpose": "Pemantauan",
            "employees": [world.nurse.pk],
            "photos": [png("a.png")],
            "follow_up_0_text": "Data sasaran",
            "follow_up_0_owner": world.nurse.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    visit = FieldVisit.objects.get()
    assert visit.photos.count() == 1
    assert visit.follow_ups.get().owner == world.nurse
    detail = client.get(response["Location"])
    assert "Data sasaran" in detail.content.decode()


def test_create_page_shows_the_upload_error_for_a_disguised_file(world, login):
    response = login(world.health_head).post(
        "/pimpinan/kunjungan/catat/",
        {
            "date": clock.today().isoformat(),
            "place": "Gampong",
            "purpose": "Pemantauan",
            "photos": [text_named_jpg()],
        },
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not FieldVisit.objects.exists()
