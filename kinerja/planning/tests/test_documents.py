"""The official SKP PDF: layout text per form, verification code, current vs superseded."""

import subprocess

import pytest
from django.urls import reverse

from kinerja.planning import services
from kinerja.planning.models import SkpDocument

from .helpers import approved_chain, approved_skp, fresh, skp_with_rhk, user_of

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "skp.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_non_jpt_pdf_has_identities_table_behaviour_and_verification(world, login, tmp_path):
    _, boss_rhk = approved_chain(world)
    skp, _ = skp_with_rhk(world.staff, parent=boss_rhk)
    services.add_attachment(
        actor=user_of(world.staff),
        skp=skp,
        expected_version=skp.version,
        kind="resources",
        text="Komputer dan akses SIMPUS",
    )
    response = login(world.staff).get(reverse("planning:skp_pdf", args=[skp.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "Rahmat Pelaksana",
        "Nurul Kasi",
        "PIMPINAN YANG DIINTERVENSI",
        "Berorientasi Pelayanan",
        "Komputer dan akses SIMPUS",
        "Blangpidie",
        "Halaman 1 dari",
    ):
        assert expected in text, expected
    assert SkpDocument.objects.get(skp=skp).code in text


def test_jpt_pdf_uses_the_jpt_columns(world, login, tmp_path):
    skp, _ = approved_skp(world.health_head, world.regent)
    text = pdf_text(
        login(world.health_head).get(reverse("planning:skp_pdf", args=[skp.pk])).content, tmp_path
    )
    assert "PERSPEKTIF" in text and "PEJABAT PIMPINAN TINGGI" in text
    assert "DIINTERVENSI" not in text


def test_verification_page_says_current_then_superseded(world, login, client):
    skp, rhk = skp_with_rhk(world.staff)
    login(world.staff).get(reverse("planning:skp_pdf", args=[skp.pk]))
    document = SkpDocument.objects.get(skp=skp)
    client.logout()
    url = reverse("planning:verify", args=[document.code])
    assert "masih berlaku" in client.get(url).content.decode()
    services.update_rhk(
        actor=user_of(world.staff),
        rhk=rhk,
        expected_version=fresh(skp).version,
        group="utama",
        text="RHK yang diubah setelah dicetak",
    )
    assert "bukan versi terbaru" in client.get(url).content.decode()
    assert client.get(reverse("planning:verify", args=["TIDAKADA"])).status_code == 404


def test_pdf_of_an_invisible_skp_is_404(world, login):
    skp, _ = skp_with_rhk(world.staff)
    assert login(world.it_staff).get(reverse("planning:skp_pdf", args=[skp.pk])).status_code == 404
