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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.accounts.models import ApiToken
from kinerja.accounts.services import issue_token
from tests.world import PASSWORD, World

PERSONAS = (
    "anonymous",
    "staff",  # pelaksana in the health seksi
    "seksi_head",
    "bidang_head",
    "health_head",
    "health_admin",  # OPD admin of Dinas Kesehatan
    "it_staff",  # outsider: Diskominsa
    "bkpsdm_admin",
    "regent",  # leadership
    "auditor",
)
LOGIN = "login"
Expected = int | str
# Those who may see the nurse of the Puskesmas (the "other" object).
SEE_OTHER = ("health_head", "health_admin", "bkpsdm_admin", "regent", "auditor")


def _table(anonymous: Expected, default: Expected, overrides: Mapping[str, Expected]):
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, f"unknown personas: {unknown}"
    table = {p: default for p in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def pages(default: Expected, **overrides: Expected) -> dict[str, Expected]:
    """A page behind login: anonymous visitors are sent to the login page."""
    return _table(LOGIN, default, overrides)


def api(default: Expected, **overrides: Expected) -> dict[str, Expected]:
    """An /api/v1 operation: anonymous callers get 401."""
    return _table(401, default, overrides)


def everyone(status: Expected) -> dict[str, Expected]:
    return _table(status, status, {})


def only(allowed: tuple[str, ...], status: Expected, otherwise: Expected, anonymous=LOGIN):
    return _table(anonymous, otherwise, dict.fromkeys(allowed, status))


@dataclass(frozen=True)
class Route:
    """How to call one URL for a persona, and what each persona must get."""

    kwargs: Callable[[World, Any], dict[str, Any]]
    expect: dict[str, Expected]
    method: str = "get"
    query: Callable[[World, Any], dict[str, Any]] | None = None
    data: Callable[[World, Any], Any] | None = None
    json: bool = False
    is_api: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def no_args(w, me):
    return {}


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
}


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
