"""The /api/v1 application: auth, error format, and the routers of each app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from .auth import AUTH
from .routers import accounts_router, org_router

api = NinjaAPI(
    title="Kinerja API",
    version="1.0.0",
    description=(
        "API Sistem Manajemen Kinerja ASN Pemerintah Kabupaten Aceh Barat Daya. "
        "Autentikasi: `POST /api/v1/auth/token` lalu header `Authorization: Bearer <token>`. "
        "Setiap daftar dan detail dibatasi hak akses pengguna yang sama dengan halaman aplikasi."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Data tidak ditemukan."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Anda tidak berwenang."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return api.create_response(
        request, {"detail": "Autentikasi diperlukan: kirim token Bearer yang sah."}, status=401
    )


@api.exception_handler(ValidationError)
def django_invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request, {"detail": "Data tidak valid.", "errors": errors}, status=422
    )


@api.exception_handler(NinjaValidationError)
def ninja_invalid(request, exc):
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = ".".join(
            str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload")
        )
        errors.setdefault(loc or "__all__", []).append(_indonesian(err))
    return api.create_response(
        request, {"detail": "Data tidak valid.", "errors": errors}, status=422
    )


def _indonesian(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "Wajib diisi."
    if kind.startswith("int") or kind.startswith("float"):
        return "Harus berupa angka."
    if kind.startswith("string"):
        return "Harus berupa teks yang sah."
    if kind.startswith("date"):
        return "Tanggal tidak sah (format TTTT-BB-HH)."
    if kind.startswith("bool"):
        return "Harus bernilai true atau false."
    return "Nilai tidak sah."


api.add_router("/", accounts_router)
api.add_router("/", org_router)
