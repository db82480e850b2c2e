"""Permission matrix: every URL of the project × every persona × own/other object.

`ROUTES` has one entry per URL name. A URL pattern without an entry fails
`test_every_url_has_an_entry_in_the_matrix`, so a new view cannot ship without saying who may
open it. To add a view, add one entry: url name → {variant: Route(...)}, where a Route builds the
URL arguments for the persona (`me`) and lists the expected status per persona:

    "planning:skp_detail": {
        "own": Route(lambda w, me: {"pk": skp_of(me).pk}, pages(200)),
        "other": Route(lambda w, me: {"pk": skp_of(w.nurse).pk}, pages(404, health_admin=200)),
    },

Expected values: an HTTP status, or LOGIN (a redirect to the login page). `pages(default, **x)`
expects LOGIN for the anonymous visitor, `api(default, **x)` expects 401; `everyone(status)`
expects the same answer for all.

The "other" object is by convention the nurse of the Puskesmas (under Dinas Kesehatan): the
health head, the health OPD admin and the regency-wide roles see her; the staff, seksi head and
bidang head of the health seksi and the outsider from Diskominsa do not (404).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.accounts.models import ApiToken
from kinerja.accounts.services import issue_token
from tests.matrix import (
    LOGIN,
    PERSONAS,
    SEE_OTHER,
    Expected,
    Route,
    _table,
    api,
    everyone,
    no_args,
    only,
    pages,
)
from tests.world import PASSWORD, World


def own_nip(w, me):
    return {"nip": (me or w.staff).nip}


def other_nip(w, me):
    return {"nip": w.nurse.nip}


def puskesmas(key):
    return lambda w, me: {key: w.puskesmas.pk}


def own_token(w, me):
    token, _ = issue_token(user=w.user(me or w.staff), name="matriks")
    return {"pk": token.pk}


def own_api_token(w, me):
    token, _ = issue_token(user=w.user(me or w.staff), name="matriks")
    return {"token_id": token.pk}


def other_api_token(w, me):
    token, _ = issue_token(user=w.user(w.nurse), name="milik perawat")
    return {"token_id": token.pk}


def credentials(w, me):
    if me is None:  # the anonymous caller tries someone's NIP with a wrong password
        return {"nip": w.staff.nip, "password": "salah"}
    return {"nip": me.nip, "password": PASSWORD}


def import_job_of(persona_attr: str):
    def build(w, me):
        from kinerja.accounts.models import ImportJob

        job = ImportJob.objects.create(
            created_by=w.user(getattr(w, persona_attr)),
            file="imports/uji.xlsx",
            original_name="uji.xlsx",
        )
        return {"pk": job.pk}

    return build


def own_assignment(w, me):
    from kinerja.organisations.models import Assignment

    me = me or w.staff
    return {"nip": me.nip, "pk": Assignment.objects.filter(employee=me).first().pk}


def other_assignment(w, me):
    from kinerja.organisations.models import Assignment

    return {"nip": w.nurse.nip, "pk": Assignment.objects.filter(employee=w.nurse).first().pk}


def health_admin_role(w, me):
    from kinerja.organisations.models import RoleGrant

    return {"pk": RoleGrant.objects.get(employee=w.health_admin, role="opd_admin").pk}


IMPORTERS = ("health_admin", "bkpsdm_admin")
# Correcting an employee's data: the OPD admin of their agency and BKPSDM; others who can see
# the employee get 403, those who cannot get 404.
MANAGE_OWN = pages(403, health_admin=200, bkpsdm_admin=200)
MANAGE_OTHER = pages(
    404, health_head=403, regent=403, auditor=403, health_admin=200, bkpsdm_admin=200
)


def redirected(table: dict[str, Expected]) -> dict[str, Expected]:
    """The same table for a POST that answers 302 (back to a page) where the GET answers 200."""
    return {p: (302 if v == 200 else v) for p, v in table.items()}


# --- communication


def _announcement(author_attr: str, *, health_only: bool):
    def build(w, me):
        from datetime import timedelta

        from kinerja.communication import services as communication
        from kinerja.core import clock

        author = getattr(w, author_attr)
        label = "BKPSDM" if author_attr == "bkpsdm_admin" else w.health.name
        item = communication.publish_announcement(
            actor=w.user(author),
            title="Pengumuman uji",
            body="Isi pengumuman.",
            author_label=label,
            publish_at=clock.now() - timedelta(hours=1),
            scope="agencies" if health_only else "all",
            agencies=[w.health] if health_only else [],
        )
        return {"pk": item.pk}

    return build


# An announcement for everyone by BKPSDM, and one for Dinas Kesehatan by its OPD admin.
regency_announcement = _announcement("bkpsdm_admin", health_only=False)
health_announcement = _announcement("health_admin", health_only=True)
IN_HEALTH = ("staff", "seksi_head", "bidang_head", "health_head", "health_admin")
PUBLISHERS = ("health_head", "health_admin", "bkpsdm_admin", "regent")
# Editing and read receipts: the author (the health OPD admin) and BKPSDM; the rest of the
# agency sees the announcement (403), the others do not (404).
MANAGE_HEALTH_ANNOUNCEMENT = pages(
    404, **(dict.fromkeys(IN_HEALTH, 403) | {"health_admin": 200, "bkpsdm_admin": 200})
)


def _notification(owner):
    def build(w, me):
        from kinerja.communication.models import Notification
        from kinerja.core import clock

        item = Notification.objects.create(
            recipient=w.user(owner(w, me)),
            kind="skp_approved",
            title="Uji",
            body="Isi",
            url="/",
            created_at=clock.now(),
        )
        return {"pk": item.pk}

    return build


own_notification = _notification(lambda w, me: me or w.staff)
other_notification = _notification(lambda w, me: w.nurse)


def guide_slug(w, me):
    from kinerja.communication.guide import GUIDE_PAGES

    return {"slug": GUIDE_PAGES[0].slug}


# --- development


def _event(w, *, organiser=None, status="open"):
    import datetime as dt

    from kinerja.development.models import Activity, TrainingEvent

    activity = Activity.objects.create(name="Pelatihan Uji", form="workshop", provider="BKPSDM")
    return TrainingEvent.objects.create(
        activity=activity,
        organiser_unit=organiser or w.bkpsdm,
        title="Pelatihan Uji Angkatan I",
        start_date=dt.date(2026, 3, 10),
        end_date=dt.date(2026, 3, 12),
        place="Aula",
        quota=5,
        status=status,
    )


def bkpsdm_event(w, me):
    return {"pk": _event(w).pk}


def health_event(w, me):
    return {"pk": _event(w, organiser=w.health).pk}


def health_draft_event(w, me):
    return {"pk": _event(w, organiser=w.health, status="draft").pk}


def _registration(w, employee, *, certificate=False):
    from django.core.files.base import ContentFile

    from kinerja.core import clock
    from kinerja.development.models import Registration

    registration = Registration.objects.create(
        event=_event(w), employee=employee, status="registered", registered_at=clock.now()
    )
    if certificate:
        registration.certificate.save("sertifikat.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return registration


def own_registration(w, me):
    return {"pk": _registration(w, me or w.staff).pk}


def other_registration(w, me):
    return {"pk": _registration(w, w.nurse).pk}


def own_certificate(w, me):
    return {"kind": "pelatihan", "pk": _registration(w, me or w.staff, certificate=True).pk}


def other_certificate(w, me):
    return {"kind": "pelatihan", "pk": _registration(w, w.nurse, certificate=True).pk}


def _plan(owner):
    def build(w, me):
        from kinerja.core import clock
        from kinerja.development.models import DevelopmentPlan

        plan, _ = DevelopmentPlan.objects.get_or_create(
            employee=owner(w, me), year=clock.today().year
        )
        return {"pk": plan.pk}

    return build


def _need(owner):
    def build(w, me):
        from kinerja.core import clock
        from kinerja.development.models import DevelopmentNeed

        need = DevelopmentNeed.objects.create(
            employee=owner(w, me),
            year=clock.today().year,
            source="manual",
            key=f"manual:matriks-{DevelopmentNeed.objects.count()}",
            reason="Perlu pelatihan.",
        )
        return {"pk": need.pk}

    return build


def _report(owner):
    def build(w, me):
        import datetime as dt

        from kinerja.development.models import ExternalActivityReport

        report = ExternalActivityReport.objects.create(
            employee=owner(w, me),
            form="workshop",
            title="Lokakarya",
            organiser="Kemenkes",
            start_date=dt.date(2026, 2, 2),
            end_date=dt.date(2026, 2, 3),
            days=2,
            certificate="sertifikat/uji.pdf",
            certificate_name="uji.pdf",
            certificate_sha256="0" * 64,
        )
        return {"pk": report.pk}

    return build


def activity_pk(w, me):
    from kinerja.development.models import Activity

    return {"pk": Activity.objects.create(name="Kursus", form="course", provider="LAN").pk}


def plan_item_data(w, me):
    from kinerja.development.models import Activity

    activity = Activity.objects.create(name="Kursus", form="course", provider="LAN")
    return {"quarter": "1", "activity": str(activity.pk)}


def the_staff(w, me):
    return w.staff


def the_nurse(w, me):
    return w.nurse


def myself(w, me):
    return me or w.staff


def staff_nip(w, me):
    return {"nip": w.staff.nip}


DEV_ADMINS = ("health_admin", "bkpsdm_admin")
# The staff member of the health seksi: everyone but the outsider sees them; their assessor (the
# seksi head), the health OPD admin and BKPSDM manage their needs and reports; they themself and
# the others who see them may not (403).
SEE_STAFF = pages(403, it_staff=404)
MANAGE_STAFF = redirected(
    pages(403, it_staff=404, seksi_head=200, health_admin=200, bkpsdm_admin=200)
)
# The nurse: her assessor (the health head, the Puskesmas head being vacant), the health OPD admin
# and BKPSDM manage; the regent and the auditor see her (403); the health seksi does not (404).
MANAGE_NURSE = redirected(
    pages(404, health_head=200, health_admin=200, bkpsdm_admin=200, regent=403, auditor=403)
)


# --- planning


def skp_of(employee):
    """The employee's SKP of the year (a draft with one RHK and one indicator), made once."""
    from kinerja.planning.models import Skp
    from kinerja.planning.tests.helpers import skp_with_rhk

    return Skp.objects.filter(employee=employee).first() or skp_with_rhk(employee)[0]


