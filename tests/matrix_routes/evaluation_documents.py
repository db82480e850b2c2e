"""Permission matrix entries of the evaluation documents (PDFs, public verification, signing the
penetapan) and of the evaluation API for evidence listing, feedback, organisational results,
appeals and the penetapan. Helpers of the foundation's and the pages' evaluation entries are
imported when a route is called."""

from __future__ import annotations

from tests.matrix import SEE_OTHER, Route, api, everyone, no_args, pages

# Who sees the staff's SKP: everyone but the outsider. The nurse's: SEE_OTHER only.
STAFF_SEEN = pages(200, it_staff=404)
OTHER_SEEN = pages(404, **dict.fromkeys(SEE_OTHER, 200))
API_STAFF_SEEN = api(200, it_staff=404)
API_OTHER_SEEN = api(404, **dict.fromkeys(SEE_OTHER, 200))
# The agency's unit is seen by SEE_OTHER only; only its head signs the penetapan.
SIGN_PAGE = pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 302}))
SIGN_API = api(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 409}))


def _m():
    import tests.test_permission_matrix as matrix

    return matrix


def _pages():
    import tests.matrix_routes.evaluation_pages as pages_routes

    return pages_routes


def _year() -> int:
    from kinerja.core import clock

    return clock.today().year


def staff_evaluation(w, me):
    return _pages().staff_evaluation(w, me)


def nurse_evaluation(w, me):
    found = _m()._evaluation(_m().nurse_period)(w, me)
    return {"evaluation_id": found["evaluation_id"]}


def staff_skp(w, me):
    return {"skp_id": _m().staff_period(w, me)["skp_id"]}


def staff_appeal(w, me):
    return _pages().staff_appeal(w, me)


def nurse_appeal(w, me):
    return _pages().nurse_appeal(w, me)


def health_determination(w, me):
    """A signed penetapan of the health agency (made directly: the permission is tested)."""
    from kinerja.core import clock
    from kinerja.core.documents import canonical_digest
    from kinerja.evaluation.models import PredicateDetermination

    year = _year()
    found = PredicateDetermination.objects.filter(agency=w.health, year=year).first()
    if found is None:
        distribution = {
            "agency": w.health.name,
            "year": year,
            "org_predicate": "good",
            "rules": [],
            "counts": {"good": 1},
            "total": 1,
            "violations": [],
            "employees": [
                {"nip": w.staff.nip, "name": w.staff.full_name, "position": "", "predicate": "good"}
            ],
        }
        found = PredicateDetermination.objects.create(
            agency=w.health,
            year=year,
            signed_by=w.user(w.health_head),
            signer_name=w.health_head.full_name,
            signer_nip=w.health_head.nip,
            signer_position="Kepala Dinas Kesehatan",
            signed_at=clock.now(),
            distribution=distribution,
            content_hash=canonical_digest(distribution),
        )
    return {"determination_id": found.pk}


def issued_code(w, me):
    """The verification code of a printout of the staff's evaluation (registered once)."""
    from kinerja.core.documents import canonical_digest
    from kinerja.evaluation import documents
    from kinerja.evaluation.models import Evaluation

    evaluation = Evaluation.objects.get(pk=staff_evaluation(w, me)["evaluation_id"])
    content = documents.evaluation_content(evaluation)
    issued = documents.issue(
        actor=None,
        obj=evaluation,
        kind=content.kind,
        digest=canonical_digest(documents.evaluation_snapshot(content)),
        statement=documents.evaluation_statement(content),
    )
    return {"code": issued.code}


def sign_data(w, me):
    return {"unit": w.health.pk, "tahun": _year()}


def staff_rhk_feedback(w, me):
    from kinerja.planning.models import Rhk

    rhk = Rhk.objects.filter(skp_id=staff_skp(w, me)["skp_id"]).first()
    return {"text": "Umpan balik uji matriks", "rhk_id": rhk.pk}


def org_result(attr):
    return lambda w, me: {"unit_id": getattr(w, attr).pk, "year": _year(), "predicate": "good"}


