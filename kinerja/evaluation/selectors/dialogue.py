"""Performance dialogues: the employee/assessor pairs of a user and one pair's history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q

from kinerja.planning import permissions as planning_permissions
from kinerja.planning.domain.workflow import SkpStatus
from kinerja.planning.models import Skp
from kinerja.planning.selectors import assessor_q

from ..models import ActionStatus, Dialogue, DialogueAction


@dataclass(frozen=True)
class DialoguePair:
    skp: Skp
    role: str  # "pegawai" or "penilai"
    dialogues: int
    last_date: object
    open_actions: int


def dialogue_pairs(user, *, year: int) -> list[DialoguePair]:
    """The approved SKPs of the year where the user is the employee or the assessor, with the
    number of dialogues, the last date and the open actions (one query)."""
    employee_id = getattr(user, "employee_id", None)
    if not employee_id:
        return []
    skps = (
        Skp.objects.visible_to(user)
        .filter(Q(employee_id=employee_id) | assessor_q(user), year=year)
        .filter(status=SkpStatus.APPROVED)
        .select_related("employee")
        .order_by("employee_name", "id")
    )
    ids = list(skps.values_list("pk", flat=True))
    stats = {
        row["skp_id"]: row
        for row in Dialogue.objects.filter(skp_id__in=ids)
        .values("skp_id")
        .annotate(
            n=Count("id", distinct=True),
            last=Max("date"),
            open=Count("actions", filter=Q(actions__status=ActionStatus.OPEN)),
        )
    }
    pairs = []
    for skp in skps:
        row = stats.get(skp.pk, {})
        pairs.append(
            DialoguePair(
                skp=skp,
                role="pegawai" if skp.employee_id == employee_id else "penilai",
                dialogues=row.get("n", 0),
                last_date=row.get("last"),
                open_actions=row.get("open", 0),
            )
        )
    return pairs


@dataclass
class DialoguePage:
    skp: Skp
    dialogues: list[Dialogue]
    open_actions: list[DialogueAction]
    can_write: bool


def dialogue_page(user, *, skp_id: int) -> DialoguePage:
    """One SKP's dialogues (newest first, with their actions) and the actions still open.

    Raises Skp.DoesNotExist when the SKP is not visible to the user. Constant query count.
    """
    skp = Skp.objects.visible_to(user).select_related("employee", "unit").get(pk=skp_id)
    actions = DialogueAction.objects.select_related("owner", "carried_from__dialogue").order_by(
        "id"
    )
    dialogues = list(
        Dialogue.objects.filter(skp=skp)
        .select_related("created_by__employee")
        .prefetch_related(Prefetch("actions", queryset=actions))
    )
    open_actions = [a for d in dialogues for a in d.actions.all() if a.status == ActionStatus.OPEN]
    open_actions.sort(key=lambda a: (a.due_date is None, a.due_date, a.pk))
    return DialoguePage(
        skp=skp,
        dialogues=dialogues,
        open_actions=open_actions,
        can_write=planning_permissions.is_owner(user, skp)
        or planning_permissions.is_assessor_of(user, skp),
    )
