"""Permission matrix of the reports: dashboard, organisational achievement, the public page."""

from __future__ import annotations

from decimal import Decimal

from tests.matrix import SEE_OTHER, Route, api, everyone, no_args, only, pages

# Who may open the regency dashboard; unit heads and OPD admins are sent on to their own unit.
REGENCY = ("bkpsdm_admin", "regent", "auditor")
SCOPED = ("seksi_head", "bidang_head", "health_head", "health_admin")


def _ready(w):
    """A 2026 quarterly calendar and the health office's Perjanjian Kinerja with one IKU."""
    from kinerja.accounts.models import User
    from kinerja.evaluation import services
    from kinerja.evaluation.models import Period
    from kinerja.planning.models import AgreementTarget, PerformanceAgreement

    if not Period.objects.filter(year=2026).exists():
        services.set_schedule(
            actor=User.objects.get(employee=w.bkpsdm_admin), year=2026, rhythm="quarterly"
        )
    agreement, _ = PerformanceAgreement.objects.get_or_create(unit=w.health, year=2026)
    target, _ = AgreementTarget.objects.get_or_create(
        agreement=agreement,
        indicator="Indeks pelayanan kesehatan",
        defaults={"objective": "Mutu", "target_value": Decimal(80), "target_unit": "indeks"},
    )
    annual = Period.objects.get(year=2026, kind="annual")
    return target, annual


def outcome_payload(w, me):
    from kinerja.reports.models import OutcomeMeasurement

    target, annual = _ready(w)
    # Each persona makes a new entry (a second one would be a correction needing its version).
    OutcomeMeasurement.objects.filter(agreement_target=target).delete()
    return {
        "unit": w.health.pk,
        "tahun": 2026,
        "periode": annual.pk,
        "target": target.pk,
        "value": "78",
    }


def result_payload(w, me):
    _, annual = _ready(w)
    return {
        "unit": w.health.pk,
        "tahun": 2026,
        "periode": annual.pk,
        "predicate": "good",
        "reason": "Capaian IKU.",
    }


def puskesmas_unit(w, me):
    return {"unit": w.puskesmas.pk}


ROUTES = {
    "reports:dashboard": {
        "regency": Route(
            no_args,
            pages(403, **dict.fromkeys(REGENCY, 200), **dict.fromkeys(SCOPED, 302)),
        ),
        "other": Route(
            no_args,
            pages(404, **dict.fromkeys(SEE_OTHER, 200)),
            query=puskesmas_unit,
        ),
    },
    "reports:achievement": {
        "read": Route(no_args, pages(200)),
        "enter": Route(
            no_args,
            pages(403, health_admin=302, bkpsdm_admin=302),
            method="post",
            data=outcome_payload,
        ),
    },
    "reports:achievement_result": {
        "-": Route(no_args, only(("regent",), 302, 403), method="post", data=result_payload),
    },
    "reports:transparency": {"-": Route(no_args, everyone(200))},
    "api:reports_transparency": {"-": Route(no_args, everyone(200), is_api=True)},
    "api:reports_dashboard": {
        "regency": Route(no_args, api(403, **dict.fromkeys(REGENCY, 200)), is_api=True),
        "other": Route(
            no_args, api(404, **dict.fromkeys(SEE_OTHER, 200)), query=puskesmas_unit, is_api=True
        ),
    },
    "api:reports_achievement": {
        "-": Route(lambda w, me: {"agency_id": w.health.pk}, api(200), is_api=True),
    },
}
