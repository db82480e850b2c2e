"""Account use cases: create logins, change passwords, issue and revoke API tokens."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.organisations.models import Employee

from .models import ApiToken, User


@transaction.atomic
def create_login(
    *,
    actor: Any,
    employee: Employee,
    password: str | None = None,
    must_change_password: bool = True,
) -> tuple[User, str]:
    """Create (or return) the login of an employee. Returns the user and the initial password."""
    user = User.objects.filter(employee=employee).first()
    if user is not None:
        return user, ""
    initial = password or secrets.token_urlsafe(9)
    user = User(
        username=employee.nip,
        employee=employee,
        email=employee.email,
        must_change_password=must_change_password,
    )
    user.set_password(initial)
    user.save()
    record(actor=actor, action="account.create", obj=user, after={"username": user.username})
    return user, initial


@transaction.atomic
def change_password(*, user: User, old_password: str, new_password: str) -> None:
    """Change one's own password after checking the old one and the password rules."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": "Kata sandi lama salah."})
    if old_password == new_password:
        raise ValidationError({"new_password": "Kata sandi baru harus berbeda dari yang lama."})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    record(actor=user, action="account.password_change", obj=user)


@transaction.atomic
def issue_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token; the plain key is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Nama token wajib diisi."})
    key = "knj_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[4:12], key_hash=ApiToken.hash_key(key)
    )
    record(
        actor=user,
        action="token.issue",
        obj=token,
        after={"name": token.name, "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def revoke_token(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied("Token ini bukan milik Anda.")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record(actor=user, action="token.revoke", obj=token)


def user_for_token(key: str) -> User | None:
    """The active user behind a bearer key, or None; records when the token was last used."""
    if not key or not key.startswith("knj_"):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__employee")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
