"""Permission-matrix routes of the development area added after the foundation: the improvement
plan adoption, the development plan PDF and its public verification, and invitations."""

from __future__ import annotations

from tests.matrix import SEE_OTHER, Route, everyone, only, pages

DEV_ADMINS = ("health_admin", "bkpsdm_admin")


def _redirected(table):
    return {p: (302 if v == 200 else v) for p, v in table.items()}


# The staff member: their assessor (the seksi head), the health OPD admin and BKPSDM act for them;
# those who only see them get 403; the outsider does not see them (404).
MANAGE_STAFF = _redirected(
    pages(403, it_staff=404, seksi_head=200, health_admin=200, bkpsdm_admin=200, staff=200)
)
# The nurse: her assessor (the health head), the health OPD admin and BKPSDM act for her.
MANAGE_NURSE = _redirected(
    pages(404, health_head=200, health_admin=200, bkpsdm_admin=200, regent=403, auditor=403)
)


def _nip(attr):
    return lambda w, me: {"nip": getattr(w, attr).nip}


def _own_nip(w, me):
    return {"nip": (me or w.staff).nip}


def _plan_of(owner):
    def build(w, me):
        from kinerja.core import clock
        from kinerja.development.models import DevelopmentPlan

        employee = (me or w.staff) if owner is None else getattr(w, owner)
        plan, _ = DevelopmentPlan.objects.get_or_create(employee=employee, year=clock.today().year)
        return {"pk": plan.pk}

    return build


def _plan_document(w, me):
    from kinerja.core import clock
    from kinerja.development.documents import issue_document
    from kinerja.development.models import DevelopmentPlan

    plan, _ = DevelopmentPlan.objects.get_or_create(employee=w.nurse, year=clock.today().year)
    return {"code": issue_document(actor=w.user(w.nurse), plan=plan).code}


def _event(organiser_attr):
    def build(w, me):
        import datetime as dt

        from kinerja.development.models import Activity, TrainingEvent

        activity = Activity.objects.create(name="Pelatihan Uji", form="workshop")
        event = TrainingEvent.objects.create(
            activity=activity,
            organiser_unit=getattr(w, organiser_attr),
            title="Pelatihan Uji Angkatan I",
            start_date=dt.date(2026, 3, 10),
            end_date=dt.date(2026, 3, 12),
            quota=5,
            status="open",
        )
        event.target_units.set([w.health])
        return {"pk": event.pk}

    return build


ROUTES = {
    # Nothing to adopt without a Butuh Perbaikan predicate: the parties are sent back (302).
    "development:plan_adopt_improvement": {
        "own": Route(_own_nip, pages(302), method="post"),
        "staff": Route(_nip("staff"), MANAGE_STAFF, method="post"),
        "other": Route(_nip("nurse"), MANAGE_NURSE, method="post"),
    },
    "development:plan_pdf": {
        "own": Route(_plan_of(None), pages(200)),
        "other": Route(_plan_of("nurse"), pages(404, **dict.fromkeys(SEE_OTHER, 200))),
    },
    # Public: anyone holding the printout may check its code.
    "development:plan_verify": {
        "issued": Route(_plan_document, everyone(200)),
        "unknown": Route(lambda w, me: {"code": "TIDAKADA"}, everyone(404)),
    },
    # Only the organiser invites: BKPSDM anywhere, an OPD admin for their agency's events.
    "development:invite_targets": {
        "bkpsdm": Route(_event("bkpsdm"), only(("bkpsdm_admin",), 302, 403), method="post"),
        "agency": Route(_event("health"), only(DEV_ADMINS, 302, 403), method="post"),
    },
}
