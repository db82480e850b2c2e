"""Send a user who must change their password to the change form first."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_PREFIXES = ("/akun/", "/static/", "/api/", "/verifikasi/", "/publik/")


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            return redirect(reverse("accounts:password_change") + "?wajib=1")
        return self.get_response(request)
