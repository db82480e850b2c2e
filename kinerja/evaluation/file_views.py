"""Download of evidence files (bukti dukung), through the same scoping as the SKP they belong to.

Uploaded files are never linked by their storage URL: the media folder is not served, and a
storage URL would bypass `visible_to`. The response is an attachment with the checked file name,
its recorded content type and `nosniff`, so a browser never renders an upload as a page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from kinerja.core.http import get_visible_or_404

from .models import Evidence, EvidenceKind


@login_required
def evidence_file(request, evidence_id: int):
    """The file of one piece of evidence the user may see (404 otherwise)."""
    evidence = get_visible_or_404(Evidence.objects.visible_to(request.user), pk=evidence_id)
    if evidence.kind != EvidenceKind.FILE or not evidence.file:
        raise Http404("Bukti ini bukan berkas.")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.safe_name or None,
        content_type=evidence.mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
