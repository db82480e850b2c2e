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


@pytest.fixture
def large_team(monkeypatch):
    """Make the world's teams count as large: the form lists a few and searches the rest."""
    from kinerja.leadership import selectors

    monkeypatch.setattr(selectors.choices, "CHOICE_LIMIT", 1)


def _form_post(world, **fields):
    return {
        "date": clock.today().isoformat(),
        "place": "Gampong Pantee Rakyat",
        "purpose": "Pemantauan",
        **fields,
    }


def test_large_team_form_lists_the_directly_led_unit_and_searches_the_rest(
    world, login, large_team
):
    client = login(world.health_head)
    html = client.get("/pimpinan/kunjungan/catat/").content.decode()
    assert 'id="id_employees_cari"' in html and 'id="id_rhks_cari"' in html
    assert 'id="id_follow_up_0_owner_cari"' in html
    assert "pilihan=tambah" in html
    assert f"Admin Dinkes ({world.health_admin.nip})" in html  # in the unit led directly
    assert "Siti Perawat (" not in html  # further down the tree: found by search
    options = client.get(
        "/pimpinan/anggota/cari/", {"q": "siti", "pilihan": "tambah"}
    ).content.decode()
    assert f'value="{world.nurse.pk}"' in options
    assert "Seluruh tim" not in options and "selected" not in options
    # A member found by search is accepted, as involved employee and as owner.
    response = client.post(
        "/pimpinan/kunjungan/catat/",
        _form_post(
            world,
            employees=[world.nurse.pk],
            follow_up_0_text="Data sasaran",
            follow_up_0_owner=world.nurse.pk,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    visit = FieldVisit.objects.get()
    assert list(visit.employees.all()) == [world.nurse]
    assert visit.follow_ups.get().owner == world.nurse


def test_a_repeated_search_adds_only_members_and_rhks_not_yet_listed(world, login, large_team):
    from kinerja.planning import services as planning
    from kinerja.planning.models import Rhk

    skp = planning.create_skp(actor=None, employee=world.nurse, year=clock.today().year)
    rhk = Rhk.objects.create(skp=skp, group="utama", text="Cakupan imunisasi dasar")
    client = login(world.health_head)
    html = client.get("/pimpinan/kunjungan/catat/").content.decode()
    assert 'hx-vals="js:{ada:' in html  # the search box sends what its list already holds

    def members(listed):
        params = {"q": "siti", "pilihan": "tambah", "ada": ",".join(map(str, listed))}
        return client.get("/pimpinan/anggota/cari/", params).content.decode()

    assert f'value="{world.nurse.pk}"' in members([])
    assert f'value="{world.nurse.pk}"' not in members([world.health_admin.pk, world.nurse.pk])
    assert f'value="{world.nurse.pk}"' in members(["x", "", world.health_admin.pk])

    def rhks(listed):
        params = {"q": "imunisasi", "pilihan": "tambah", "ada": ",".join(map(str, listed))}
        return client.get("/pimpinan/rhk/cari/", params).content.decode()

    assert f'value="{rhk.pk}"' in rhks([])
    assert f'value="{rhk.pk}"' not in rhks([rhk.pk])
    # The direction form replaces its list on each search: nothing is left out there.
    replaced = client.get(
        "/pimpinan/anggota/cari/", {"q": "siti", "ada": str(world.nurse.pk)}
    ).content.decode()
    assert f'value="{world.nurse.pk}" selected' in replaced


def test_large_team_form_keeps_searched_choices_when_sent_back_with_errors(
    world, login, large_team
):
    response = login(world.health_head).post(
        "/pimpinan/kunjungan/catat/",
        _form_post(world, place="", employees=[world.nurse.pk]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{world.nurse.pk}" selected>' in html


@pytest.mark.parametrize("limit", [None, 1])
def test_field_visit_form_rejects_employees_owners_and_rhks_outside_the_team(
    world, login, monkeypatch, limit
):
    from kinerja.leadership import selectors
    from kinerja.planning import services as planning
    from kinerja.planning.models import Rhk

    if limit is not None:
        monkeypatch.setattr(selectors.choices, "CHOICE_LIMIT", limit)
    outside_skp = planning.create_skp(actor=None, employee=world.it_staff, year=clock.today().year)
    outside_rhk = Rhk.objects.create(skp=outside_skp, group="utama", text="RHK dinas lain")
    client = login(world.health_head)
    for fields, field, message in [
        ({"employees": [world.it_staff.pk]}, "employees", "bukan anggota tim Anda"),
        (
            {"follow_up_0_text": "Periksa", "follow_up_0_owner": world.it_staff.pk},
            "follow_up_0_owner",
            "bukan anggota tim Anda",
        ),
        ({"rhks": [outside_rhk.pk]}, "rhks", "bukan RHK Anda atau tim Anda"),
    ]:
        response = client.post("/pimpinan/kunjungan/catat/", _form_post(world, **fields))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert message in " ".join(errors[field]), errors
    assert not FieldVisit.objects.exists()


def test_large_team_form_reads_a_bounded_list_whatever_the_team_size(world, login, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.leadership import selectors
    from kinerja.organisations.access import forget_access
    from tests.world import make_employee

    monkeypatch.setattr(selectors.choices, "CHOICE_LIMIT", 3)
    for i in range(4):
        make_employee(world.health, None, f"Staf Dinas {i:02d}", with_login=False)
    client = login(world.health_head)

    def page() -> tuple[int, str]:
        forget_access(world.user(world.health_head))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/pimpinan/kunjungan/catat/")
        return len(ctx.captured_queries), response.content.decode()

    before, html = page()
    for i in range(20):
        make_employee(world.health, None, f"Staf Baru {i:02d}", with_login=False)
    after, html_after = page()
    assert after == before, (before, after)
    assert html_after.count("Staf ") == html.count("Staf ")  # capped at CHOICE_LIMIT per list
