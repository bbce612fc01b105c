"""Walk every URL pattern anonymously: only an explicit allow-list may answer without login."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.django_db

# Views that answer without login, and why.
ALLOW_LIST = {
    "kasam.core.views.healthz",  # load balancers
    "kasam.accounts.views.LoginView",  # the way in
    "django.contrib.auth.views.LogoutView",  # logging out is harmless
    "django.views.i18n.set_language",  # choosing the language on the login page
    "rest_framework.authtoken.views.ObtainAuthToken",  # checks the password itself
    "django.contrib.admin.sites.AdminSite.login",  # Django admin's own login form
    "kasam.quality.feedback_views.public_feedback",  # the public's praise and complaints
    "kasam.surveys.views.answer",  # anonymous respondents answer with a one-time code
}
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


def _sample(match: re.Match[str]) -> str:
    name, body = match.group("name"), match.group("body")
    if name == "format":
        return "json"
    if "|" in body:
        return body.split("|")[0]
    if "0-9a-f" in body or name.endswith("id") or "uuid" in body:
        return str(uuid.uuid4()) if "0-9a-f" in body or "-" in body else "1"
    return "1"


def _regex(pattern: URLPattern | URLResolver) -> str:
    text = pattern.pattern.regex.pattern
    return text.removeprefix("^").removesuffix("$").removesuffix(r"\Z")


def _walk(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        regex = prefix + _regex(pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, regex)
        else:
            yield regex, pattern


def _url(regex: str) -> str:
    url = _GROUP.sub(_sample, regex).replace("/?", "/").replace("\\", "")
    return "/" + url


def _view_name(url: str) -> str:
    func = resolve(url).func
    view = getattr(func, "view_class", None) or getattr(func, "cls", None) or func
    return f"{view.__module__}.{view.__qualname__}"


def _all_urls() -> list[str]:
    urls = [_url(regex) for regex, _ in _walk(get_resolver())]
    for url in urls:
        resolve(url)  # every generated URL really reaches its pattern
    return urls


def test_walker_covers_pages_and_api():
    urls = _all_urls()
    assert any(u.startswith("/api/v1/clients/") for u in urls)
    assert any(u.startswith("/clients/") and u.endswith("/access-log/") for u in urls)
    assert len(urls) > 40


def test_every_url_needs_login_unless_allow_listed(client):
    open_urls = []
    for url in _all_urls():
        response = client.get(url)
        if _view_name(url) in ALLOW_LIST:
            continue
        if url.startswith("/api/"):
            assert response.status_code in (401, 403), url
        elif response.status_code in (301, 302):
            assert "login" in response["Location"], url
        else:
            open_urls.append((url, response.status_code))
    assert not open_urls, f"answer without login: {open_urls}"


def test_allow_listed_views_exist():
    names = {_view_name(url) for url in _all_urls()}
    assert names >= ALLOW_LIST


def test_client_records_are_not_in_the_admin():
    from django.contrib import admin

    from kasam.audit.models import AuditEvent
    from kasam.cases.models import Case
    from kasam.registry.models import Client, Relative

    for model in (Client, Relative, AuditEvent, Case):
        assert not admin.site.is_registered(model)
