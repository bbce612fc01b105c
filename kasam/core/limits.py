"""Rate limits on what anyone can reach without an account (login, token, the public feedback
and survey pages), counted per real client address (kasam.core.net.client_ip) by
django-ratelimit in the shared cache, so every process counts together and atomically."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

View = Callable[..., HttpResponseBase]


def _rate(group: str) -> str:
    return settings.KASAM_RATE_LIMITS[group]


def exceeded(request: HttpRequest, group: str) -> bool:
    """Whether this address has used up its allowance (without counting this request)."""
    usage = get_usage(request, group=group, key="ip", rate=_rate(group), increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count(request: HttpRequest, group: str) -> None:
    """Count one use against this address's allowance."""
    get_usage(request, group=group, key="ip", rate=_rate(group), increment=True)


def too_many(request: HttpRequest) -> HttpResponse:
    message = _("Too many attempts from your address. Please wait a while and try again.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "429.html", {"message": message}, status=429)


def limit_posts(group: str) -> Callable[[View], View]:
    """Every POST counts; once the allowance is used, answer 429 until it renews."""

    def decorate(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST":
                if exceeded(request, group):
                    return too_many(request)
                count(request, group)
            return view(request, *args, **kwargs)

        return limited

    return decorate
