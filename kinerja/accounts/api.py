"""API: tokens and the current user."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from kinerja.organisations.access import access_for
from kinerja.organisations.domain.nip import normalise

from . import services
from .models import ApiToken

router = Router(tags=["Akun"])


class Error(Schema):
    detail: str


class Credentials(Schema):
    nip: str
    password: str
    name: str = "API"


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
    response={200: TokenOut, 401: Error},
    summary="Tukar NIP dan kata sandi dengan token",
)
def obtain_token(request, payload: Credentials):
    """Returns a bearer token. Failed attempts count toward the login lockout."""
    username = normalise(payload.nip) if normalise(payload.nip).isdigit() else payload.nip.strip()
    user = authenticate(request, username=username, password=payload.password)
    if user is None or not user.is_active:
        return 401, {"detail": "NIP atau kata sandi salah, atau akun terkunci sementara."}
    _, key = services.issue_token(user=user, name=payload.name or "API")
    return 200, {"token": key}


@router.get("/auth/tokens", response=list[TokenInfo], summary="Daftar token milik saya")
def list_tokens(request):
    return list(ApiToken.objects.filter(user=request.user))


@router.delete("/auth/tokens/{token_id}", response={204: None, 404: Error}, summary="Cabut token")
def revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_token(user=request.user, token=token)
    return 204, None


@router.get("/me", response=MeOut, summary="Pengguna yang sedang masuk")
def me(request):
    user = request.user
    employee = user.employee
    access = access_for(user)
    roles = sorted(
        {"employee", *access.roles}
        | ({"assessor"} if access.is_assessor else set())
        | ({"superuser"} if user.is_superuser else set())
    )
    return {
        "username": user.username,
        "nip": employee.nip if employee else None,
        "name": str(user),
        "position": str(employee.position) if employee and employee.position_id else None,
        "unit_id": employee.unit_id if employee else None,
        "unit": str(employee.unit) if employee and employee.unit_id else None,
        "roles": roles,
        "is_assessor": access.is_assessor,
    }
