from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import resolve, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused


@login_not_required
@require_GET
@never_cache
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> JsonResponse:
    """200 once the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def refuse(
    request: HttpRequest,
    problem: Refused | StaleEdit | forms.BaseForm | str,
    page: str,
    query: dict[str, str] | None = None,
    **kwargs: Any,
) -> HttpResponse:
    """The one place a refused action becomes an answer: the page the action was sent from,
    shown again with the reasons on it, answered 400 (409 when someone saved in between),
    never a redirect that hides that nothing was saved. `query`: the page's own GET
    parameters (which unit, which day), when the page needs them."""
    for reason in _reasons(problem):
        messages.error(request, reason)
    match = resolve(reverse(page, kwargs=kwargs))
    request.method = "GET"  # the page as it is now, with nothing of the refused action bound
    request.POST = QueryDict()
    if query is not None:
        request.GET = QueryDict(urlencode(query))
    response = match.func(request, *match.args, **match.kwargs)
    response.status_code = 409 if isinstance(problem, StaleEdit) else 400
    return response


def _reasons(problem: Refused | StaleEdit | forms.BaseForm | str) -> list[str]:
    if isinstance(problem, str):
        return [problem]
    if isinstance(problem, Refused | StaleEdit):
        return [problem.message]
    reasons = []
    for name, errors in problem.errors.items():
        field = problem.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        reasons += [f"{label}{error}" for error in errors]
    return reasons


def confirmed(
    request: HttpRequest, *, question: str, consequence: str, button: str, back: str
) -> HttpResponse | None:
    """None when the POST carries the user's confirmation; otherwise the page that asks for
    it, saying what will happen, and sends the same fields again (with a new one-time key)."""
    if request.POST.get("confirmed") == "yes":
        return None
    skip = {"csrfmiddlewaretoken", "_submission", "confirmed"}
    fields = [(k, v) for k in request.POST if k not in skip for v in request.POST.getlist(k)]
    context = {
        "question": question,
        "consequence": consequence,
        "button": button,
        "back": back,
        "action": request.path,
        "fields": fields,
    }
    return render(request, "confirm.html", context)


@login_not_required
@require_GET
def brand_css(request: HttpRequest) -> HttpResponse:
    """The municipality's colour over Designsystemet's accent (KASAM_BRAND_COLOUR), with
    darker shades for hover and press; the same for every visitor, so it may be cached."""
    colour = settings.KASAM_BRAND_COLOUR
    rules = (
        f":root{{--ds-color-accent-base-default:{colour};"
        f"--ds-color-accent-base-hover:color-mix(in srgb,{colour} 85%,black);"
        f"--ds-color-accent-base-active:color-mix(in srgb,{colour} 70%,black);"
        f"--ds-color-accent-text-subtle:color-mix(in srgb,{colour} 85%,black);"
        f"--ds-color-accent-border-strong:{colour};--accent:{colour}}}"
        if colour
        else ""
    )
    response = HttpResponse(rules, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    response.cacheable = True  # type: ignore[attr-defined]  # kept by NoStoreMiddleware
    return response


def paged(request: HttpRequest, items: Any, per_page: int) -> tuple[Page, str]:
    """The request's page of `items`, and the rest of its query for the pager's links."""
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return page, urlencode(query) + "&" if query else ""


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The phone's offline mode (templates/sw.js), served from the root so that it may
    look after every page; always fetched fresh so that a new version arrives."""
    response = render(request, "sw.js", content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    response.cacheable = True  # type: ignore[attr-defined]  # kept by NoStoreMiddleware
    return response


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """Kasam as an app on the phone's home screen, in the municipality's name and colour."""
    name = f"Kasam · {settings.KASAM_BRAND_NAME}" if settings.KASAM_BRAND_NAME else "Kasam"
    colour = settings.KASAM_BRAND_COLOUR or "#1e4e79"
    icons = [
        {"src": static(f"kasam/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    body = {
        "name": name,
        "short_name": "Kasam",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": colour,
        "icons": icons,
    }
    return JsonResponse(body, content_type="application/manifest+json")
