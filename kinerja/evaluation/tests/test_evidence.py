"""Evidence uploads checked by content, links, and reuse flagged to the assessor."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.uploads import UploadError
from kinerja.evaluation import services
from kinerja.evaluation.models import Evidence
from kinerja.evaluation.selectors.periods import reused_evidence

from .conftest import approved_skp

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(ev, name, content, *, employee=None, skp=None, period=None):
    return services.add_evidence_file(
        actor=ev.user(employee or ev.world.staff),
        skp=skp or ev.skp,
        period=period or ev.q1,
        upload=SimpleUploadedFile(name, content, content_type="application/pdf"),
    )


def test_pdf_is_stored_under_a_random_name_with_its_sha256(ev):
    evidence = upload(ev, "Laporan Triwulan I.pdf", PDF)
    assert evidence.kind == "file" and evidence.mime_type == "application/pdf"
    assert len(evidence.sha256) == 64 and evidence.size == len(PDF)
    assert evidence.safe_name == "Laporan Triwulan I.pdf"
    assert evidence.file.name.startswith(f"bukti/2026/{ev.skp.pk}/")
    assert "Laporan" not in evidence.file.name
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF


def test_office_document_and_image_are_accepted(ev):
    assert upload(ev, "notulen.docx", docx_bytes()).safe_name == "notulen.docx"
    assert upload(ev, "foto.png", PNG).mime_type == "image/png"


def test_oversize_file_is_refused_as_too_large(ev, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    with pytest.raises(UploadError) as exc:
        upload(ev, "besar.pdf", PDF + b"0" * 2048)
    assert exc.value.too_large
    assert Evidence.objects.count() == 0


def test_empty_file_is_refused(ev):
    with pytest.raises(UploadError, match="kosong"):
        upload(ev, "kosong.pdf", b"")


def test_wrong_type_by_content_is_refused_whatever_the_name(ev):
    with pytest.raises(UploadError, match="tidak diizinkan"):
        upload(ev, "laporan.pdf", b"just some plain text pretending to be a PDF")


def test_renamed_executable_is_refused(ev):
    with pytest.raises(UploadError):
        upload(ev, "laporan.pdf", EXE)
    assert Evidence.objects.count() == 0


def test_plain_zip_is_not_an_office_document(ev):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", EXE)
    with pytest.raises(UploadError):
        upload(ev, "laporan.docx", buffer.getvalue())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Desktop\\laporan.exe", "laporan.pdf"),
        ("bukti\x00.exe", "bukti.pdf"),
        ("...", "berkas.pdf"),
        ("Laporan <script>.pdf", "Laporan _script.pdf"),
    ],
)
def test_odd_file_names_become_safe(ev, name, expected):
    evidence = upload(ev, name, PDF)
    assert evidence.safe_name == expected
    assert ".." not in evidence.file.name and "\x00" not in evidence.original_name


def test_link_evidence_needs_a_web_address(ev):
    staff = ev.user(ev.world.staff)
    link = services.add_evidence_link(
        actor=staff, skp=ev.skp, period=ev.q1, url="https://abdyakab.go.id/berita/1", title="Berita"
    )
    assert link.kind == "link"
    with pytest.raises(Exception) as exc:
        services.add_evidence_link(actor=staff, skp=ev.skp, period=ev.q1, url="javascript:alert(1)")
    assert "url" in exc.value.message_dict


def test_evidence_is_deleted_with_its_file(ev, django_capture_on_commit_callbacks):
    evidence = upload(ev, "a.pdf", PDF)
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_evidence(actor=ev.user(ev.world.staff), evidence=evidence)
    assert not storage.exists(name)


def test_same_file_in_another_period_is_flagged(ev):
    staff = ev.user(ev.world.staff)
    services.record_realisation(
        actor=staff, indicator=ev.indicators[0], period=ev.q1, expected_version=0, value=Decimal(3)
    )
    first = upload(ev, "a.pdf", PDF)
    # Q2's window opens on 1 April, so the same file can be filed again there.
    again = upload(ev, "b.pdf", PDF, period=ev.q2)
    flagged = reused_evidence(ev.skp)
    assert {item.evidence.pk for item in flagged} == {first.pk, again.pk}
    match = next(item for item in flagged if item.evidence.pk == again.pk)
    assert [m.pk for m in match.matches] == [first.pk]


def test_same_file_from_another_employee_is_flagged(ev):
    w = ev.world
    other, _, _ = approved_skp(w.nurse, w.health_head, w.regent)
    upload(ev, "a.pdf", PDF, employee=w.nurse, skp=other)
    mine = upload(ev, "mine.pdf", PDF)
    flagged = reused_evidence(ev.skp)
    assert [item.evidence.pk for item in flagged] == [mine.pk]
    assert flagged[0].matches[0].skp.employee_name == w.nurse.full_name


def test_different_files_are_not_flagged(ev):
    upload(ev, "a.pdf", PDF)
    upload(ev, "b.png", PNG)
    assert reused_evidence(ev.skp) == []
