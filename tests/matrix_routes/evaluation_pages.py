"""Permission matrix entries of the evaluation pages added for dialogues, appeals, feedback
history and organisational results. The helpers of the foundation's evaluation entries
(`staff_period`, `nurse_period`, `_evaluation`) are imported when a route is called."""

from __future__ import annotations

from tests.matrix import SEE_OTHER, Route, no_args, pages

# The staff's SKP: everyone but the outsider sees it. The nurse's: SEE_OTHER only.
STAFF_SEEN = pages(200, it_staff=404)
OTHER_SEEN = pages(404, **dict.fromkeys(SEE_OTHER, 200))
# The pair of the staff's SKP (the staff and the seksi head, the assessor) writes dialogues.
STAFF_PAIR = pages(403, it_staff=404, staff=302, seksi_head=302)
NURSE_PAIR = pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 302}))
# The atasan pejabat penilai of the staff is the bidang head; of the nurse, the regent.
STAFF_SUPERIOR = pages(403, it_staff=404, bidang_head=302)
NURSE_SUPERIOR = pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"regent": 302}))


def _m():
    import tests.test_permission_matrix as matrix

    return matrix


def staff_skp(w, me):
    return {"skp_id": _m().staff_period(w, me)["skp_id"]}


def nurse_skp(w, me):
    return {"skp_id": _m().nurse_period(w, me)["skp_id"]}


def dialogue_data(w, me):
    from kinerja.core import clock

    return {"date": clock.today().isoformat(), "notes": "Dialog uji matriks"}


def staff_action(w, me):
    """An open agreed action in a dialogue of the staff's SKP (a new one per call)."""
    from kinerja.core import clock
    from kinerja.evaluation import services
    from kinerja.planning.models import Skp

    skp = Skp.objects.get(pk=staff_skp(w, me)["skp_id"])
    dialogue = services.record_dialogue(
        actor=w.user(w.staff),
        skp=skp,
        date=clock.today(),
        notes="Dialog",
        actions=[services.NewAction("Kirim laporan", w.staff)],
    )
    return {"action_id": dialogue.actions.filter(carried_from__isnull=True).get().pk}


def _evaluation_of(period_builder):
    def build(w, me):
        found = _m()._evaluation(period_builder)(w, me)
        return {"evaluation_id": found["evaluation_id"]}

    return build


def _appeal_of(period_builder):
    """An open appeal on the period's evaluation (made directly)."""

    def build(w, me):
        from kinerja.core import clock
        from kinerja.evaluation.models import Appeal

        evaluation_id = _evaluation_of(period_builder)(w, me)["evaluation_id"]
        appeal = Appeal.objects.filter(evaluation_id=evaluation_id).first()
        if appeal is None:
            appeal = Appeal.objects.create(
                evaluation_id=evaluation_id, filed_at=clock.now(), reasons="Tidak sesuai"
            )
        return {"appeal_id": appeal.pk}

    return build


def staff_appeal(w, me):
    return _appeal_of(_m().staff_period)(w, me)


def nurse_appeal(w, me):
    return _appeal_of(_m().nurse_period)(w, me)


def staff_evaluation(w, me):
    return _evaluation_of(_m().staff_period)(w, me)


def health_agency(w, me):
    return {"unit": w.health.pk}


def unit_of(attr):
    return lambda w, me: {"unit_id": getattr(w, attr).pk}


def org_result_data(w, me):
    return {"predicate": "good", "reason": "Uji matriks"}


ROUTES = {
    "evaluation:dialogues": {"own": Route(no_args, pages(200))},
    "evaluation:dialogue": {
        "staff": Route(staff_skp, STAFF_SEEN),
        "other": Route(nurse_skp, OTHER_SEEN),
    },
    "evaluation:dialogue_add": {
        "staff": Route(staff_skp, STAFF_PAIR, method="post", data=dialogue_data),
        "other": Route(nurse_skp, NURSE_PAIR, method="post", data=dialogue_data),
    },
    "evaluation:action_done": {
        "staff": Route(staff_action, STAFF_PAIR, method="post"),
    },
    "evaluation:feedback_history": {
        "staff": Route(staff_skp, STAFF_SEEN),
        "other": Route(nurse_skp, OTHER_SEEN),
    },
    "evaluation:appeals": {"own": Route(no_args, pages(200))},
    "evaluation:appeal_register": {
        "all": Route(no_args, pages(200)),
        # BKPSDM and regency-wide readers, the agency's head and OPD admin; the health seksi
        # does not see the agency's unit (404), nor does the outsider.
        "agency": Route(no_args, OTHER_SEEN, query=health_agency),
    },
    "evaluation:appeal_file": {
        # Only the employee appeals (then 302 to the appeal); those who see the result get 403.
        "staff": Route(
            staff_evaluation,
            pages(403, it_staff=404, staff=302),
            method="post",
            data=lambda w, me: {"reasons": "Bukti belum dinilai"},
        ),
    },
    "evaluation:appeal": {
        "staff": Route(staff_appeal, STAFF_SEEN),
        "other": Route(nurse_appeal, OTHER_SEEN),
    },
    "evaluation:appeal_request": {
        "staff": Route(staff_appeal, STAFF_SUPERIOR, method="post"),
        "other": Route(nurse_appeal, NURSE_SUPERIOR, method="post"),
    },
    "evaluation:appeal_explain": {
        # The employee and the assessor explain.
        "staff": Route(
            staff_appeal,
            STAFF_PAIR,
            method="post",
            data=lambda w, me: {"text": "Penjelasan uji"},
        ),
    },
    "evaluation:appeal_decide": {
        "staff": Route(
            staff_appeal,
            STAFF_SUPERIOR,
            method="post",
            data=lambda w, me: {"decision": "uphold", "note": "Dikuatkan"},
        ),
        "other": Route(
            nurse_appeal,
            NURSE_SUPERIOR,
            method="post",
            data=lambda w, me: {"decision": "uphold", "note": "Dikuatkan"},
        ),
    },
    "evaluation:org_results": {"own": Route(no_args, pages(200))},
    "evaluation:org_result_set": {
        # A perangkat daerah's result is the regent's; those who see the agency get 403.
        "agency": Route(
            unit_of("health"),
            pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"regent": 302})),
            method="post",
            data=org_result_data,
        ),
        # A bidang's result is set by the agency's head (one level up); the seksi below does
        # not see the bidang unit itself (404).
        "bidang": Route(
            unit_of("health_bidang"),
            pages(403, staff=404, seksi_head=404, it_staff=404, health_head=302),
            method="post",
            data=org_result_data,
        ),
    },
}
