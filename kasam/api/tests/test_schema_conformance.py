"""The OpenAPI schema is true: schemathesis generates requests for every operation from the
schema itself and checks that the server never answers 5xx, that every status it answers
is documented, and that every response matches its documented schema. Bounded: a few
examples per operation, as a quality lead with a real token."""

from __future__ import annotations

import logging

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client as HttpClient
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from kasam.accounts.models import User
from kasam.core.tests.test_api_bad_input import _ids_seen

APP = WSGIHandler()


@pytest.fixture
def real_ids(db, settings, caplog) -> dict[str, list[str]]:
    """The demo municipality, and the ids a case handler sees on their pages."""
    caplog.set_level(logging.CRITICAL, logger="django")
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=3)
    http = HttpClient()
    http.force_login(User.objects.get(username="case.handler"))
    return _ids_seen(http)


@pytest.fixture
def api_schema(real_ids):
    # As Django's test client does: a request must not close the test's database connection
    # (and with it the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    token = Token.objects.create(user=User.objects.get(username="case.handler")).key
    headers = {"Authorization": f"Token {token}"}
    loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", APP, headers=headers)
    loaded.config.headers = headers  # every generated request carries the token
    yield loaded
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _real(case, ids: dict[str, list[str]]) -> bool:
    """Point the case's ids at records the user sees (the word before each id says which)."""
    changed = False
    for name in list(case.path_parameters or {}):
        word = case.operation.path.split("{" + name + "}")[0].rstrip("/").rsplit("/", 1)[-1]
        if ids.get(word):
            case.path_parameters[name] = ids[word][0]
            changed = True
    return changed


def _run(operation, ids: dict[str, list[str]]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def exercise(case) -> None:
        case.validate_response(case.call(), checks=CHECKS)
        if _real(case, ids):  # and the same request about a record that exists
            case.validate_response(case.call(), checks=CHECKS)

    exercise()


def test_the_api_answers_as_its_schema_says(api_schema, real_ids, caplog):
    caplog.set_level(logging.CRITICAL, logger="axes")
    failures, operations = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            _run(operation, real_ids)
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    print(f"\nschemathesis: {operations} operations")
    assert operations > 40
    assert not failures, "\n\n".join(failures)
