"""Response headers every page of Kasam carries."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class NoStoreMiddleware:
    """Nothing Kasam answers is kept by the browser or a proxy: after logging out, the back
    button must not show health data. (Static files are answered earlier, by WhiteNoise,
    with their own long-lived headers.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, private"
        return response
