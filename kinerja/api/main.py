"""The /api/v1 application: auth, error format, and the routers of each app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
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
    # Rendered from ninja's bundled static files ("ninja" is in INSTALLED_APPS): no CDN.
    docs=Swagger(settings={"persistAuthorization": True}),
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Data tidak ditemukan."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Anda tidak berwenang."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    response = api.create_response(
        request, {"detail": "Autentikasi diperlukan: kirim token Bearer yang sah."}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="kinerja"'
    return response


@api.exception_handler(HttpError)
def http_error(request, exc):
    # ninja raises HttpError itself: 400 for a body that is not JSON, 403 when a
    # session-authenticated write lacks its CSRF token.
    message = exc.message
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        errors = {"__all__": ["Isi permintaan bukan JSON yang sah."]}
        return api.create_response(
            request, {"detail": "Data tidak valid.", "errors": errors}, status=422
        )
    if exc.status_code == 403 and "CSRF" in message:
        message = "Pemeriksaan CSRF gagal: kirim token CSRF atau gunakan token Bearer."
    return api.create_response(request, {"detail": message}, status=exc.status_code)


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
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "Wajib diisi."
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind in ("string_too_short", "too_short"):
        return f"Paling sedikit {ctx.get('min_length')} karakter."
    if kind in ("string_too_long", "too_long"):
        return f"Paling banyak {ctx.get('max_length')} karakter."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Harus paling kecil {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"Harus paling besar {ctx.get('le', ctx.get('lt'))}."
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
from .routers import planning_router  # noqa: E402

api.add_router("/", planning_router)
from .routers import development_router  # noqa: E402

api.add_router("/", development_router)
from .routers import evaluation_router  # noqa: E402

api.add_router("/", evaluation_router)
from .routers import leadership_router  # noqa: E402

api.add_router("/", leadership_router)
from .routers import reports_router  # noqa: E402

api.add_router("/", reports_router)
from .routers import exchange_router  # noqa: E402

api.add_router("/", exchange_router)
from .routers import adoption_router  # noqa: E402

api.add_router("/", adoption_router)
from .routers import communication_router  # noqa: E402

api.add_router("/", communication_router)
