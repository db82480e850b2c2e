"""Fixtures of the leadership tests: photos (real and disguised) and API bearer tokens."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

# A 1×1 transparent PNG.
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def png(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def text_named_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile("foto.jpg", b"bukan gambar, hanya teks biasa\n" * 10, "image/jpeg")


@pytest.fixture
def bearer(world):
    from kinerja.accounts.services import issue_token

    def _bearer(employee):
        _, key = issue_token(user=world.user(employee), name="uji")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return _bearer
