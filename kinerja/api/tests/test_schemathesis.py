"""Property-based contract test: every /api/v1 operation answers as its OpenAPI schema says.

Schemathesis reads the schema from the running Django app and generates valid and invalid
requests for each operation, sent with a BKPSDM admin's bearer token. Four stateless checks
must hold for every answer: no 5xx, a documented status code, the documented content type,
and a body matching the documented schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kinerja.accounts.services import issue_token

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _operations() -> list[tuple[str, str]]:
    from kinerja.api.main import api

    return [
        (method.upper(), path)
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method in operations
    ]


_schema_cache: dict[str, object] = {}


def _schema():
    if "schema" not in _schema_cache:
        _schema_cache["schema"] = schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", get_wsgi_application()
        )
    return _schema_cache["schema"]


@pytest.fixture
def same_connection():
    """Keep the test's transaction open: the WSGI handler closes the connection around requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), _operations(), ids=lambda v: str(v))
def test_operation_conforms_to_its_openapi_schema(world, same_connection, method, path):
    operation = _schema()[path][method]
    admin = world.user(world.bkpsdm_admin)
    has_inputs = bool(operation.path_parameters or operation.query or operation.body)
    strategy = operation.as_strategy(GenerationMode.POSITIVE)
    if has_inputs:
        strategy = st.one_of(strategy, operation.as_strategy(GenerationMode.NEGATIVE))
    answered: set[int] = set()

    @given(case=strategy)
    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
        ],
    )
    def run(case):
        # A fresh token per example: DELETE /auth/tokens/{id} may revoke the previous one.
        _, key = issue_token(user=admin, name="schemathesis")
        response = case.call(headers={"Authorization": f"Bearer {key}"})
        answered.add(response.status_code)
        case.validate_response(response, checks=CHECKS)

    run()
    assert answered, "no request was sent"
