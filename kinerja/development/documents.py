"""The individual development plan document: content hash, verification code, WeasyPrint PDF.

Follows the SKP document of the planning app (`kinerja.planning.documents`): a printout gets a
verification code tied to the hash of what it shows, the same content printed again reuses its
code, and a public page tells whether a printout is authentic and still current.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from decimal import Decimal
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from kinerja.audit.services import record
from kinerja.core import clock
from kinerja.organisations.models import Employee
from kinerja.organisations.selectors import current_assessor_map
from kinerja.planning.documents import PLACE

from .domain import ActivityForm, progress
from .models import DevelopmentNeed, DevelopmentPlan, PlanDocument
from .selectors import jp_total


def _plan_items(plan: DevelopmentPlan):
    return list(
        plan.items.select_related("need", "need__competency", "activity", "event").order_by(
            "quarter", "id"
        )
    )


def _needs(plan: DevelopmentPlan) -> list[DevelopmentNeed]:
    return list(
        DevelopmentNeed.objects.filter(employee_id=plan.employee_id, year=plan.year)
        .select_related("competency")
        .order_by("source", "id")
    )


def assessor_of(plan: DevelopmentPlan) -> Employee | None:
    """The assessor who agreed, else the employee's current assessor."""
    if plan.assessor_id:
        return Employee.objects.select_related("position", "unit").get(pk=plan.assessor_id)
    assessor_id = current_assessor_map([plan.employee_id]).get(plan.employee_id)
    if assessor_id is None:
        return None
    return Employee.objects.select_related("position", "unit").filter(pk=assessor_id).first()


def _what(item) -> str:
    return str(item.event or item.activity or "")


def _form(item) -> str:
    activity = item.event.activity if item.event_id else item.activity
    if activity is None:
        return ""
    form = ActivityForm(activity.form)
    return f"{form.label} ({form.path.label})"


def _need_title(need: DevelopmentNeed) -> str:
    return need.competency.name if need.competency_id else need.get_source_display()


def snapshot(plan: DevelopmentPlan) -> dict[str, Any]:
    """Everything the document shows of the plan (JP excluded: they grow during the year)."""
    return {
        "employee": plan.employee_id,
        "year": plan.year,
        "status": plan.status,
        "agreed_by_employee_at": plan.agreed_by_employee_at
        and plan.agreed_by_employee_at.isoformat(),
        "agreed_by_assessor_at": plan.agreed_by_assessor_at
        and plan.agreed_by_assessor_at.isoformat(),
        "assessor": plan.assessor_id,
        "needs": [[n.pk, _need_title(n), n.source, n.reason, n.status] for n in _needs(plan)],
        "items": [[i.pk, i.quarter, _what(i), i.need_id, i.status] for i in _plan_items(plan)],
    }


def content_hash(plan: DevelopmentPlan) -> str:
    data = json.dumps(snapshot(plan), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


@transaction.atomic
def issue_document(*, actor: Any, plan: DevelopmentPlan) -> PlanDocument:
    """Record a printout; the same content printed again reuses its code."""
    digest = content_hash(plan)
    existing = PlanDocument.objects.filter(plan=plan, content_hash=digest).first()
    if existing is not None:
        return existing
    document = PlanDocument.objects.create(
        plan=plan,
        code=secrets.token_hex(8).upper(),
        content_hash=digest,
        status=plan.status,
        created_at=clock.now(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="development.plan_document_issued",
        obj=document,
        after={"code": document.code, "hash": digest},
    )
    return document


def is_current(document: PlanDocument) -> bool:
    """Whether the stored plan still has the content the printout showed (read afresh)."""
    return content_hash(DevelopmentPlan.objects.get(pk=document.plan_id)) == document.content_hash


def verify_path(document: PlanDocument) -> str:
    return reverse("development:plan_verify", args=[document.code])


def render_pdf(*, plan: DevelopmentPlan, document: PlanDocument, verify_url: str) -> bytes:
    """The rencana pengembangan kompetensi as PDF bytes."""
    from weasyprint import HTML

    employee = plan.employee
    total = jp_total(employee=employee, year=plan.year)
    items = _plan_items(plan)
    needs = _needs(plan)
    html = render_to_string(
        "development/plan_pdf.html",
        {
            "plan": plan,
            "employee": employee,
            "assessor": assessor_of(plan),
            "document": document,
            "needs": [(n, _need_title(n)) for n in needs],
            "items": [(i, _what(i), _form(i)) for i in items],
            "jp_total": total.quantize(Decimal("0.01")),
            "progress": progress(employee.status, total),
            "place": getattr(settings, "KINERJA_DOCUMENT_PLACE", PLACE),
            "instance": getattr(settings, "KINERJA_INSTANCE_NAME", ""),
            "date": clock.now().date(),
            "qr": segno.make(verify_url, error="m").svg_data_uri(scale=3),
            "verify_url": verify_url,
        },
    )
    return HTML(string=html).write_pdf()
