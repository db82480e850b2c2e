"""Findings about evidence: the same file uploaded by more than one employee."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from kinerja.evaluation.models import Evidence, EvidenceKind

from ._common import _local_date, _period_finding, _skp_related, _skps
from .kinds import Filters, Finding, Kind


def evidence_reuse(user, filters: Filters) -> list[Finding]:
    """Files with the same SHA-256 uploaded as evidence by more than one employee.

    The duplicate hashes are found over the whole regency (a file copied from another agency is
    still a copy); only the rows the user may see and the filters keep are listed.
    """
    shared = (
        Evidence.objects.filter(kind=EvidenceKind.FILE)
        .exclude(sha256="")
        .values("sha256")
        .annotate(people=Count("skp__employee", distinct=True))
        .filter(people__gt=1)
        .values("sha256")
    )
    qs = (
        Evidence.objects.filter(kind=EvidenceKind.FILE, sha256__in=shared)
        .select_related(*_skp_related(), "period")
        .order_by("sha256", "created_at", "pk")
    )
    rows = list(qs)
    visible = (
        set(
            Evidence.objects.filter(
                pk__in=[r.pk for r in rows], **_skps(user, filters)
            ).values_list("pk", flat=True)
        )
        if rows
        else set()
    )
    by_hash: dict[str, list[Evidence]] = defaultdict(list)
    for r in rows:
        by_hash[r.sha256].append(r)
    found = []
    for r in rows:
        if r.pk not in visible or (filters.period_id and r.period_id != filters.period_id):
            continue
        others = sorted(
            {
                f"{o.skp.employee_name or o.skp.employee.full_name} ({o.skp.employee.nip})"
                for o in by_hash[r.sha256]
                if o.skp.employee_id != r.skp.employee_id
            }
        )
        found.append(
            _period_finding(
                Kind.EVIDENCE_REUSE,
                r,
                _local_date(r.created_at),
                f"Berkas “{r.safe_name or r.original_name}” (SHA-256 {r.sha256[:12]}…) juga "
                f"diunggah oleh: {', '.join(others)}.",
                audit_object_id=r.pk,
                audit_action="evaluation.",
                ref=f"evidence:{r.pk}",
            )
        )
    return found