def own_skp(w, me):
    return {"pk": skp_of(me or w.staff).pk}


def staff_skp(w, me):
    return {"pk": skp_of(w.staff).pk}


def other_skp(w, me):
    return {"pk": skp_of(w.nurse).pk}


def _rhk_of(owner):
    return lambda w, me: {"pk": skp_of(owner(w, me)).rhks.first().pk}


def _indicator_of(owner):
    from kinerja.planning.models import Indicator

    return lambda w, me: {"pk": Indicator.objects.filter(rhk__skp=skp_of(owner(w, me))).first().pk}


def _attachment_of(owner):
    def build(w, me):
        from kinerja.planning import services as planning

        employee = owner(w, me)
        skp = skp_of(employee)
        item = planning.add_attachment(
            actor=w.user(employee),
            skp=skp,
            expected_version=skp.version,
            kind="resources",
            text="Anggaran kegiatan",
        )
        return {"pk": item.pk}

    return build


def version_of(owner):
    """The form data of an owner's write: the current version of the SKP (no stale edit)."""
    return lambda w, me: {"version": skp_of(owner(w, me)).version}


def rhk_data(w, me):
    return {"version": skp_of(me or w.staff).version, "group": "utama", "text": "RHK baru uji"}


def indicator_data(w, me):
    return {
        "version": skp_of(me or w.staff).version,
        "text": "Jumlah dokumen",
        "target_text": "Ada",
    }


def attachment_data(w, me):
    return {"version": skp_of(me or w.staff).version, "kind": "resources", "text": "Sarana"}


def skp_document(w, me):
    from kinerja.planning.documents import issue_document

    skp = skp_of(w.nurse)
    return {"code": issue_document(actor=w.user(w.nurse), skp=skp).code}


# Only the owner changes an SKP: those who see it get 403, the others 404.
OWNER_ONLY_OTHER = pages(404, **dict.fromkeys(SEE_OTHER, 403))
OWNER_ONLY_STAFF = pages(403, it_staff=404, staff=200)


# --- evaluation


