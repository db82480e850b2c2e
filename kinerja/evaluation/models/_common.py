"""Choices shared by the evaluation models, built from the pure domain enums."""

from __future__ import annotations

from kinerja.evaluation.domain import AnnualRule, OrgPredicate, Predicate, Rating

RATING_CHOICES = [(r.value, r.label) for r in Rating]
PREDICATE_CHOICES = [(p.value, p.label) for p in Predicate]
ORG_PREDICATE_CHOICES = [(p.value, p.label) for p in OrgPredicate]
ANNUAL_RULE_CHOICES = [(r.value, r.label) for r in AnnualRule]


def skp_scoped(qs, user, field: str = "skp"):
    """Rows hanging off an SKP are visible exactly when the SKP is."""
    from kinerja.planning.models import Skp

    return qs.filter(**{f"{field}__in": Skp.objects.visible_to(user).values("pk")})
