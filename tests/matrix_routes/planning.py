"""Planning routes added after the foundation: editing organisational plans, and the SKP API
for RHK/indicator edits and revision decisions. (The first planning routes stay in
tests/test_permission_matrix.py.)"""

from __future__ import annotations

from tests.matrix import SEE_OTHER, Route, api, only, pages

BKPSDM = ("bkpsdm_admin",)
HEALTH_MANAGERS = ("health_admin", "bkpsdm_admin")


def _year() -> int:
    from kinerja.core import clock

    return clock.today().year


def _goal(w):
    """A goal of the year's RPJMD (made again if a persona deleted it)."""
    from kinerja.planning.models import OrgGoal

    goal, _ = OrgGoal.objects.get_or_create(
        year=_year(), code="S1", defaults={"text": "Meningkatnya derajat kesehatan masyarakat"}
    )
    return goal


def _target(unit_of):
    """A row of the year's Perjanjian Kinerja of an agency (made again if deleted)."""

    def build(w):
        from kinerja.planning.models import AgreementTarget, PerformanceAgreement

        agreement, _ = PerformanceAgreement.objects.get_or_create(unit=unit_of(w), year=_year())
        target = AgreementTarget.objects.filter(agreement=agreement).first()
        if target is None:
            target = AgreementTarget.objects.create(
                agreement=agreement,
                objective="Meningkatnya kualitas layanan",
                indicator="Indeks kepuasan layanan",
                target_value=85,
                target_unit="indeks",
            )
        return target

    return build


health_target = _target(lambda w: w.health)
it_target = _target(lambda w: w.it_agency)


def goal_pk(w, me):
    return {"pk": _goal(w).pk}


def goal_version(w, me):
    return {"version": _goal(w).version}


def target_pk(build):
    return lambda w, me: {"pk": build(w).pk}


def target_version(build):
    return lambda w, me: {"version": build(w).version}


# --- SKP API: the owner edits; the "other" SKP is the nurse's (see test_permission_matrix.py)


def _skp_of(employee):
    from kinerja.planning.models import Skp
    from kinerja.planning.tests.helpers import skp_with_rhk

    return Skp.objects.filter(employee=employee).first() or skp_with_rhk(employee)[0]


def _mine(w, me):
    return me or w.staff


def _nurse(w, me):
    return w.nurse


def skp_id(owner):
    return lambda w, me: {"skp_id": _skp_of(owner(w, me)).pk}


def rhk_id(owner):
    return lambda w, me: {"rhk_id": _skp_of(owner(w, me)).rhks.first().pk}


def indicator_id(owner):
    def build(w, me):
        from kinerja.planning.models import Indicator

        skp = _skp_of(owner(w, me))
        return {"indicator_id": Indicator.objects.filter(rhk__skp=skp).first().pk}

    return build


def version_query(owner):
    return lambda w, me: {"version": _skp_of(owner(w, me)).version}


def rhk_body(owner):
    return lambda w, me: {
        "version": _skp_of(owner(w, me)).version,
        "group": "tambahan",
        "text": "RHK uji matriks",
    }


def indicator_body(owner):
    return lambda w, me: {
        "version": _skp_of(owner(w, me)).version,
        "text": "Jumlah dokumen",
        "target_text": "Tersedia tepat waktu",
    }


# Only the owner edits: those who see the nurse's SKP get 403, the others 404.
OWNER_ONLY_OTHER_API = api(404, **dict.fromkeys(SEE_OTHER, 403))


def _owner_write(path_args, method, ok, body=None, query=None):
    def route(owner, expect):
        return Route(
            path_args(owner),
            expect,
            method=method,
            data=body(owner) if body else None,
            json=body is not None,
            query=query(owner) if query else None,
            is_api=True,
        )

    return {"own": route(_mine, api(ok)), "other": route(_nurse, OWNER_ONLY_OTHER_API)}


def goal_year(w, me):
    _goal(w)
    return {"year": _year()}


def health_agreement(w, me):
    health_target(w)
    return {"year": _year(), "unit": w.health.pk}


def no_note(w, me):
    return {}


def _no_args(w, me):
    return {}


def _node_of_health_target(w, me):
    return {"jenis": "target", "id": health_target(w).pk}


ROUTES = {
    # The cascade tree opens node by node, and its coverage lists are paged: every signed-in
    # user may read them (each sees only the SKPs in their scope).
    "planning:cascade_node": {
        "loose": Route(_no_args, pages(200), query=lambda w, me: {"jenis": "lepas"}),
        "target": Route(_no_args, pages(200), query=_node_of_health_target),
    },
    "planning:cascade_coverage": {
        "-": Route(_no_args, pages(200), query=lambda w, me: {"jenis": "tidak-terkait"}),
    },
    # Organisational plans are read by every signed-in user.
    "api:org_goals": {"-": Route(lambda w, me: {}, api(200), query=goal_year, is_api=True)},
    "api:performance_agreements": {
        "-": Route(lambda w, me: {}, api(200), query=health_agreement, is_api=True)
    },
    # Goals of the RPJMD: BKPSDM only; everyone else signed in sees them (403).
    "planning:goal_edit": {"-": Route(goal_pk, only(BKPSDM, 200, 403))},
    "planning:goal_delete": {
        "-": Route(goal_pk, only(BKPSDM, 302, 403), method="post", data=goal_version)
    },
    # A Perjanjian Kinerja row: the agency's OPD admin and BKPSDM manage it.
    "planning:agreement_target_edit": {
        "health": Route(target_pk(health_target), only(HEALTH_MANAGERS, 200, 403)),
        "other-agency": Route(target_pk(it_target), only(BKPSDM, 200, 403)),
    },
    "planning:agreement_target_delete": {
        "health": Route(
            target_pk(health_target),
            only(HEALTH_MANAGERS, 302, 403),
            method="post",
            data=target_version(health_target),
        ),
        "other-agency": Route(
            target_pk(it_target),
            only(BKPSDM, 302, 403),
            method="post",
            data=target_version(it_target),
        ),
    },
    "api:skp_rhk_create": _owner_write(skp_id, "post", 201, body=rhk_body),
    "api:skp_rhk_update": _owner_write(rhk_id, "put", 200, body=rhk_body),
    "api:skp_rhk_delete": _owner_write(rhk_id, "delete", 200, query=version_query),
    "api:skp_indicator_create": _owner_write(rhk_id, "post", 201, body=indicator_body),
    "api:skp_indicator_update": _owner_write(indicator_id, "put", 200, body=indicator_body),
    "api:skp_indicator_delete": _owner_write(indicator_id, "delete", 200, query=version_query),
    # Revision decisions are the assessor's: the owner gets 403; on the nurse's SKP (a draft) her
    # assessor, the health head, is refused with 409 (no revision was requested).
    "api:skp_approve_revision": {
        "own": Route(skp_id(_mine), api(403), method="post", data=no_note, json=True, is_api=True),
        "other": Route(
            skp_id(_nurse),
            api(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 409})),
            method="post",
            data=no_note,
            json=True,
            is_api=True,
        ),
    },
    "api:skp_reject_revision": {
        "own": Route(
            skp_id(_mine),
            api(403),
            method="post",
            data=lambda w, me: {"notes": "Tidak perlu"},
            json=True,
            is_api=True,
        ),
        "other": Route(
            skp_id(_nurse),
            api(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 409})),
            method="post",
            data=lambda w, me: {"notes": "Tidak perlu"},
            json=True,
            is_api=True,
        ),
    },
}
