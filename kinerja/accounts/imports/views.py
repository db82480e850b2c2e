"""Pages of the import: upload, report, confirm, progress, result, template and password downloads."""

from __future__ import annotations

import csv
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kinerja.core.http import get_visible_or_404, require

from . import services
from .spec import BY_KIND
from .template import build_csv, build_workbook


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas impor (.xlsx atau .csv)",
        help_text="Gunakan templat yang disediakan di halaman ini. Semua baris diperiksa sebelum ada yang disimpan.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES / (1024 * 1024)
            raise forms.ValidationError(f"Berkas terlalu besar (batas {limit:.0f} MB).")
        if upload.size == 0:
            raise forms.ValidationError("Berkas kosong. Unggah templat yang sudah diisi.")
        return upload


def _require_importer(user) -> None:
    require(
        services.can_import(user),
        "Hanya admin BKPSDM dan pengelola kinerja perangkat daerah yang dapat mengimpor data.",
    )


@login_required
def upload(request):
    _require_importer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        job = services.start_job(actor=request.user, data=file.read(), name=file.name)
        return redirect("accounts:import_job", pk=job.pk)
    jobs = services.jobs_visible_to(request.user)[:10]
    return render(
        request,
        "accounts/import.html",
        {"form": form, "jobs": jobs, "csv_kinds": [(k, s.title) for k, s in BY_KIND.items()]},
    )


def _job(request, pk: int):
    _require_importer(request.user)
    return get_visible_or_404(services.jobs_visible_to(request.user), pk=pk)


@login_required
def job_detail(request, pk: int):
    job = _job(request, pk)
    context = {
        "job": job,
        "summary_text": services.summary_text(job.report.get("summary", {})),
        "has_credentials": bool(job.credentials) and job.created_by_id == request.user.pk,
    }
    if request.htmx:
        if job.is_running:
            return render(request, "accounts/import_progress.html", context)
        # Finished: tell htmx to reload the whole page so the report shows.
        return HttpResponseClientRefresh()
    return render(request, "accounts/import_job.html", context)


@login_required
@require_POST
def job_confirm(request, pk: int):
    job = _job(request, pk)
    try:
        job = services.confirm_job(actor=request.user, job=job)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        if job.status == "done":
            messages.success(request, "Impor selesai disimpan.")
    return redirect("accounts:import_job", pk=job.pk)


@login_required
@require_POST
def job_credentials(request, pk: int):
    job = _job(request, pk)
    rows = services.take_credentials(actor=request.user, job=job)
    if not rows:
        raise Http404("Kata sandi awal sudah diunduh.")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["NIP", "Nama", "Kata sandi awal"])
    for row in rows:
        writer.writerow([row["nip"], row["name"], row["password"]])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="akun-awal-impor-{job.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def template_download(request, kind: str = ""):
    _require_importer(request.user)
    if kind:
        if kind not in BY_KIND:
            raise Http404("Templat tidak dikenal.")
        response = HttpResponse(build_csv(kind), content_type="text/csv")
        response["Content-Disposition"] = (
            f'attachment; filename="templat-impor-{BY_KIND[kind].title.lower()}.csv"'
        )
        return response
    response = HttpResponse(
        build_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-pegawai.xlsx"'
    return response
