"""API: tokens and the current user."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from kinerja.core.api_schemas import SafeStr, error_responses
from kinerja.organisations.access import access_for
from kinerja.organisations.domain.nip import normalise

from . import services
from .models import ApiToken

router = Router(tags=["Akun"])


LOCKED_OUT = 429


class Credentials(Schema):
    nip: SafeStr = Field(..., min_length=1, max_length=150, description="NIP (18 digit)")
    password: SafeStr = Field(..., min_length=1, max_length=512)
    name: SafeStr = Field("API", min_length=1, max_length=100, description="Nama token")


class TokenOut(Schema):
    token: str


class TokenInfo(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class MeOut(Schema):
    username: str
    nip: str | None
    name: str
    position: str | None
    unit_id: int | None
    unit: str | None
    roles: list[str]
    is_assessor: bool


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, **error_responses(401, 422, LOCKED_OUT)},
    summary="Tukar NIP dan kata sandi dengan token",
    description=(
        "Gagal masuk berulang kali (sama dengan halaman masuk) mengunci pasangan NIP dan alamat "
        "IP sementara: selama terkunci, jawaban 429 walaupun kata sandi benar."
    ),
)
def obtain_token(request, payload: Credentials):
    """Returns a bearer token. Failed attempts count toward the login lockout (django-axes)."""
    digits = normalise(payload.nip)
    username = digits if digits.isdigit() else payload.nip.strip()
    user = authenticate(request, username=username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answer the lockout here in JSON; otherwise AxesMiddleware swaps in its HTML page.
        request.axes_locked_out = False
        return Status(
            LOCKED_OUT,
            {"detail": "Terlalu banyak percobaan gagal: akun terkunci sementara. Coba lagi nanti."},
        )
    if user is None or not user.is_active:
        return Status(401, {"detail": "NIP atau kata sandi salah."})
    _, key = services.issue_token(user=user, name=payload.name)
    return Status(200, {"token": key})


@router.get(
    "/auth/tokens",
    response={200: list[TokenInfo], **error_responses(401)},
    summary="Daftar token milik saya",
)
def list_tokens(request):
    return Status(200, list(ApiToken.objects.filter(user=request.user)))


@router.delete(
    "/auth/tokens/{token_id}",
    response={204: None, **error_responses(401, 403, 404, 422)},
    summary="Cabut token",
    description="403 bila masuk lewat sesi peramban tanpa token CSRF.",
)
def revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_token(user=request.user, token=token)
    return Status(204, None)


@router.get(
    "/me", response={200: MeOut, **error_responses(401)}, summary="Pengguna yang sedang masuk"
)
def me(request):
    user = request.user
    employee = user.employee
    access = access_for(user)
    roles = sorted(
        {"employee", *access.roles}
        | ({"assessor"} if access.is_assessor else set())
        | ({"superuser"} if user.is_superuser else set())
    )
    return Status(
        200,
        {
            "username": user.username,
            "nip": employee.nip if employee else None,
            "name": str(user),
            "position": str(employee.position) if employee and employee.position_id else None,
            "unit_id": employee.unit_id if employee else None,
            "unit": str(employee.unit) if employee and employee.unit_id else None,
            "roles": roles,
            "is_assessor": access.is_assessor,
        },
    )
