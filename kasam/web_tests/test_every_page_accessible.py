"""Every page, as each role, on a phone and a desktop: no axe-core violation of any impact and
nothing wider than the phone. The demo municipality is crawled first (as the audit walker
does) and each route's first page is opened in Chromium, so a new page is checked as soon
as something links to it."""

from __future__ import annotations

import logging

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client as HttpClient

from kasam.accounts.models import User
from kasam.core.tests.routes import WALKER_ROLES, crawl_as, route_of
from kasam.web_tests.checks import PHONE_WIDTH, widest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROLES = WALKER_ROLES
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": PHONE_WIDTH, "height": 844}


def _pages_by_role() -> dict[str, list[str]]:
    """For each role, the whole pages of routes no earlier role reached (one URL each)."""
    found: dict[str, list[str]] = {}
    routes: set[str] = set()  # routes an earlier role reached
    for username in ROLES:
        whole: list[str] = []

        def keep(url: str, response, whole: list[str] = whole) -> None:
            body = response.content[:200].lower()
            if response.status_code == 200 and body.lstrip().startswith(b"<!doctype"):
                whole.append(url)

        crawl_as(User.objects.get(username=username), keep, per_route=1, limit=200)
        found[username] = [u for u in whole if route_of(u) not in routes]
        routes |= {route for u in found[username] if (route := route_of(u))}
    return found


def _session_cookie(username: str, base_url: str) -> dict[str, str]:
    http = HttpClient()
    http.force_login(User.objects.get(username=username))
    value = http.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}


def test_every_page_is_accessible_as_each_role_on_a_phone_and_a_desktop(
    browser, live_server, caplog
):
    caplog.set_level(logging.CRITICAL, logger="django")
    settings.KASAM_COUNTRY = "NO"
    call_command("demo", size="small", seed=3)
    problems, checked = [], 0
    for username, urls in _pages_by_role().items():
        for viewport in (PHONE, DESKTOP):
            context = browser.new_context(base_url=live_server.url, viewport=viewport)
            context.add_cookies([_session_cookie(username, live_server.url)])
            page = context.new_page()
            for url in urls:
                page.goto(url)
                checked += 1
                found = Axe().run(page)
                where = f"{url} ({username}, {viewport['width']} px)"
                problems += [f"{where}: {v['id']}" for v in found.response["violations"]]
                width = page.evaluate("document.documentElement.scrollWidth")
                if viewport is PHONE and width > PHONE_WIDTH:
                    problems.append(f"{where}: {width} px wide: {widest(page)}")
            context.close()
    print(f"\naxe walker: {checked} page loads")
    assert checked > 80
    assert not problems, "\n".join(sorted(set(problems)))
