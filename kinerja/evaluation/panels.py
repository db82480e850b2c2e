"""Extra panels on the performance dialogue page, supplied by apps above evaluation.

Evaluation sits below leadership in the dependency order, so it cannot read field-visit
follow-ups itself. An app that has something to show in the dialogue notes (for example the
leadership app's open follow-up actions) names a provider in the `KINERJA_DIALOGUE_PANELS`
setting (a list of dotted paths). Each provider is called with the employee whose dialogue is
shown and the viewing user, and returns zero or more `DialoguePanel`s, already scoped to what
that user may see.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DialoguePanel:
    """A titled block rendered from `template` with `context` on the dialogue page."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


class DialoguePanelProvider(Protocol):
    def __call__(self, *, employee: Any, viewer: Any) -> Iterable[DialoguePanel]: ...


def configured_providers() -> Sequence[DialoguePanelProvider]:
    return [import_string(path) for path in getattr(settings, "KINERJA_DIALOGUE_PANELS", ())]


def dialogue_panels(*, employee: Any, viewer: Any) -> list[DialoguePanel]:
    """Every panel the configured providers offer for this employee and viewer, in order."""
    panels: list[DialoguePanel] = []
    for provider in configured_providers():
        panels.extend(provider(employee=employee, viewer=viewer))
    return panels