def _periods(w):
    from kinerja.core import clock
    from kinerja.evaluation import services as evaluation
    from kinerja.evaluation.models import Period

    year = clock.today().year
    if not Period.objects.filter(year=year).exists():
        evaluation.set_schedule(actor=w.user(w.bkpsdm_admin), year=year, rhythm="quarterly")
    return Period.objects.filter(year=year, kind="quarterly").order_by("number").first()


def approved_skp_of(w, employee, assessor, superior):
    """An approved SKP of the year with one RHK and one indicator, made once per employee."""
    from kinerja.core import clock
    from kinerja.planning.models import Indicator, Rhk, Skp
    from tests.records import make_approved_skp

    existing = Skp.objects.filter(employee=employee, status="approved").first()
    if existing is not None:
        return existing
    skp = make_approved_skp(
        employee,
        assessor,
        year=clock.today().year,
        assessor_post=assessor.position,
        superior=superior,
        superior_name=superior.full_name,
        superior_nip=superior.nip,
        superior_position=superior.position.name,
    )
    rhk = Rhk.objects.create(skp=skp, group="utama", text="Terlaksananya pelayanan primer")
    Indicator.objects.create(rhk=rhk, text="Jumlah laporan", target_min=12, target_unit="laporan")
    return skp


def staff_period(w, me):
    """The staff's approved SKP (assessed by the seksi head) and the first quarter."""
    skp = approved_skp_of(w, w.staff, w.seksi_head, w.bidang_head)
    return {"skp_id": skp.pk, "period_id": _periods(w).pk}


def nurse_period(w, me):
    """The nurse's approved SKP (assessed by the health head) and the first quarter."""
    skp = approved_skp_of(w, w.nurse, w.health_head, w.regent)
    return {"skp_id": skp.pk, "period_id": _periods(w).pk}


def _with_indicator(build):
    def kwargs(w, me):
        from kinerja.planning.models import Indicator

        found = build(w, me)
        found["indicator_id"] = Indicator.objects.filter(rhk__skp_id=found["skp_id"]).first().pk
        return found

    return kwargs


def _evaluation(build):
    """A rating of the period (made directly: the permission, not the workflow, is tested)."""

    def kwargs(w, me):
        from kinerja.core import clock
        from kinerja.evaluation.models import Evaluation
        from kinerja.planning.models import Skp

        found = build(w, me)
        skp = Skp.objects.get(pk=found["skp_id"])
        evaluation = Evaluation.objects.filter(skp=skp, period_id=found["period_id"]).first()
        if evaluation is None:
            evaluation = Evaluation.objects.create(
                skp=skp,
                period_id=found["period_id"],
                work_rating="meets",
                behaviour_rating="meets",
                suggested_work_rating="meets",
                predicate="good",
                assessor=skp.assessor,
                assessor_name=skp.assessor_name,
                evaluated_by=w.user(skp.assessor),
                evaluated_at=clock.now(),
                delivered_on=clock.today(),
            )
        return found | {"evaluation_id": evaluation.pk}

    return kwargs


def _evidence_file(build):
    """A PDF stored as evidence of the period (made directly: the permission is tested)."""

    def kwargs(w, me):
        from django.core.files.base import ContentFile

        from kinerja.evaluation.models import Evidence

        found = build(w, me)
        evidence = Evidence(
            skp_id=found["skp_id"],
            period_id=found["period_id"],
            kind="file",
            safe_name="bukti.pdf",
            mime_type="application/pdf",
            size=8,
            sha256="0" * 64,
        )
        evidence.file.save("bukti.pdf", ContentFile(b"%PDF-1.4"), save=True)
        return {"evidence_id": evidence.pk}

    return kwargs


def without(key, build):
    return lambda w, me: {k: v for k, v in build(w, me).items() if k != key}


def health_agency(w, me):
    return {"unit": w.health.pk}


# The staff's period: everyone but the outsider sees it; only the staff (owner) or the seksi head
# (assessor) acts, the others who see it get 403.
STAFF_PERIOD_OWNER = pages(403, it_staff=404, staff=302)
STAFF_PERIOD_ASSESSOR = pages(403, it_staff=404, seksi_head=302)
# The nurse's period: the seksi does not see it; the health head assesses it.
NURSE_PERIOD_ASSESSOR = pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 302}))


# --- leadership


def seksi_direction(w, me):
    """A direction of the seksi head to the staff."""
    from kinerja.leadership import services as leadership

    direction = leadership.give_direction(
        actor=w.user(w.seksi_head), text="Percepat laporan bulanan.", recipient=w.staff
    )
    return {"pk": direction.pk}


def _seksi_visit(w):
    """A field visit of the seksi head with the staff, a follow-up owned by the staff, a photo."""
    from django.core.files.base import ContentFile

    from kinerja.core import clock
    from kinerja.leadership import services as leadership
    from kinerja.leadership.models import FieldVisit, FieldVisitPhoto

    visit = FieldVisit.objects.filter(leader=w.seksi_head).first()
    if visit is None:
        visit = leadership.record_field_visit(
            actor=w.user(w.seksi_head),
            date=clock.today(),
            place="Gampong Keude Siblah",
            purpose="Pemantauan posyandu",
            employees=[w.staff],
            follow_ups=[leadership.FollowUpSpec(text="Lengkapi data", owner=w.staff)],
        )
        photo = FieldVisitPhoto(
            visit=visit,
            name="foto.png",
            mime_type="image/png",
            size=4,
            sha256="0" * 64,
            created_at=clock.now(),
        )
        photo.file.save("foto.png", ContentFile(b"\x89PNG"), save=True)
    return visit


def seksi_visit(w, me):
    return {"pk": _seksi_visit(w).pk}


def seksi_visit_photo(w, me):
    return {"pk": _seksi_visit(w).photos.first().pk}


def seksi_follow_up(w, me):
    """An open follow-up of the visit, owned by the staff (a new one each call)."""
    from kinerja.core import clock
    from kinerja.leadership.models import FollowUp

    follow_up = FollowUp.objects.create(
        visit=_seksi_visit(w), text="Periksa stok obat", owner=w.staff, created_at=clock.now()
    )
    return {"pk": follow_up.pk}


