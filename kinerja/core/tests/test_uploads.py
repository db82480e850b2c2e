"""Uploads are judged by content: empty, oversize, disguised and odd-named files are handled."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.uploads import (
    CERTIFICATE_TYPES,
    EVIDENCE_TYPES,
    UploadError,
    check_upload,
    safe_filename,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 200


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_pdf_is_accepted_with_its_sha256():
    checked = check_upload(SimpleUploadedFile("laporan.pdf", PDF_BYTES), allowed=EVIDENCE_TYPES)
    assert checked.mime_type == "application/pdf"
    assert len(checked.sha256) == 64


def test_word_document_is_recognised_inside_the_zip():
    checked = check_upload(SimpleUploadedFile("notulen.docx", _docx()), allowed=EVIDENCE_TYPES)
    assert checked.extension == "docx"


def test_renamed_executable_is_refused():
    with pytest.raises(UploadError, match="Jenis berkas tidak diizinkan"):
        check_upload(SimpleUploadedFile("sertifikat.pdf", EXE_BYTES), allowed=CERTIFICATE_TYPES)


def test_empty_file_is_refused():
    with pytest.raises(UploadError, match="kosong"):
        check_upload(SimpleUploadedFile("a.pdf", b""), allowed=EVIDENCE_TYPES)


def test_oversize_file_is_refused_and_marked_too_large():
    with pytest.raises(UploadError) as exc:
        check_upload(
            SimpleUploadedFile("a.pdf", PDF_BYTES * 100), allowed=EVIDENCE_TYPES, max_bytes=100
        )
    assert exc.value.too_large


@pytest.mark.parametrize(
    ("name", "ext", "expected"),
    [
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("C:\\Users\\x\\foto kegiatan.jpg", "png", "foto kegiatan.png"),
        ("laporan.pdf.exe", "pdf", "laporan.pdf.pdf"),
        ("\x00\x1f.pdf", "pdf", "berkas.pdf"),
        ("", "png", "berkas.png"),
    ],
)
def test_file_names_lose_paths_and_tricks(name, ext, expected):
    assert safe_filename(name, ext) == expected


def test_image_is_accepted_as_certificate():
    assert (
        check_upload(SimpleUploadedFile("s.png", PNG_BYTES), allowed=CERTIFICATE_TYPES).extension
        == "png"
    )
