"""Permission-matrix routes of the exports for the national systems and the SIASN import."""

from tests.matrix import Route, api, no_args, only

EXPORTERS = ("health_admin", "bkpsdm_admin")


def _import(w, me):
    from kinerja.core import clock
    from kinerja.exchange.models import ReferenceImport

    imp = ReferenceImport.objects.create(
        kind="superior",
        state="preview",
        original_name="atasan.csv",
        file_sha256="0" * 64,
        created_at=clock.now(),
        created_by=w.user(w.bkpsdm_admin),
    )
    return {"pk": imp.pk}


def _export_data(w, me):
    return {"kind": "skp_annual", "file_format": "csv", "year": 2026}


def _year(w, me):
    return {"year": 2026}


ROUTES = {
    "exchange:index": {"-": Route(no_args, only(EXPORTERS, 200, 403))},
    "exchange:export": {
        "-": Route(no_args, only(EXPORTERS, 200, 403), method="post", data=_export_data)
    },
    "exchange:log": {"-": Route(no_args, only((*EXPORTERS, "auditor"), 200, 403))},
    "exchange:imports": {"-": Route(no_args, only(("bkpsdm_admin",), 200, 403))},
    "exchange:import_detail": {"-": Route(_import, only(("bkpsdm_admin",), 200, 403))},
    # An import without differences: the apply answers with a message and a redirect.
    "exchange:import_apply": {
        "-": Route(_import, only(("bkpsdm_admin",), 302, 403), method="post")
    },
    "exchange:import_discard": {
        "-": Route(_import, only(("bkpsdm_admin",), 302, 403), method="post")
    },
    "api:exchange_skp_annual": {
        "-": Route(no_args, api(403, health_admin=200, bkpsdm_admin=200), query=_year, is_api=True)
    },
    "api:exchange_periodic": {
        "-": Route(no_args, api(403, health_admin=200, bkpsdm_admin=200), query=_year, is_api=True)
    },
    "api:exchange_training": {
        "-": Route(no_args, api(403, health_admin=200, bkpsdm_admin=200), query=_year, is_api=True)
    },
    "api:exchange_exports": {
        "-": Route(no_args, api(403, health_admin=200, bkpsdm_admin=200, auditor=200), is_api=True)
    },
}
