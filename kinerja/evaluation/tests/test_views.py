"""Pages: scoping (404/403), realisation and evidence through the page, the team page's queries."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.evaluation import services
from kinerja.evaluation.models import Evaluation, Evidence, Realisation

from .conftest import approved_skp

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def period_url(ev, name="evaluation:period", **extra):
    return reverse(name, kwargs={"skp_id": ev.skp.pk, "period_id": ev.q1.pk, **extra})


def test_employee_enters_realisation_and_uploads_evidence_on_the_page(ev, login):
    client = login(ev.world.staff)
    assert client.get(reverse("evaluation:mine")).status_code == 200
    response = client.post(
        period_url(ev, "evaluation:realisation", indicator_id=ev.indicators[0].pk),
        {"value": "3", "narrative": "Tiga laporan", "version": "0"},
    )
    assert response.status_code == 302
    assert Realisation.objects.get().value == Decimal(3)
    client.post(period_url(ev, "evaluation:evidence"), {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert Evidence.objects.count() == 1
    page = client.get(period_url(ev))
    assert page.status_code == 200
    html = page.content.decode()
    assert "a.pdf" in html and 'aria-valuenow="25"' in html


def test_oversize_upload_on_the_page_answers_413(ev, login, settings):
    settings.MAX_UPLOAD_BYTES = 100
    client = login(ev.world.staff)
    response = client.post(
        period_url(ev, "evaluation:evidence"), {"file": SimpleUploadedFile("b.pdf", PDF * 10)}
    )
    assert response.status_code == 413
    assert Evidence.objects.count() == 0


def test_outsider_gets_404_and_a_visible_non_assessor_gets_403_on_rating(ev, login):
    assert login(ev.world.it_staff).get(period_url(ev)).status_code == 404
    response = login(ev.world.health_admin).post(
        period_url(ev, "evaluation:rate"), {"work_rating": "meets", "behaviour_rating": "meets"}
    )
    assert response.status_code == 403
    assert Evaluation.objects.count() == 0


def test_assessor_rates_on_the_page_and_the_employee_acknowledges(ev, login):
    staff = ev.user(ev.world.staff)
    services.record_realisation(
        actor=staff, indicator=ev.indicators[0], period=ev.q1, expected_version=0, value=Decimal(3)
    )
    services.submit_period(actor=staff, skp=ev.skp, period=ev.q1)
    assessor = login(ev.world.seksi_head)
    page = assessor.get(period_url(ev)).content.decode()
    assert "Saran berdasarkan capaian" in page
    assessor.post(
        period_url(ev, "evaluation:rate"),
        {"work_rating": "meets", "behaviour_rating": "above", "version": "0"},
    )
    evaluation = Evaluation.objects.get()
    assert evaluation.predicate == "good"
    employee = login(ev.world.staff)
    employee.post(period_url(ev, "evaluation:acknowledge"), {"version": evaluation.version})
    evaluation.refresh_from_db()
    assert evaluation.acknowledged_at is not None


def _add_subordinates(ev, n):
    from tests.world import make_employee

    w = ev.world
    for i in range(n):
        employee = make_employee(
            w.health_seksi, w.staff.position, f"Pegawai {i:02d}", with_login=False
        )
        approved_skp(employee, w.seksi_head, w.bidang_head)


def test_team_page_query_count_does_not_grow_with_the_team(ev, login, django_assert_num_queries):
    client = login(ev.world.seksi_head)
    url = reverse("evaluation:team") + f"?periode={ev.q1.pk}"
    client.get(url)  # warm the session
    _add_subordinates(ev, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200
    _add_subordinates(ev, 28)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Nilai</a>") == 31


def test_calibration_page_for_the_agency_head(ev, login):
    services.rate(
        actor=ev.user(ev.world.seksi_head),
        skp=ev.skp,
        period=ev.annual,
        work_rating="meets",
        behaviour_rating="meets",
    )
    client = login(ev.world.health_head)
    response = client.get(
        reverse("evaluation:calibration") + f"?unit={ev.world.health.pk}&tahun=2026"
    )
    assert response.status_code == 200
    assert ev.world.staff.full_name in response.content.decode()
    outsider = login(ev.world.it_staff)
    response = outsider.get(
        reverse("evaluation:calibration") + f"?unit={ev.world.health.pk}&tahun=2026"
    )
    assert response.status_code == 404


# --- the calibration page: summary from counts, employees paged, filtered and searched -----


def _rated_subordinates(ev, n, start=0, predicate_work="meets"):
    from tests.world import make_employee

    w = ev.world
    for i in range(start, start + n):
        employee = make_employee(
            w.health_seksi, w.staff.position, f"Pegawai Kalibrasi {i:02d}", with_login=False
        )
        skp, _, _ = approved_skp(employee, w.seksi_head, w.bidang_head)
        services.rate(
            actor=ev.user(w.seksi_head),
            skp=skp,
            period=ev.annual,
            work_rating=predicate_work,
            behaviour_rating="meets",
        )


def calibration_url(ev, **extra) -> str:
    from urllib.parse import urlencode

    return (
        reverse("evaluation:calibration")
        + "?"
        + urlencode({"unit": ev.world.health.pk, "tahun": 2026, **extra})
    )


def test_calibration_query_count_does_not_grow_with_the_agency(
    ev, login, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(ev.world.health_head)  # the head also gets the adjust forms
    _rated_subordinates(ev, 2)
    client.get(calibration_url(ev))  # warm the session
    with CaptureQueriesContext(connection) as small:
        response = client.get(calibration_url(ev))
    assert response.status_code == 200
    _rated_subordinates(ev, 6, start=2)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(calibration_url(ev))
    assert response.content.decode().count("Sesuaikan</button>") == 8


def test_calibration_lists_employees_fifty_per_page_with_the_count_per_predicate(
    ev, login, monkeypatch
):
    from kinerja.evaluation import views

    monkeypatch.setattr(views, "CALIBRATION_PAGE_SIZE", 2)
    _rated_subordinates(ev, 3)
    client = login(ev.world.bkpsdm_admin)
    first = client.get(calibration_url(ev)).content.decode()
    assert "3 pegawai" in first and "Lihat 3 pegawai" in first  # all three are Baik
    assert "Pegawai Kalibrasi 00" in first and "Pegawai Kalibrasi 02" not in first
    assert "Halaman 1 dari 2" in first and "page=2" in first
    second = client.get(calibration_url(ev, page=2)).content.decode()
    assert "Pegawai Kalibrasi 02" in second and "Pegawai Kalibrasi 00" not in second
    assert views.CALIBRATION_PAGE_SIZE == 2 and views.calibration.__doc__


def test_calibration_filters_by_predicate_and_searches_by_name_or_nip(ev, login):
    from kinerja.organisations.models import Employee

    _rated_subordinates(ev, 2)
    _rated_subordinates(ev, 1, start=2, predicate_work="below")
    client = login(ev.world.health_head)
    body = client.get(calibration_url(ev, predikat="needs_improvement")).content.decode()
    assert "Pegawai Kalibrasi 02" in body and "Pegawai Kalibrasi 00" not in body
    body = client.get(calibration_url(ev, q="kalibrasi 01")).content.decode()
    assert "Pegawai Kalibrasi 01" in body and "Pegawai Kalibrasi 00" not in body
    nip = Employee.objects.get(name="Pegawai Kalibrasi 00").nip
    body = client.get(calibration_url(ev, q=nip)).content.decode()
    assert "Pegawai Kalibrasi 00" in body and "Pegawai Kalibrasi 01" not in body
    body = client.get(calibration_url(ev, q="tidak ada orangnya")).content.decode()
    assert "Tidak ada pegawai yang cocok" in body


def test_calibration_htmx_request_gets_only_the_list(ev, login):
    _rated_subordinates(ev, 1)
    client = login(ev.world.health_head)
    response = client.get(calibration_url(ev, q="Kalibrasi"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Pegawai Kalibrasi 00" in body
    assert "<html" not in body and "Pola SE MenPANRB" not in body
    restored = client.get(
        calibration_url(ev), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restored.content.decode()


def test_leader_finds_an_employee_by_name_and_adjusts_with_a_reason(ev, login):
    _rated_subordinates(ev, 2)
    client = login(ev.world.health_head)
    body = client.get(calibration_url(ev, q="Kalibrasi 01")).content.decode()
    evaluation = Evaluation.objects.get(period=ev.annual, skp__employee_name="Pegawai Kalibrasi 01")
    assert reverse("evaluation:adjust", args=[evaluation.pk]) in body
    response = client.post(
        reverse("evaluation:adjust", args=[evaluation.pk]),
        {"predicate": "very_good", "reason": "Inovasi layanan diakui", "q": "Kalibrasi 01"},
    )
    assert response.status_code == 302 and "q=Kalibrasi+01" in response["Location"]
    evaluation.refresh_from_db()
    assert evaluation.predicate == "very_good" and evaluation.is_calibrated
    page = client.get(response["Location"]).content.decode()
    assert "Inovasi layanan diakui" in page and "disesuaikan" in page
