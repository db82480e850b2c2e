"""Cache busting for the reports: a write to a record the dashboards count makes their cached
figures stale (signals only bust caches here; no workflow hangs on them).

Two hooks, because services write in two ways: a model save or delete (post_save/post_delete of
each counted model), and the optimistic-concurrency update (`core.concurrency.save_if_current`,
a queryset update that sends no signal) which every service follows with its audit entry; so the
audit entries of the apps whose data the reports count bump the version too.

A change bumps the regency's version and the versions of the units on the path of the unit it
belongs to (where the employee works today, as the dashboards count: the root, the agency and the
units down to the employee's own), found with one look-up at most; when the unit is not known (a
deleted parent, an employee or unit change that can move people between units, a period, an
import), every unit's figures are made stale.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from kinerja.audit.models import AuditEvent
from kinerja.development.models import JpEntry
from kinerja.evaluation.models import Appeal, Evaluation, OrgResult, Period, Realisation
from kinerja.organisations.models import Employee, OrgUnit
from kinerja.planning.models import AgreementTarget, Indicator, PerformanceAgreement, Rhk, Skp

from .dashboard_cache import bump_data_version
from .models import OutcomeMeasurement

# Per counted model: the foreign key to follow, its model, and the path from there to the unit
# path of the record (the unit and the units above it, whose figures count it too; None: the
# change may touch several units, or none in particular, and every unit is bumped).
_EMPLOYEE_UNIT = "unit__path"
UNIT_LOOKUPS: dict[type[Model], tuple[str, type[Model], str] | None] = {
    Employee: None,  # a transfer moves the employee's figures between agencies
    OrgUnit: None,  # names, the tree and the paths the groups are cut from
    Period: None,
    Skp: ("employee_id", Employee, _EMPLOYEE_UNIT),
    Rhk: ("skp_id", Skp, f"employee__{_EMPLOYEE_UNIT}"),
    Indicator: ("rhk_id", Rhk, f"skp__employee__{_EMPLOYEE_UNIT}"),
    Realisation: ("indicator_id", Indicator, f"rhk__skp__employee__{_EMPLOYEE_UNIT}"),
    Evaluation: ("skp_id", Skp, f"employee__{_EMPLOYEE_UNIT}"),
    Appeal: ("evaluation_id", Evaluation, f"skp__employee__{_EMPLOYEE_UNIT}"),
    JpEntry: ("employee_id", Employee, _EMPLOYEE_UNIT),
    OrgResult: ("unit_id", OrgUnit, "path"),
    PerformanceAgreement: ("unit_id", OrgUnit, "path"),
    AgreementTarget: ("agreement_id", PerformanceAgreement, "unit__path"),
    OutcomeMeasurement: ("agreement_target_id", AgreementTarget, "agreement__unit__path"),
}
COUNTED_MODELS = tuple(UNIT_LOOKUPS)
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
_BY_LABEL = {model._meta.label_lower: model for model in COUNTED_MODELS}


def _units_of(model: type[Model] | None, **pointer) -> tuple[int, ...]:
    """The unit of a record of `model` and the units above it (from the unit's path), from the
    id of the record (`pk`) or of its parent; () when not known."""
    lookup = UNIT_LOOKUPS.get(model) if model is not None else None
    if lookup is None:
        return ()
    fk, parent, path = lookup
    if "pk" in pointer:
        # The record itself (an audited write): its own unit path, one query.
        parent, path, ident = model, f"{fk.removesuffix('_id')}__{path}", pointer["pk"]
    else:
        ident = pointer["parent"]
    if ident is None:
        return ()
    try:
        unit_path = parent._base_manager.filter(pk=ident).values_list(path, flat=True).first()
    except (ValueError, TypeError):  # an object id that is not this model's key
        return ()
    return tuple(int(part) for part in (unit_path or "").split("/") if part)


def _bump(unit_ids: tuple[int, ...]) -> None:
    # Now (a read later in the same transaction sees the change) and again after the commit:
    # a request that computed the figures between the two, from the data before the commit,
    # must not be served under the new version.
    bump_data_version(*unit_ids)
    transaction.on_commit(lambda: bump_data_version(*unit_ids))


def _record_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    lookup = UNIT_LOOKUPS.get(sender)
    parent = getattr(instance, lookup[0], None) if lookup is not None else None
    _bump(_units_of(sender, parent=parent) if lookup is not None else ())


def _audited(sender, instance: AuditEvent, created: bool = False, **kwargs) -> None:
    if created and instance.action.startswith(COUNTED_ACTIONS):
        model = _BY_LABEL.get(instance.object_type)
        _bump(_units_of(model, pk=instance.object_id) if instance.object_id else ())


def connect() -> None:
    for model in COUNTED_MODELS:
        uid = f"reports.bump.{model._meta.label_lower}"
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(_audited, sender=AuditEvent, dispatch_uid="reports.bump.audit")
