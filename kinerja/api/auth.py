"""Bearer-token and session authentication for /api/v1."""

from __future__ import annotations

from ninja.security import HttpBearer, django_auth

from kinerja.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()
AUTH = [token_auth, django_auth]
