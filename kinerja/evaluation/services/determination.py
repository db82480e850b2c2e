"""Signing the penetapan predikat kinerja of a perangkat daerah (SE MenPANRB 3/2023, step 3).

Only the head of the perangkat daerah signs: the definitive head or the Plt/Plh holding the
head's post today. The organisation's result must be set, every employee with an approved SKP of
the year must have an annual predicate, no appeal on one may be open, and each breach of the
distribution pattern needs the leader's written consideration. The pattern is a consideration,
not a bar: an explained breach does not stop the signature. The signed distribution is frozen
with its SHA-256.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from kinerja.audit.services import record
from kinerja.communication.services import notify
from kinerja.core import clock
from kinerja.core.documents import canonical_digest
from kinerja.organisations.access import access_for
from kinerja.organisations.models import Assignment, OrgUnit
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp

from ..domain import Predicate, Violation
from ..errors import StateError
from ..models import Appeal, AppealStatus, PredicateDetermination
from ..selectors.calibration import agency_calibration, agency_q, determination_employees
from ._common import actor_name

MAX_EXPLANATION = 2000


def violation_key(violation: Violation) -> str:
    """A stable key for one breach (its rule and predicates), used by forms and the API."""
    return f"{violation.code}:{'+'.join(p.value for p in violation.predicates)}"


def can_sign_determination(user: Any, agency: OrgUnit) -> bool:
    """The head of the perangkat daerah today (definitive, Plt or Plh)."""
    return agency.pk in access_for(user).headed_unit_ids


def _signer_position(actor: Any, agency: OrgUnit) -> str:
    held = (
        Assignment.objects.on(clock.today())
        .filter(employee_id=actor.employee_id, position__unit=agency, position__is_head=True)
        .select_related("position")
        .first()
    )
    if held is None:
        return ""
    prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(held.acting, "")
    return prefix + held.position.name


def _unrated(agency: OrgUnit, year: int, rated_skp_ids: set[int]) -> list[str]:
    """Employees with an approved SKP of the year but no annual predicate yet."""
    names = (
        Skp.objects.filter(agency_q(agency, ""), year=year, status=SkpStatus.APPROVED)
        .exclude(pk__in=rated_skp_ids)
        .order_by("employee_name")
        .values_list("employee_name", flat=True)
    )
    return list(names)


@transaction.atomic
def sign_predicate_determination(
    *,
    actor: Any,
    agency: OrgUnit,
    year: int,
    explanations: Mapping[str, str] | None = None,
) -> PredicateDetermination:
    """Sign the agency's penetapan predikat kinerja for the year (audited, then downloadable)."""
    if not can_sign_determination(actor, agency):
        raise PermissionDenied(
            "Penetapan predikat kinerja ditandatangani oleh kepala perangkat daerah "
            "(atau Plt/Plh-nya)."
        )
    OrgUnit.objects.select_for_update().filter(pk=agency.pk).first()  # one signer at a time
    if PredicateDetermination.objects.filter(agency=agency, year=year).exists():
        raise StateError(
            f"Penetapan predikat kinerja {agency.name} tahun {year} sudah ditandatangani."
        )
    page = agency_calibration(actor, agency=agency, year=year)
    if page.org_result is None:
        raise StateError(
            f"Capaian kinerja organisasi {agency.name} tahun {year} belum ditetapkan; "
            "pola distribusi predikat belum dapat diperiksa."
        )
    if page.total == 0:
        raise StateError("Belum ada predikat tahunan pegawai untuk ditetapkan.")
    employees = determination_employees(agency, year)
    unrated = _unrated(agency, year, {e.skp_id for e in employees})
    if unrated:
        shown = ", ".join(unrated[:5]) + (
            f" dan {len(unrated) - 5} lainnya" if len(unrated) > 5 else ""
        )
        raise StateError(f"{len(unrated)} pegawai belum dinilai tahunan: {shown}.")
    open_appeals = Appeal.objects.filter(
        agency_q(agency, "evaluation__skp__"),
        evaluation__period__year=year,
        evaluation__period__kind="annual",
    ).exclude(status=AppealStatus.DECIDED)
    if open_appeals.exists():
        raise StateError(
            "Masih ada keberatan atas predikat tahunan yang belum diputus; tunggu keputusannya."
        )
    given = {k: (v or "").strip() for k, v in (explanations or {}).items()}
    errors = []
    for violation in page.violations:
        text = given.get(violation_key(violation), "")
        if not text:
            errors.append(f"Jelaskan pertimbangan atas penyimpangan: {violation.message}")
        elif len(text) > MAX_EXPLANATION:
            errors.append(f"Pertimbangan paling banyak {MAX_EXPLANATION} karakter.")
    if errors:
        raise ValidationError({"explanations": errors})
    distribution = {
        "agency": agency.name,
        "year": year,
        "org_predicate": page.org_result.predicate,
        "rules": [rule.describe() for rule in page.rules],
        "counts": {p.value: page.counts.get(p, 0) for p in Predicate},
        "total": page.total,
        "violations": [
            {
                "key": violation_key(v),
                "message": v.message,
                "explanation": given[violation_key(v)],
            }
            for v in page.violations
        ],
        "employees": [
            {
                "nip": e.nip,
                "name": e.name,
                "position": e.position,
                "predicate": e.predicate,
                "calibrated": e.calibrated,
            }
            for e in employees
        ],
    }
    employee = actor.employee
    try:
        with transaction.atomic():
            determination = PredicateDetermination.objects.create(
                agency=agency,
                year=year,
                signed_by=actor,
                signer_name=actor_name(actor),
                signer_nip=employee.nip if employee else "",
                signer_position=_signer_position(actor, agency),
                signed_at=clock.now(),
                distribution=distribution,
                content_hash=canonical_digest(distribution),
            )
    except IntegrityError as exc:
        raise StateError(
            f"Penetapan predikat kinerja {agency.name} tahun {year} sudah ditandatangani."
        ) from exc
    record(
        actor=actor,
        action="evaluation.predicates_determined",
        obj=determination,
        agency_id=agency.pk,
        after={
            "hash": determination.content_hash,
            "total": page.total,
            "org_predicate": page.org_result.predicate,
            "violations": len(page.violations),
        },
        reason="\n".join(v["explanation"] for v in distribution["violations"]),
    )
    notify(
        recipients=get_user_model().objects.filter(
            employee_id__in=[e.employee_id for e in employees], is_active=True
        ),
        kind="evaluation_done",
        title=f"Predikat kinerja {year} telah ditetapkan",
        body=f"{determination.signer_name} menandatangani penetapan predikat kinerja "
        f"{agency.name} tahun {year}.",
        url=reverse("evaluation:mine"),
    )
    return determination