ROUTES = {
    "evaluation:evaluation_pdf": {
        "staff": Route(staff_evaluation, STAFF_SEEN),
        "other": Route(nurse_evaluation, OTHER_SEEN),
    },
    "evaluation:determination_pdf": {
        # The agency's head and OPD admin and regency-wide readers.
        "health": Route(health_determination, OTHER_SEEN),
    },
    "evaluation:sign_determination": {
        # Only the agency head signs (without an org result the page explains why: 302).
        "health": Route(no_args, SIGN_PAGE, method="post", data=sign_data),
    },
    # Public: anyone holding the printout may check its code.
    "evaluation:verify": {
        "issued": Route(issued_code, everyone(200)),
        "unknown": Route(lambda w, me: {"code": "EVP-1-0000000000"}, everyone(404)),
    },
    # --- api
    "api:evidence_list": {
        "staff": Route(lambda w, me: _m().staff_period(w, me), API_STAFF_SEEN, is_api=True),
        "other": Route(lambda w, me: _m().nurse_period(w, me), API_OTHER_SEEN, is_api=True),
    },
    "api:feedback_list": {"staff": Route(staff_skp, API_STAFF_SEEN, is_api=True)},
    "api:feedback_give": {
        # Only the assessor of record (the seksi head) gives feedback.
        "staff": Route(
            staff_skp,
            api(403, it_staff=404, seksi_head=201),
            method="post",
            data=staff_rhk_feedback,
            json=True,
            is_api=True,
        ),
    },
    "api:org_results": {
        "-": Route(no_args, api(200), query=lambda w, me: {"year": _year()}, is_api=True)
    },
    "api:org_result_set": {
        "agency": Route(
            no_args,
            api(404, **(dict.fromkeys(SEE_OTHER, 403) | {"regent": 200})),
            method="post",
            data=org_result("health"),
            json=True,
            is_api=True,
        ),
        "bidang": Route(
            no_args,
            api(403, staff=404, seksi_head=404, it_staff=404, health_head=200),
            method="post",
            data=org_result("health_bidang"),
            json=True,
            is_api=True,
        ),
    },
    "api:appeals": {"-": Route(no_args, api(200), is_api=True)},
    "api:appeal_detail": {
        "staff": Route(staff_appeal, API_STAFF_SEEN, is_api=True),
        "other": Route(nurse_appeal, API_OTHER_SEEN, is_api=True),
    },
    "api:appeal_file": {
        # Only the employee files (multipart); those who see the result get 403.
        "staff": Route(
            staff_evaluation,
            api(403, it_staff=404, staff=201),
            method="post",
            data=lambda w, me: {"reasons": "Bukti belum dinilai"},
            is_api=True,
        ),
    },
    "api:appeal_request_explanations": {
        # The atasan pejabat penilai of the staff is the bidang head; of the nurse, the regent.
        "staff": Route(
            staff_appeal, api(403, it_staff=404, bidang_head=200), method="post", is_api=True
        ),
        "other": Route(
            nurse_appeal,
            api(404, **(dict.fromkeys(SEE_OTHER, 403) | {"regent": 200})),
            method="post",
            is_api=True,
        ),
    },
    "api:appeal_explain": {
        # Explanations come only after the atasan asks for them: the state refuses first.
        "staff": Route(
            staff_appeal,
            api(409, it_staff=404),
            method="post",
            data=lambda w, me: {"text": "Penjelasan uji"},
            json=True,
            is_api=True,
        ),
    },
    "api:appeal_decide": {
        # The atasan may decide only after asking for explanations (409); others 403.
        "staff": Route(
            staff_appeal,
            api(403, it_staff=404, bidang_head=409),
            method="post",
            data=lambda w, me: {"decision": "uphold", "note": "Dikuatkan"},
            json=True,
            is_api=True,
        ),
    },
    "api:determination_sign": {
        # Only the agency head signs; without an org result the state refuses (409).
        "health": Route(
            lambda w, me: {"agency_id": w.health.pk},
            SIGN_API,
            method="post",
            data=lambda w, me: {"year": _year()},
            json=True,
            is_api=True,
        ),
    },
}
