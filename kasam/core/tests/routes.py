"""Helpers for the tests that walk every route: the URL patterns, sample URLs, and a crawler
that follows links and collects forms, so new pages are covered without being listed."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.test import Client as HttpClient
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

# The demo logins the walkers (audit, language, axe) crawl as.
WALKER_ROLES = [
    "care.worker",
    "contact.person",
    "unit.manager",
    "case.handler",
    "quality.lead",
    "director",
]

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


def walk(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in (resolver or get_resolver()).url_patterns:
        regex = prefix + _regex(pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, regex)
        else:
            yield regex, pattern


def sample_url(regex: str) -> str:
    url = _GROUP.sub(_sample, regex).replace("/?", "/").replace("\\", "")
    return "/" + url


def all_urls() -> list[str]:
    urls = [sample_url(regex) for regex, _ in walk()]
    for url in urls:
        resolve(url)  # every generated URL really reaches its pattern
    return urls


def view_name(url: str) -> str:
    func = resolve(url).func
    view = getattr(func, "view_class", None) or getattr(func, "cls", None) or func
    return f"{view.__module__}.{view.__qualname__}"


def route_of(url: str) -> str | None:
    """The pattern a URL reaches (its route), or None outside the site."""
    try:
        return resolve(urlsplit(url).path).route
    except Resolver404:
        return None


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)


class _PageParser(HTMLParser):
    """Links and forms of a page, with each field's value as the browser would send it."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"])
        if a.get("hx-get", "").startswith("/"):  # partials loaded by htmx
            self.links.append(a["hx-get"])
        elif tag == "form":
            action = a.get("action") or self.page_url
            self.forms.append(Form(action=action, method=a.get("method", "get").lower()))
        elif self.forms and a.get("name"):
            self._field(tag, a)
        elif tag == "option" and self._select and self.forms:
            self._option(a)

    def _field(self, tag: str, a: dict[str, str]) -> None:
        form, name = self.forms[-1], a["name"]
        kind = a.get("type", "text")
        if tag == "select":
            self._select = name
            form.choices.setdefault(name, [])
        elif tag == "textarea":
            self._textarea = name
            form.fields.setdefault(name, "")
        elif kind in ("checkbox", "radio"):
            form.choices.setdefault(name, []).append(a.get("value", "on"))
            if "checked" in a or name not in form.fields:
                form.fields[name] = a.get("value", "on")
        elif kind not in ("submit", "button", "file"):
            form.fields[name] = a.get("value", "")

    def _option(self, a: dict[str, str]) -> None:
        form, value = self.forms[-1], a.get("value", "")
        assert self._select is not None
        form.choices[self._select].append(value)
        if value and (self._select not in form.fields or "selected" in a):
            form.fields[self._select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


@dataclass
class Site:
    """What a crawl found: concrete URLs per route (pages), and forms per route (actions)."""

    pages: dict[str, list[str]] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    query_names: set[str] = field(default_factory=set)


def crawl(
    http: HttpClient,
    start: list[str],
    per_route: int = 2,
    limit: int = 600,
    on_page: Callable[[str, Any], None] | None = None,
) -> Site:
    """Follow links from `start`, keeping up to `per_route` concrete URLs of each route;
    `on_page(url, response)` sees every page fetched."""
    site, queue, seen = Site(), list(start), set[str]()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        route = route_of(url)
        if url in seen or route is None or route.startswith(("admin/", "api/")):
            continue
        if len(site.pages.get(route, [])) >= per_route or "logout" in url:
            continue
        seen.add(url)
        response = http.get(url)
        if on_page is not None:
            on_page(url, response)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        site.pages.setdefault(route, []).append(url)
        parser = _PageParser(url)
        parser.feed(response.content.decode())
        site.query_names.update(k for link in parser.links for k, _ in _query(link))
        for form in parser.forms:
            _keep_form(site, form)
        queue.extend(parser.links)
    return site


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def _keep_form(site: Site, form: Form) -> None:
    if form.method == "get":
        site.query_names.update(form.fields)
        return
    route = route_of(form.action)
    if route is not None and not route.startswith(("admin/", "i18n/", "accounts/logout")):
        site.forms.setdefault(route, form)


def start_urls() -> list[str]:
    """Where a walker starts: the home page and every page whose address has no part to
    fill in (the rest are reached by links)."""
    return ["/", *[u for u in all_urls() if "/api/" not in u and "<" not in (route_of(u) or "<")]]


def crawl_as(user: Any, on_page: Callable[[str, Any], None], per_route: int, limit: int) -> Site:
    """Crawl from start_urls() logged in as `user`, every page seen by `on_page`."""
    http = HttpClient(raise_request_exception=False)
    http.force_login(user)
    return crawl(http, start_urls(), per_route=per_route, limit=limit, on_page=on_page)
