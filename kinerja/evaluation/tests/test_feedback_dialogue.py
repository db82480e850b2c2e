"""Continuous feedback and performance dialogues with carried actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.evaluation import services
from kinerja.evaluation.models import Dialogue, DialogueAction, Feedback
from kinerja.evaluation.services import NewAction


def test_assessor_gives_feedback_on_an_rhk_and_a_value_visible_to_the_employee(ev):
    assessor = ev.user(ev.world.seksi_head)
    services.give_feedback(actor=assessor, skp=ev.skp, rhk=ev.rhk, text="Laporan tepat waktu.")
    services.give_feedback(
        actor=assessor, skp=ev.skp, value_code="berorientasi_pelayanan", text="Ramah."
    )
    seen = Feedback.objects.visible_to(ev.user(ev.world.staff)).filter(skp=ev.skp)
    assert seen.count() == 2
    assert Feedback.objects.visible_to(ev.user(ev.world.it_staff)).count() == 0


def test_feedback_needs_a_subject_and_text(ev):
    assessor = ev.user(ev.world.seksi_head)
    with pytest.raises(ValidationError):
        services.give_feedback(actor=assessor, skp=ev.skp, text="Tanpa subjek")
    with pytest.raises(ValidationError):
        services.give_feedback(actor=assessor, skp=ev.skp, rhk=ev.rhk, text=" ")


def test_only_the_assessor_gives_feedback(ev):
    with pytest.raises(PermissionDenied):
        services.give_feedback(actor=ev.user(ev.world.staff), skp=ev.skp, rhk=ev.rhk, text="Diri")


def test_open_actions_are_carried_into_the_next_dialogue(ev):
    w = ev.world
    assessor = ev.user(w.seksi_head)
    first = services.record_dialogue(
        actor=assessor,
        skp=ev.skp,
        date=dt.date(2026, 2, 1),
        notes="Membahas capaian Januari.",
        actions=[
            NewAction("Lengkapi notulen", w.staff, dt.date(2026, 2, 15)),
            NewAction("Ikut pelatihan arsip", w.staff),
        ],
    )
    done = DialogueAction.objects.get(dialogue=first, text="Lengkapi notulen")
    services.complete_action(actor=ev.user(w.staff), action=done)
    second = services.record_dialogue(
        actor=ev.user(w.staff), skp=ev.skp, date=dt.date(2026, 3, 1), notes="Lanjutan."
    )
    carried = list(DialogueAction.objects.filter(dialogue=second))
    assert [a.text for a in carried] == ["Ikut pelatihan arsip"]
    assert carried[0].carried_from.dialogue_id == first.pk
    assert (
        DialogueAction.objects.get(dialogue=first, text="Ikut pelatihan arsip").status == "carried"
    )
    assert Dialogue.objects.visible_to(ev.user(w.staff)).count() == 2


def test_outsider_cannot_record_a_dialogue(ev):
    with pytest.raises(PermissionDenied):
        services.record_dialogue(
            actor=ev.user(ev.world.it_head), skp=ev.skp, date=dt.date(2026, 2, 1), notes="x"
        )
