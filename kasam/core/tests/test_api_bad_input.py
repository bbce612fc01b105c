"""Bad input never crashes the API: every operation in the OpenAPI schema gets the corpus as
query parameters, path ids and bodies (malformed, deep, wrong type, every property set to
each value, and each property alone). Path ids come from what the role sees on its pages,
so the requests reach real records; an operation added later is walked as soon as it is in
the schema."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient
from drf_spectacular.generators import SchemaGenerator

from kasam.accounts.models import User
from kasam.core.tests import corpus
from kasam.core.tests.routes import all_urls, crawl, route_of

pytestmark = pytest.mark.django_db

ROLES = ["unit.manager", "case.handler"]
_ID = re.compile(r"/([a-z-]+)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/")
BAD_IDS = ["0" * 36, "0" * 32, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]


@pytest.fixture
def demo(settings) -> None:
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=3)


def _operations() -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            properties = _properties(body, components) if body else {}
            found.append((path, method, operation, properties))
    return found


def _properties(body: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = body["schema"].get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})


def _ids_seen(http: HttpClient) -> dict[str, list[str]]:
    start = [u for u in all_urls() if "/api/" not in u and "<" not in (route_of(u) or "<")]
    site = crawl(http, ["/", *start], per_route=2, limit=200)
    seen: dict[str, list[str]] = {}
    for urls in site.pages.values():
        for url in urls:
            for word, public_id in _ID.findall(url):
                seen.setdefault(word, []).append(public_id)
    return seen


def _fill(path: str, seen: dict[str, list[str]], bad: str | None = None) -> str:
    def one(match: re.Match[str]) -> str:
        word = path[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        if bad is not None:
            return bad
        return (seen.get(word) or ["3fa85f64-5717-4562-b3fc-2c963f66afa6"])[0]

    url = re.sub(r"\{(\w+)\}", one, path)
    return url.replace("{code}", "plan_and_contact")


class Report:
    def __init__(self) -> None:
        self.requests = 0
        self.crashes: list[str] = []

    def send(self, http: HttpClient, method: str, url: str, **kwargs: Any) -> None:
        response = getattr(http, method)(url, **kwargs)
        self.requests += 1
        if response.status_code >= 500:
            self.crashes.append(f"{response.status_code} {method.upper()} {url} {kwargs}"[:300])


def _bodies(properties: dict[str, Any]) -> list[Any]:
    values: list[Any] = [*corpus.text(), *corpus.JSON_VALUES]
    bodies: list[Any] = [dict.fromkeys(properties, value) for value in values]
    for name in properties:
        singles: list[Any] = [*corpus.SINGLE, 10**40, None, {}]
        bodies += [{name: value} for value in singles]
    return bodies


def _walk(http: HttpClient, op: tuple[str, str, dict[str, Any], dict[str, Any]], seen, report):
    path, method, operation, properties = op
    url = _fill(path, seen)
    names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    for bad in BAD_IDS if "{" in path else []:
        report.send(http, method, _fill(path, seen, bad))
    if method == "get":
        for value in corpus.text():
            report.send(http, "get", url, data=dict.fromkeys(names, value))
        return
    for raw, content_type in corpus.RAW_BODIES:
        report.send(http, method, url, data=raw, content_type=content_type)
    for body in _bodies(properties):
        report.send(http, method, url, data=json.dumps(body), content_type="application/json")


def test_no_api_operation_answers_5xx_to_bad_input(demo, caplog):
    caplog.set_level(logging.CRITICAL, logger="django")
    caplog.set_level(logging.CRITICAL, logger="axes")
    report, operations = Report(), _operations()
    for username in ROLES:
        http = HttpClient(raise_request_exception=False)
        http.force_login(User.objects.get(username=username))
        seen = _ids_seen(http)
        for operation in operations:
            _walk(http, operation, seen, report)
    anonymous = HttpClient(raise_request_exception=False)
    for path, method, _, _ in operations:
        for raw, content_type in corpus.RAW_BODIES if method != "get" else []:
            report.send(anonymous, method, path, data=raw, content_type=content_type)
    print(f"\napi bad input: {len(operations)} operations, {report.requests} requests")
    assert len(operations) > 40
    assert not report.crashes, "\n".join(report.crashes)
