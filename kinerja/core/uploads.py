"""Checking uploaded files by their content, not their name, and storing them with a SHA-256.

Used for evidence (bukti dukung), certificates, field-visit photos and imports.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

# What each kind of upload may be, by detected MIME type (magic bytes) → canonical extension.
PDF = {"application/pdf": "pdf"}
IMAGES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
OFFICE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
}
EVIDENCE_TYPES = {**PDF, **IMAGES, **OFFICE}
CERTIFICATE_TYPES = {**PDF, **IMAGES}
PHOTO_TYPES = dict(IMAGES)

_OOXML_MARKERS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


class UploadError(ValueError):
    """An upload that must be refused; the message is shown to the user as is."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    safe_name: str
    mime_type: str
    extension: str
    size: int
    sha256: str


def safe_filename(name: str, extension: str) -> str:
    """A display name without directories, control characters or tricks, ending in the real type."""
    base = (name or "").replace("\\", "/").split("/")[-1]
    base = unicodedata.normalize("NFKC", base)
    base = re.sub(r"[\x00-\x1f\x7f]", "", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\- ().]", "_", stem).strip(" ._") or "berkas"
    return f"{stem[:100]}.{extension}"


def _sniff(head: bytes, upload: UploadedFile) -> str | None:
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in {"application/zip", None} and head[:2] == b"PK":
        # Office Open XML files are zip archives; look inside for the part that says which one.
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for marker, ooxml in _OOXML_MARKERS.items():
                if any(n.startswith(marker) for n in names):
                    return ooxml
    return mime


def check_upload(
    upload: UploadedFile, *, allowed: dict[str, str], max_bytes: int | None = None
) -> CheckedUpload:
    """Refuse empty, oversize, or wrongly typed files (type read from the content).

    Returns the file with a safe display name, its real type and its SHA-256.
    """
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    size = upload.size or 0
    if size == 0:
        raise UploadError("Berkas kosong. Pilih berkas yang berisi data.")
    if size > limit:
        raise UploadError(
            f"Berkas terlalu besar ({size / 1048576:.1f} MB). Batas ukuran {limit / 1048576:.0f} MB.",
            too_large=True,
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    mime = _sniff(head, upload)
    if mime not in allowed:
        names = ", ".join(sorted({ext.upper() for ext in allowed.values()}))
        raise UploadError(
            f"Jenis berkas tidak diizinkan (isi berkas bukan {names}). Nama berkas tidak menentukan jenisnya."
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    extension = allowed[mime]
    return CheckedUpload(
        upload,
        safe_filename(upload.name or "", extension),
        mime,
        extension,
        size,
        digest.hexdigest(),
    )
