"""Cache busting for the reports: a write to a record the dashboards count makes their cached
figures stale (signals only bust caches here; no workflow hangs on them).

Two hooks, because services write in two ways: a model save or delete (post_save/post_delete of
each counted model), and the optimistic-concurrency update (`core.concurrency.save_if_current`,
a queryset update that sends no signal) which every service follows with its audit entry; so the
audit entries of the apps whose data the reports count bump the version too.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from kinerja.audit.models import AuditEvent
from kinerja.development.models import JpEntry
from kinerja.evaluation.models import Appeal, Evaluation, OrgResult, Period, Realisation
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import AgreementTarget, Indicator, PerformanceAgreement, Rhk, Skp

from .dashboard_cache import bump_data_version
from .models import OutcomeMeasurement

COUNTED_MODELS = (
    Employee,
    OrgUnit,
    Skp,
    Rhk,
    Indicator,
    PerformanceAgreement,
    AgreementTarget,
    Period,
    Realisation,
    Evaluation,
    Appeal,
    OrgResult,
    JpEntry,
    OutcomeMeasurement,
)
# Audit actions of the apps whose records the dashboards and the achievement page count.
COUNTED_ACTIONS = (
    "planning.",
    "evaluation.",
    "development.",
    "employee.",
    "unit.",
    "import.",
    "reports.",
)


def _bump() -> None:
    # Now (a read later in the same transaction sees the change) and again after the commit:
    # a request that computed the figures between the two, from the data before the commit,
    # must not be served under the new version.
    bump_data_version()
    transaction.on_commit(bump_data_version)


def _record_changed(sender, **kwargs) -> None:
    if not kwargs.get("raw"):
        _bump()


def _audited(sender, instance: AuditEvent, created: bool = False, **kwargs) -> None:
    if created and instance.action.startswith(COUNTED_ACTIONS):
        _bump()


def connect() -> None:
    for model in COUNTED_MODELS:
        uid = f"reports.bump.{model._meta.label_lower}"
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(_audited, sender=AuditEvent, dispatch_uid="reports.bump.audit")