# Unit heads (and assessors) lead a team: the seksi, bidang and agency heads and the regent.
LEADERS = ("seksi_head", "bidang_head", "health_head", "regent")
# The seksi head's direction and field visit: everyone but the outsider sees them.
SEKSI_SEEN = pages(200, it_staff=404)


ROUTES: dict[str, dict[str, Route]] = {
    "home": {"own": Route(no_args, pages(200))},
    "core:health": {"-": Route(no_args, everyone(200))},
    # --- accounts
    "accounts:login": {"-": Route(no_args, _table(200, 302, {}))},
    "accounts:logout": {"-": Route(no_args, everyone(LOGIN), method="post")},
    "accounts:password_change": {"own": Route(no_args, pages(200))},
    "accounts:tokens": {"own": Route(no_args, pages(200))},
    "accounts:token_revoke": {
        "own": Route(own_token, pages(302), method="post"),
        "other": Route(
            lambda w, me: {"pk": issue_token(user=w.user(w.nurse), name="x")[0].pk},
            pages(404),
            method="post",
        ),
    },
    "accounts:import": {"-": Route(no_args, only(IMPORTERS, 200, 403))},
    "accounts:import_template": {"-": Route(no_args, only(IMPORTERS, 200, 403))},
    "accounts:import_template_csv": {
        "-": Route(lambda w, me: {"kind": "employees"}, only(IMPORTERS, 200, 403))
    },
    "accounts:import_job": {
        # An OPD admin sees only their own uploads; BKPSDM sees all.
        "own": Route(import_job_of("health_admin"), only(IMPORTERS, 200, 403)),
        "other": Route(
            import_job_of("bkpsdm_admin"), only(IMPORTERS, 200, 403) | {"health_admin": 404}
        ),
    },
    "accounts:import_confirm": {
        "own": Route(import_job_of("health_admin"), only(IMPORTERS, 302, 403), method="post"),
        "other": Route(
            import_job_of("bkpsdm_admin"),
            only(IMPORTERS, 302, 403) | {"health_admin": 404},
            method="post",
        ),
    },
    "accounts:import_credentials": {
        # Only the uploader may take the initial passwords (once: afterwards 404).
        "own": Route(
            import_job_of("health_admin"),
            only(("health_admin",), 404, 403),
            method="post",
        ),
    },
    # --- organisations
    "organisations:tree": {
        "all": Route(no_args, pages(200)),
        "other": Route(
            no_args, pages(404, **dict.fromkeys(SEE_OTHER, 200)), query=puskesmas("unit")
        ),
    },
    "organisations:directory": {
        "all": Route(no_args, pages(200)),
        "other": Route(
            no_args, pages(404, **dict.fromkeys(SEE_OTHER, 200)), query=puskesmas("unit")
        ),
    },
    "organisations:profile": {
        "own": Route(own_nip, pages(200)),
        "other": Route(other_nip, pages(404, **dict.fromkeys(SEE_OTHER, 200))),
    },
    "organisations:assessor_override": {
        # Everyone sees their own profile, but only admins of the unit may correct the line.
        "own": Route(own_nip, pages(403, health_admin=200, bkpsdm_admin=200)),
        "other": Route(
            other_nip,
            pages(
                404, health_head=403, regent=403, auditor=403, health_admin=200, bkpsdm_admin=200
            ),
        ),
    },
    "organisations:employee_edit": {
        "own": Route(own_nip, MANAGE_OWN),
        "other": Route(other_nip, MANAGE_OTHER),
    },
    "organisations:assignment_add": {
        "own": Route(own_nip, MANAGE_OWN),
        "other": Route(other_nip, MANAGE_OTHER),
    },
    "organisations:assignment_end": {
        # Without an end date the form sends the admin back to the profile (302).
        "own": Route(own_assignment, redirected(MANAGE_OWN), method="post"),
        "other": Route(other_assignment, redirected(MANAGE_OTHER), method="post"),
    },
    "organisations:employee_add": {"-": Route(no_args, only(IMPORTERS, 200, 403))},
    "organisations:roles": {"-": Route(no_args, only(("bkpsdm_admin",), 200, 403))},
    "organisations:role_revoke": {
        "-": Route(health_admin_role, only(("bkpsdm_admin",), 302, 403), method="post")
    },
    # --- reports
    "reports:audit_trail": {"-": Route(no_args, only(("auditor", "bkpsdm_admin"), 200, 403))},
    # --- communication
    "communication:notifications": {"own": Route(no_args, pages(200))},
    "communication:notification_read": {
        "own": Route(own_notification, pages(302), method="post"),
        "other": Route(other_notification, pages(404), method="post"),
    },
    "communication:notification_open": {
        "own": Route(own_notification, pages(302)),
        "other": Route(other_notification, pages(404)),
    },
    "communication:notifications_read_all": {"own": Route(no_args, pages(302), method="post")},
    "communication:preferences": {"own": Route(no_args, pages(200))},
    "communication:announcements": {"all": Route(no_args, pages(200))},
    "communication:announcement_create": {"-": Route(no_args, only(PUBLISHERS, 200, 403))},
    "communication:announcement": {
        "all": Route(regency_announcement, pages(200)),
        "agency": Route(
            health_announcement, pages(404, **dict.fromkeys(IN_HEALTH, 200), bkpsdm_admin=200)
        ),
    },
    "communication:announcement_edit": {
        "all": Route(regency_announcement, only(("bkpsdm_admin",), 200, 403)),
        "agency": Route(health_announcement, MANAGE_HEALTH_ANNOUNCEMENT),
    },
    "communication:announcement_receipts": {
        "all": Route(regency_announcement, only(("bkpsdm_admin",), 200, 403)),
        "agency": Route(health_announcement, MANAGE_HEALTH_ANNOUNCEMENT),
    },
    "communication:guide": {"-": Route(no_args, pages(200))},
    "communication:guide_page": {"-": Route(guide_slug, pages(200))},
    "communication:tour_dismiss": {"own": Route(no_args, pages(302), method="post")},
    # --- development
    "development:mine": {"own": Route(no_args, pages(200))},
    "development:derive": {"own": Route(no_args, pages(302), method="post")},
    "development:register": {
        "open": Route(bkpsdm_event, pages(302), method="post"),
        # A draft is not announced yet: only its organisers see it (as on its page and in the
        # API), the others must get 404.
        "draft": Route(
            health_draft_event, pages(404, health_admin=302, bkpsdm_admin=302), method="post"
        ),
    },
    "development:cancel": {
        "own": Route(own_registration, pages(302), method="post"),
        # The participant or the event's organiser (BKPSDM) may cancel.
        "other": Route(
            other_registration,
            pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"bkpsdm_admin": 302})),
            method="post",
        ),
    },
    "development:feedback": {
        # Not attended yet: sent back with a message.
        "own": Route(
            own_registration, pages(302), method="post", data=lambda w, me: {"rating": "5"}
        ),
        "other": Route(
            other_registration,
            pages(404, **dict.fromkeys(SEE_OTHER, 403)),
            method="post",
            data=lambda w, me: {"rating": "5"},
        ),
    },
    "development:registration_action": {
        # Attendance is marked by the organiser (BKPSDM here); those who cannot see the
        # participant must not learn that the registration exists.
        "other": Route(
            other_registration,
            pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"bkpsdm_admin": 302})),
            method="post",
            data=lambda w, me: {"action": "attended"},
        ),
    },
    "development:report": {"own": Route(no_args, pages(200))},
    "development:certificate": {
        "own": Route(own_certificate, pages(200)),
        "other": Route(other_certificate, pages(404, **dict.fromkeys(SEE_OTHER, 200))),
    },
    "development:plan_item_add": {
        "own": Route(own_nip, pages(302), method="post", data=plan_item_data),
        "staff": Route(
            staff_nip, MANAGE_STAFF | {"staff": 302}, method="post", data=plan_item_data
        ),
        "other": Route(other_nip, MANAGE_NURSE, method="post", data=plan_item_data),
    },
    "development:plan_agree": {
        # An empty plan cannot be agreed: the parties are sent back with a message.
        "own": Route(_plan(myself), pages(302), method="post"),
        "staff": Route(_plan(the_staff), MANAGE_STAFF | {"staff": 302}, method="post"),
        "other": Route(_plan(the_nurse), MANAGE_NURSE, method="post"),
    },
    "development:team": {"own": Route(no_args, pages(200))},
    "development:need_status": {
        "own": Route(_need(myself), pages(403), method="post"),
        "staff": Route(_need(the_staff), MANAGE_STAFF, method="post"),
        "other": Route(_need(the_nurse), MANAGE_NURSE, method="post"),
    },
    "development:need_add": {
        "own": Route(own_nip, pages(403), method="post", data=lambda w, me: {"reason": "Perlu."}),
        "staff": Route(
            staff_nip, MANAGE_STAFF, method="post", data=lambda w, me: {"reason": "Perlu."}
        ),
        "other": Route(
            other_nip, MANAGE_NURSE, method="post", data=lambda w, me: {"reason": "Perlu."}
        ),
    },
    "development:report_decide": {
        "own": Route(_report(myself), pages(403), method="post"),
        "staff": Route(_report(the_staff), MANAGE_STAFF, method="post"),
        "other": Route(_report(the_nurse), MANAGE_NURSE, method="post"),
    },
    "development:admin": {"-": Route(no_args, only(DEV_ADMINS, 200, 403))},
    "development:activity_add": {"-": Route(no_args, only(("bkpsdm_admin",), 200, 403))},
    "development:activity_edit": {"-": Route(activity_pk, only(("bkpsdm_admin",), 200, 403))},
    "development:event_add": {"-": Route(no_args, only(DEV_ADMINS, 200, 403))},
    "development:event_edit": {
        "bkpsdm": Route(bkpsdm_event, only(("bkpsdm_admin",), 200, 403)),
        "agency": Route(health_event, only(DEV_ADMINS, 200, 403)),
    },
    "development:event": {
        "open": Route(health_event, pages(200)),
        "draft": Route(health_draft_event, pages(404, health_admin=200, bkpsdm_admin=200)),
    },
    "development:rules": {"-": Route(no_args, only(("bkpsdm_admin",), 200, 403))},
    "development:attainment": {"-": Route(no_args, only(DEV_ADMINS, 200, 403))},
    "development:needs_analysis": {"-": Route(no_args, only(DEV_ADMINS, 200, 403))},
    # Scoped rows: everyone gets the file of the employees they see.
    "development:export_jp": {"-": Route(no_args, pages(200))},
    # --- planning
    "planning:my_skp": {"own": Route(no_args, pages(200))},
    "planning:review_queue": {"own": Route(no_args, pages(200))},
    "planning:skp_detail": {
        "own": Route(own_skp, pages(200)),
        "other": Route(other_skp, pages(404, **dict.fromkeys(SEE_OTHER, 200))),
    },
    "planning:skp_pdf": {
        "own": Route(own_skp, pages(200)),
        "other": Route(other_skp, pages(404, **dict.fromkeys(SEE_OTHER, 200))),
    },
    # Public: anyone holding the printout may check its code.
    "planning:verify": {
        "issued": Route(skp_document, everyone(200)),
        "unknown": Route(lambda w, me: {"code": "TIDAKADA"}, everyone(404)),
    },
    "planning:rhk_add": {
        "own": Route(own_skp, pages(302), method="post", data=rhk_data),
        "other": Route(other_skp, OWNER_ONLY_OTHER, method="post", data=rhk_data),
    },
    "planning:attachment_add": {
        "own": Route(own_skp, pages(302), method="post", data=attachment_data),
        "other": Route(other_skp, OWNER_ONLY_OTHER, method="post", data=attachment_data),
    },
    "planning:attachment_delete": {
        "own": Route(_attachment_of(myself), pages(302), method="post", data=version_of(myself)),
        "other": Route(
            _attachment_of(the_nurse), OWNER_ONLY_OTHER, method="post", data=version_of(the_nurse)
        ),
    },
    "planning:expectations": {
        # Written by the assessor (the seksi head for the staff, the health head for the nurse).
        "own": Route(own_skp, pages(403), method="post"),
        "staff": Route(
            # A draft is seen only by its owner, its assessor, the agency's admins and
            # regency-wide roles: the heads above the seksi do not see the staff's draft (404).
            staff_skp,
            pages(403, it_staff=404, bidang_head=404, health_head=404, seksi_head=302),
            method="post",
        ),
        "other": Route(
            other_skp,
            redirected(pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 200}))),
            method="post",
        ),
    },
    "planning:skp_action": {
        "own": Route(
            lambda w, me: own_skp(w, me) | {"action": "submit"}, pages(302), method="post"
        ),
        # The assessor may act (the step is refused with a message: 302); others may not.
        "other": Route(
            lambda w, me: other_skp(w, me) | {"action": "approve"},
            pages(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 302})),
            method="post",
        ),
    },
    "planning:rhk_edit": {
        "own": Route(_rhk_of(myself), pages(200)),
        "other": Route(_rhk_of(the_nurse), OWNER_ONLY_OTHER),
    },
    "planning:rhk_delete": {
        "own": Route(_rhk_of(myself), pages(302), method="post", data=version_of(myself)),
        "other": Route(
            _rhk_of(the_nurse), OWNER_ONLY_OTHER, method="post", data=version_of(the_nurse)
        ),
    },
    "planning:distribute": {
        "own": Route(_rhk_of(myself), pages(200)),
        "other": Route(_rhk_of(the_nurse), OWNER_ONLY_OTHER),
    },
    "planning:indicator_add": {
        "own": Route(_rhk_of(myself), pages(302), method="post", data=indicator_data),
        "other": Route(_rhk_of(the_nurse), OWNER_ONLY_OTHER, method="post", data=indicator_data),
    },
    "planning:indicator_edit": {
        "own": Route(_indicator_of(myself), pages(200)),
        "other": Route(_indicator_of(the_nurse), OWNER_ONLY_OTHER),
    },
    "planning:indicator_delete": {
        "own": Route(_indicator_of(myself), pages(302), method="post", data=version_of(myself)),
        "other": Route(
            _indicator_of(the_nurse), OWNER_ONLY_OTHER, method="post", data=version_of(the_nurse)
        ),
    },
    "planning:copy_previous": {
        # No SKP last year: the owner is sent back with a message.
        "own": Route(own_skp, pages(302), method="post"),
        "other": Route(other_skp, OWNER_ONLY_OTHER, method="post"),
    },
    "planning:org_performance": {"-": Route(no_args, pages(200))},
    "planning:org_import": {"-": Route(no_args, only(DEV_ADMINS, 200, 403))},
    "planning:org_template": {"-": Route(no_args, only(DEV_ADMINS, 200, 403))},
    "planning:cascade": {"-": Route(no_args, pages(200))},
    "planning:monitoring": {
        "other": Route(
            no_args, pages(404, **dict.fromkeys(SEE_OTHER, 200)), query=puskesmas("unit")
        ),
    },
    "planning:monitoring_remind": {
        "other": Route(
            no_args,
            # The regent heads the whole regency: he may remind too.
            pages(
                404, auditor=403, regent=302, health_head=302, health_admin=302, bkpsdm_admin=302
            ),
            method="post",
            data=puskesmas("unit"),
        ),
    },
    # --- evaluation
    "evaluation:mine": {"own": Route(no_args, pages(200))},
    "evaluation:team": {"own": Route(no_args, pages(200))},
    "evaluation:calibration": {
        "all": Route(no_args, pages(200)),
        "agency": Route(
            no_args,
            # The agency's head and OPD admin and regency-wide readers; the seksi sees only its
            # own branch of the tree, not the agency's unit (404), nor does the outsider.
            pages(404, **dict.fromkeys(SEE_OTHER, 200)),
            query=health_agency,
        ),
    },
    "evaluation:adjust": {
        # The predicate is adjusted by the agency's head or the leadership (then 302).
        "staff": Route(
            without("skp_id", without("period_id", _evaluation(staff_period))),
            pages(403, it_staff=404, health_head=302, regent=302),
            method="post",
            data=lambda w, me: {"predicate": "very_good", "reason": "Kalibrasi"},
        ),
    },
    "evaluation:period": {
        "staff": Route(staff_period, pages(200, it_staff=404)),
        "other": Route(nurse_period, pages(404, **dict.fromkeys(SEE_OTHER, 200))),
    },
    "evaluation:realisation": {
        "staff": Route(_with_indicator(staff_period), STAFF_PERIOD_OWNER, method="post"),
        "other": Route(
            _with_indicator(nurse_period),
            pages(404, **dict.fromkeys(SEE_OTHER, 403)),
            method="post",
        ),
    },
    "evaluation:evidence": {
        "staff": Route(staff_period, STAFF_PERIOD_OWNER, method="post"),
        "other": Route(nurse_period, pages(404, **dict.fromkeys(SEE_OTHER, 403)), method="post"),
    },
    "evaluation:evidence_file": {
        "staff": Route(_evidence_file(staff_period), pages(200, it_staff=404)),
        "other": Route(_evidence_file(nurse_period), pages(404, **dict.fromkeys(SEE_OTHER, 200))),
    },
    "evaluation:submit": {
        "staff": Route(staff_period, STAFF_PERIOD_OWNER, method="post"),
        "other": Route(nurse_period, pages(404, **dict.fromkeys(SEE_OTHER, 403)), method="post"),
    },
    "evaluation:rate": {
        "staff": Route(staff_period, STAFF_PERIOD_ASSESSOR, method="post"),
        "other": Route(nurse_period, NURSE_PERIOD_ASSESSOR, method="post"),
    },
    "evaluation:acknowledge": {
        "staff": Route(
            without("evaluation_id", _evaluation(staff_period)), STAFF_PERIOD_OWNER, method="post"
        ),
        # Before the rating there is nothing to acknowledge.
        "unrated": Route(staff_period, pages(404), method="post"),
    },
    "evaluation:feedback": {
        "staff": Route(staff_period, STAFF_PERIOD_ASSESSOR, method="post"),
        "other": Route(nurse_period, NURSE_PERIOD_ASSESSOR, method="post"),
    },
    # --- leadership
    "leadership:workspace": {"-": Route(no_args, only(LEADERS, 200, 403))},
    "leadership:my_directions": {"own": Route(no_args, pages(200))},
    "leadership:pending_directions": {"own": Route(no_args, pages(200))},
    # An empty form sends the leader back to the workspace with a message.
    "leadership:direction_add": {"-": Route(no_args, only(LEADERS, 302, 403), method="post")},
    "leadership:direction_acknowledge": {
        # Only the recipient (the staff) confirms.
        "team": Route(seksi_direction, pages(403, it_staff=404, staff=302), method="post"),
    },
    "leadership:field_visits": {"own": Route(no_args, pages(200))},
    "leadership:field_visit_add": {"-": Route(no_args, only(LEADERS, 200, 403))},
    "leadership:field_visit": {"team": Route(seksi_visit, SEKSI_SEEN)},
    "leadership:field_visit_photo": {"team": Route(seksi_visit_photo, SEKSI_SEEN)},
    "leadership:my_follow_ups": {"own": Route(no_args, pages(200))},
    "leadership:follow_up_close": {
        # The owner of the follow-up (the staff) or the leader who recorded the visit.
        "team": Route(
            seksi_follow_up,
            pages(403, it_staff=404, staff=302, seksi_head=302),
            method="post",
        ),
    },
    # --- api (bearer tokens)
    "api:openapi-json": {"-": Route(no_args, everyone(200), is_api=True)},
    "api:openapi-view": {"-": Route(no_args, everyone(200), is_api=True)},
    "api:api-root": {"-": Route(no_args, everyone(404), is_api=True)},
    "api:obtain_token": {
        "own": Route(
            no_args,
            api(200, anonymous=401),
            method="post",
            data=credentials,
            json=True,
            is_api=True,
        )
    },
    "api:list_tokens": {"own": Route(no_args, api(200), is_api=True)},
    "api:revoke": {
        "own": Route(own_api_token, api(204), method="delete", is_api=True),
        "other": Route(other_api_token, api(404), method="delete", is_api=True),
    },
    "api:me": {"own": Route(no_args, api(200), is_api=True)},
    "api:org_units": {
        "all": Route(no_args, api(200), is_api=True),
        "other": Route(
            no_args,
            api(404, **dict.fromkeys(SEE_OTHER, 200)),
            query=puskesmas("root"),
            is_api=True,
        ),
    },
    "api:employees": {
        "all": Route(no_args, api(200), is_api=True),
        "other": Route(
            no_args,
            api(404, **dict.fromkeys(SEE_OTHER, 200)),
            query=puskesmas("unit"),
            is_api=True,
        ),
    },
    "api:employee_detail": {
        "own": Route(own_nip, api(200), is_api=True),
        "other": Route(other_nip, api(404, **dict.fromkeys(SEE_OTHER, 200)), is_api=True),
    },
    # --- api: development
    "api:competencies": {"-": Route(no_args, api(200), is_api=True)},
    "api:needs": {"-": Route(no_args, api(200), is_api=True)},
    "api:plans": {"-": Route(no_args, api(200), is_api=True)},
    "api:activities": {"-": Route(no_args, api(200), is_api=True)},
    "api:events": {"-": Route(no_args, api(200), is_api=True)},
    "api:register": {
        "open": Route(
            lambda w, me: {"event_id": _event(w).pk}, api(201), method="post", is_api=True
        ),
        "draft": Route(
            lambda w, me: {"event_id": _event(w, status="draft").pk},
            api(404),
            method="post",
            is_api=True,
        ),
    },
    "api:cancel": {
        "own": Route(
            lambda w, me: {"registration_id": _registration(w, me or w.staff).pk},
            api(200),
            method="post",
            is_api=True,
        ),
        "other": Route(
            lambda w, me: {"registration_id": _registration(w, w.nurse).pk},
            api(404, **(dict.fromkeys(SEE_OTHER, 403) | {"bkpsdm_admin": 200})),
            method="post",
            is_api=True,
        ),
    },
    "api:report": {
        # Without the certificate the request is refused (422) after authentication.
        "own": Route(no_args, api(422), method="post", is_api=True),
    },
    "api:employee_jp": {
        "own": Route(own_nip, api(200), is_api=True),
        "other": Route(other_nip, api(404, **dict.fromkeys(SEE_OTHER, 200)), is_api=True),
    },
    # --- api: planning
    "api:skps": {"-": Route(no_args, api(200), is_api=True)},
    "api:skp_detail": {
        "own": Route(lambda w, me: {"skp_id": skp_of(me or w.staff).pk}, api(200), is_api=True),
        "other": Route(
            lambda w, me: {"skp_id": skp_of(w.nurse).pk},
            api(404, **dict.fromkeys(SEE_OTHER, 200)),
            is_api=True,
        ),
    },
    "api:submit": {
        # Planning: the owner submits the SKP (refused, 409: the RHK is not linked upwards).
        "skp-own": Route(
            lambda w, me: {"skp_id": skp_of(me or w.staff).pk},
            api(409, health_head=200),  # a JPT's RHK needs no superior RHK
            method="post",
            is_api=True,
        ),
        "skp-other": Route(
            lambda w, me: {"skp_id": skp_of(w.nurse).pk},
            api(404, **dict.fromkeys(SEE_OTHER, 403)),
            method="post",
            is_api=True,
        ),
        # Evaluation: the owner submits the period's realisation.
        "period": Route(
            staff_period, api(403, it_staff=404, staff=409), method="post", is_api=True
        ),
    },
    "api:approve": {
        "own": Route(
            lambda w, me: {"skp_id": skp_of(me or w.staff).pk}, api(403), method="post", is_api=True
        ),
        "other": Route(
            lambda w, me: {"skp_id": skp_of(w.nurse).pk},
            api(404, **(dict.fromkeys(SEE_OTHER, 403) | {"health_head": 409})),
            method="post",
            is_api=True,
        ),
    },
    "api:return_": {
        "own": Route(
            lambda w, me: {"skp_id": skp_of(me or w.staff).pk},
            api(403),
            method="post",
            data=lambda w, me: {"notes": "Perbaiki."},
            json=True,
            is_api=True,
        ),
    },
    "api:request_revision": {
        "own": Route(
            lambda w, me: {"skp_id": skp_of(me or w.staff).pk},
            api(409),
            method="post",
            data=lambda w, me: {"notes": "Perlu revisi."},
            json=True,
            is_api=True,
        ),
        "other": Route(
            lambda w, me: {"skp_id": skp_of(w.nurse).pk},
            api(404, **dict.fromkeys(SEE_OTHER, 403)),
            method="post",
            data=lambda w, me: {"notes": "Perlu revisi."},
            json=True,
            is_api=True,
        ),
    },
    "api:cascade": {
        "own": Route(
            lambda w, me: {"rhk_id": skp_of(me or w.staff).rhks.first().pk}, api(200), is_api=True
        ),
        "other": Route(
            lambda w, me: {"rhk_id": skp_of(w.nurse).rhks.first().pk},
            api(404, **dict.fromkeys(SEE_OTHER, 200)),
            is_api=True,
        ),
    },
    # --- api: evaluation
    "api:periods": {"-": Route(no_args, api(200), query=lambda w, me: {"year": 2026}, is_api=True)},
    "api:realisation": {
        "staff": Route(
            staff_period,
            api(403, it_staff=404, staff=409),  # the owner passes; the period refuses
            method="post",
            data=lambda w, me: {
                "indicator_id": _with_indicator(staff_period)(w, me)["indicator_id"],
                "value": "3",
            },
            json=True,
            is_api=True,
        ),
    },
    "api:evidence": {
        # Without a file the request is refused (422) once the caller is known.
        "staff": Route(staff_period, api(422), method="post", is_api=True),
    },
    "api:rating": {
        "staff": Route(
            staff_period,
            api(403, it_staff=404, seksi_head=409),
            method="post",
            data=lambda w, me: {"work_rating": "meets", "behaviour_rating": "meets"},
            json=True,
            is_api=True,
        ),
    },
    "api:distribution": {
        "health": Route(
            lambda w, me: {"agency_id": w.health.pk},
            # The agency's head and OPD admin and regency-wide readers; the seksi sees only its
            # own branch of the tree, not the agency's unit (404), nor does the outsider.
            api(404, **dict.fromkeys(SEE_OTHER, 200)),
            query=lambda w, me: {"year": 2026},
            is_api=True,
        ),
    },
    # --- api: leadership
    "api:team": {"-": Route(no_args, api(403, **dict.fromkeys(LEADERS, 200)), is_api=True)},
    "api:directions": {"-": Route(no_args, api(200), is_api=True)},
    "api:give_direction": {
        "team": Route(
            no_args,
            api(403, **dict.fromkeys(LEADERS, 201)),
            method="post",
            data=lambda w, me: {"text": "Jaga mutu layanan."},
            json=True,
            is_api=True,
        ),
    },
    "api:acknowledge": {
        "team": Route(
            lambda w, me: {"direction_id": seksi_direction(w, me)["pk"]},
            api(403, it_staff=404, staff=200),
            method="post",
            is_api=True,
        ),
    },
    "api:field_visits": {"-": Route(no_args, api(200), is_api=True)},
    "api:record_field_visit": {
        "-": Route(
            no_args,
            api(403, **dict.fromkeys(LEADERS, 201)),
            method="post",
            data=lambda w, me: {
                "date": "2026-01-15",
                "place": "Gampong Keude Siblah",
                "purpose": "Pemantauan",
            },
            json=True,
            is_api=True,
        ),
    },
    "api:close_follow_up": {
        "team": Route(
            lambda w, me: {"follow_up_id": seksi_follow_up(w, me)["pk"]},
            api(403, it_staff=404, staff=200, seksi_head=200),
            method="post",
            data=lambda w, me: {"note": "Selesai."},
            json=True,
            is_api=True,
        ),
    },
}


