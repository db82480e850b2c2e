"""The feedback history of one SKP, filterable by RHK or BerAKHLAK value."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.planning import permissions as planning_permissions
from kinerja.planning.domain.behaviour import BERAKHLAK
from kinerja.planning.models import Rhk, Skp

from ..models import Feedback


@dataclass(frozen=True)
class Topic:
    key: str  # "rhk:<id>" or "nilai:<code>"
    label: str
    count: int


@dataclass
class FeedbackHistory:
    skp: Skp
    items: list[Feedback]
    topics: list[Topic]
    chosen: str
    is_assessor: bool
    total: int = 0


def feedback_topics(skp: Skp) -> list[tuple[str, str]]:
    """What feedback can be about: each RHK of the SKP, then each BerAKHLAK value."""
    rhks = Rhk.objects.filter(skp=skp).order_by("group", "order", "id") if skp else []
    return [(f"rhk:{r.pk}", f"RHK: {r.text}") for r in rhks] + [
        (f"nilai:{v.code}", f"BerAKHLAK: {v.name}") for v in BERAKHLAK
    ]


def topic_key(feedback: Feedback) -> str:
    return f"rhk:{feedback.rhk_id}" if feedback.rhk_id else f"nilai:{feedback.value_code}"


def feedback_history(user, *, skp_id: int, about: str = "") -> FeedbackHistory:
    """All feedback on an SKP, newest first; raises Skp.DoesNotExist when invisible."""
    skp = Skp.objects.visible_to(user).select_related("employee").get(pk=skp_id)
    everything = list(Feedback.objects.filter(skp=skp).select_related("rhk", "period"))
    counts: dict[str, int] = {}
    for item in everything:
        counts[topic_key(item)] = counts.get(topic_key(item), 0) + 1
    topics = [Topic(key, label, counts.get(key, 0)) for key, label in feedback_topics(skp)]
    known = {t.key for t in topics}
    chosen = about if about in known else ""
    return FeedbackHistory(
        skp=skp,
        items=[f for f in everything if not chosen or topic_key(f) == chosen],
        topics=topics,
        chosen=chosen,
        is_assessor=planning_permissions.is_assessor_of(user, skp),
        total=len(everything),
    )
