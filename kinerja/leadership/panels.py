"""Panels the leadership app adds to the performance dialogue page (kinerja.evaluation.panels).

Named in settings.KINERJA_DIALOGUE_PANELS, so the evaluation app shows field-visit follow-ups in
the dialogue notes without importing the leadership app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja.core import clock
from kinerja.evaluation.panels import DialoguePanel

from .models import FieldVisit, FollowUp, FollowUpStatus

RECENTLY_CLOSED_DAYS = 90
RECENTLY_CLOSED_LIMIT = 10


def follow_up_panels(*, employee: Any, viewer: Any) -> list[DialoguePanel]:
    """Open follow-ups owned by `employee` and those closed in the last 90 days, limited to what
    `viewer` may see (three queries; no panel when there is nothing to show)."""
    visible = (
        FollowUp.objects.visible_to(viewer)
        .filter(owner_id=employee.pk)
        .select_related("visit", "visit__leader")
    )
    open_items = list(visible.filter(status=FollowUpStatus.OPEN).order_by("due_date", "id"))
    since = clock.now() - dt.timedelta(days=RECENTLY_CLOSED_DAYS)
    closed = list(
        visible.filter(status=FollowUpStatus.DONE, closed_at__gte=since).order_by(
            "-closed_at", "-id"
        )[:RECENTLY_CLOSED_LIMIT]
    )
    if not open_items and not closed:
        return []
    visit_ids = {f.visit_id for f in open_items + closed}
    # A follow-up can be visible (through its owner) while its visit is not: link only those.
    linkable = set(
        FieldVisit.objects.visible_to(viewer).filter(pk__in=visit_ids).values_list("pk", flat=True)
    )
    return [
        DialoguePanel(
            title="Tindak lanjut kunjungan lapangan",
            template="leadership/_dialogue_follow_ups.html",
            context={
                "open_follow_ups": open_items,
                "closed_follow_ups": closed,
                "overdue_count": sum(f.is_overdue for f in open_items),
                "linkable_visits": linkable,
                "is_owner": getattr(viewer, "employee_id", None) == employee.pk,
            },
        )
    ]