def _merge_area_routes() -> None:
    """Add the routes each area keeps in tests/matrix_routes/<area>.py."""
    import importlib
    import pkgutil

    import tests.matrix_routes as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        twice = set(ROUTES) & set(module.ROUTES)
        assert not twice, f"{info.name} lists URLs already in the matrix: {sorted(twice)}"
        ROUTES.update(module.ROUTES)


_merge_area_routes()


def url_names() -> set[str]:
    """Every named URL pattern of the project, as "namespace:name"."""
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, ns)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"<unnamed {pattern.pattern}>"
                names.add(f"{namespace}:{name}" if namespace else name)

    walk(get_resolver(), "")
    return names


def _static_and_media(name: str) -> bool:
    # Served only with DEBUG (config/urls.py): not views of the product.
    return name.startswith("<unnamed") and settings.DEBUG


def test_every_url_has_an_entry_in_the_matrix():
    names = {n for n in url_names() if not _static_and_media(n)}
    missing = sorted(names - set(ROUTES))
    stale = sorted(set(ROUTES) - names)
    assert not missing, (
        "These URLs have no entry in tests/test_permission_matrix.py ROUTES; add one per URL "
        "saying what each persona gets:\n  " + "\n  ".join(missing)
    )
    assert not stale, f"ROUTES lists URLs that no longer exist: {stale}"


