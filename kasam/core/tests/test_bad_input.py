"""Bad input never crashes: crawl the demo municipality as each role, then send the corpus to
every page's query parameters and to every form found, field by field. A route added later is
walked too, as soon as a page links to it or shows its form."""

from __future__ import annotations

import logging

import pytest
from django.contrib.messages import constants
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse

from kasam.accounts.models import User
from kasam.core.tests import corpus
from kasam.core.tests.routes import Form, Site, all_urls, crawl, route_of

pytestmark = pytest.mark.django_db

ROLES = ["unit.manager", "case.handler", "contact.person", "care.worker", "quality.lead", "admin"]


@pytest.fixture
def demo(settings) -> None:
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=3)


def _http(username: str) -> HttpClient:
    http = HttpClient(raise_request_exception=False)
    http.force_login(User.objects.get(username=username))
    return http


def _start_pages() -> list[str]:
    """Every page without parameters, and the home page."""
    return ["/", *[u for u in all_urls() if "/api/" not in u and "<" not in (route_of(u) or "<")]]


class Report:
    def __init__(self) -> None:
        self.requests = 0
        self.crashes: list[str] = []
        self.flash_refusals: list[str] = []

    def check(self, response, what: str) -> None:
        self.requests += 1
        if response.status_code >= 500:
            self.crashes.append(f"{response.status_code} {what}")
        elif response.status_code == 302 and _error_flashed(response):
            self.flash_refusals.append(what)


def _error_flashed(response) -> bool:
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return any(m.level == constants.ERROR for m in queued)


def _fuzz_queries(http: HttpClient, site: Site, done: set[str], report: Report) -> None:
    names = sorted(site.query_names | {"page", "sort", "order", "next", "format"})
    for route, urls in site.pages.items():
        if route in done:
            continue
        done.add(route)
        url = urls[0].split("?")[0]
        for value in corpus.text():
            query = dict.fromkeys(names, value)
            report.check(http.get(url, query), f"GET {url} ?…={value[:20]!r}")


def _fuzz_form(http: HttpClient, form: Form, report: Report) -> None:
    post = form.action
    report.check(http.post(post, form.fields), f"POST {post} (as shown)")
    for value in corpus.text():
        data = dict.fromkeys(form.fields, value)
        report.check(http.post(post, data), f"POST {post} all={value[:20]!r}")
    for name in form.fields:
        for value in [*corpus.SINGLE, *(c + "x" for c in form.choices.get(name, [])[:1])]:
            data = {**form.fields, name: value}
            report.check(http.post(post, data), f"POST {post} {name}={value[:20]!r}")
    huge = dict.fromkeys(form.fields, corpus.HUGE)
    report.check(http.post(post, huge), f"POST {post} 1 MB fields")
    for body, content_type in corpus.RAW_BODIES:
        response = http.post(post, body, content_type=content_type)
        report.check(response, f"POST {post} raw {content_type}")


def test_no_page_or_form_answers_5xx_to_bad_input(demo, caplog):
    caplog.set_level(logging.CRITICAL, logger="django")
    report, sites, queried = Report(), {}, set[str]()
    for username in ROLES:
        http = _http(username)
        site = crawl(http, _start_pages(), per_route=1, limit=250)
        sites[username] = site
        _fuzz_queries(http, site, queried, report)
    fuzzed: set[str] = set()
    for username, site in sites.items():
        http = _http(username)
        for route, form in site.forms.items():
            if route not in fuzzed:
                fuzzed.add(route)
                _fuzz_form(http, form, report)
    pages = {route for site in sites.values() for route in site.pages}
    print(f"\nbad input: {len(pages)} page routes, {len(fuzzed)} form routes, ", end="")
    print(f"{report.requests} requests, corpus {len(corpus.text())} values")
    print(f"refusals flashed after a redirect: {len(report.flash_refusals)}")
    # A refused form is shown again with 4xx (kasam.core.views.refuse); only the day board's
    # assignments report per visit what went and what did not, and go back to the board.
    flashed = {what.split()[1] for what in report.flash_refusals}
    assert all("/visits/" in url and "assign" in url for url in flashed), sorted(flashed)
    assert len(pages) > 50
    assert len(fuzzed) > 30
    assert not report.crashes, "\n".join(report.crashes)


def test_every_page_tells_the_browser_not_to_store_it(demo):
    http = _http("unit.manager")
    site = crawl(http, _start_pages(), per_route=1, limit=120)
    assert len(site.pages) > 30
    for urls in site.pages.values():
        assert http.get(urls[0])["Cache-Control"] == "no-store, private", urls[0]
    http.logout()
    assert http.get(reverse("accounts:login"))["Cache-Control"] == "no-store, private"


def test_static_files_may_be_cached(client):
    response = client.get("/static/kasam/kasam.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_language_switch_with_a_next_that_is_not_a_url(client, alice):
    client.force_login(alice)
    for url in (reverse("set_language"), reverse("accounts:language")):
        for target in ("http://[", "//\x00", "javascript:alert(1)", "x" * 10_000, "-1"):
            response = client.post(url, {"language": "en", "next": target})
            assert response.status_code == 302
            assert response["Location"] == "/"
