"""Shared by the development pages: the year asked for, the signed-in employee, messages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from kinerja.core import clock
from kinerja.core.http import require
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Employee


def _year(request) -> int:
    value = request.GET.get("tahun", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return clock.today().year


def _me(request) -> Employee:
    if request.user.employee_id is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return Employee.objects.select_related("unit", "position").get(pk=request.user.employee_id)


def _fail(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, str(exc))


def _back(request, default: str):
    """Redirect to the form's `next` when it stays on this site, else to `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def _require_admin(request) -> None:
    access = access_for(request.user)
    require(
        access.manages_all or access.is_opd_admin, "Halaman ini untuk BKPSDM dan pengelola OPD."
    )