def test_every_entry_covers_every_persona():
    for name, variants in ROUTES.items():
        for variant, route in variants.items():
            assert set(route.expect) == set(PERSONAS), (name, variant)


def _call(client: Client, world: World, name: str, route: Route, me, headers: dict[str, str]):
    url = reverse(name, kwargs=route.kwargs(world, me) or None)
    if route.query is not None:
        url += "?" + urlencode(route.query(world, me))
    kwargs: dict[str, Any] = {"headers": headers}
    if route.data is not None:
        kwargs["data"] = route.data(world, me)
    if route.json:
        kwargs["content_type"] = "application/json"
    return getattr(client, route.method)(url, **kwargs)


def _outcome(response) -> Expected:
    login_url = reverse(settings.LOGIN_URL)
    if response.status_code == 302 and response["Location"].startswith(login_url):
        return LOGIN
    return response.status_code


CASES = [(name, variant) for name, variants in ROUTES.items() for variant in variants]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "variant"), CASES, ids=[f"{n}[{v}]" for n, v in CASES])
def test_permission_matrix(world, name, variant):
    route = ROUTES[name][variant]
    wrong = []
    for persona in PERSONAS:
        me = None if persona == "anonymous" else getattr(world, persona)
        client = Client()
        headers: dict[str, str] = {}
        if me is not None:
            if route.is_api:
                _, key = issue_token(user=world.user(me), name="persona")
                headers["Authorization"] = f"Bearer {key}"
            else:
                client.force_login(world.user(me))
        got = _outcome(_call(client, world, name, route, me, headers))
        if got != route.expect[persona]:
            wrong.append(f"{persona}: expected {route.expect[persona]}, got {got}")
        ApiToken.objects.filter(name="persona").delete()
    assert not wrong, f"{name} [{variant}]:\n  " + "\n  ".join(wrong)
