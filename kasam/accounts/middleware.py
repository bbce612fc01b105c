from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED_LANGUAGES = {code for code, _ in settings.LANGUAGES}


class UserLanguageMiddleware:
    """The interface language: the staff member's own choice, else the language chosen on the
    login page, else the installation's default (the country's language). The browser's
    Accept-Language is not used: a Norwegian municipality speaks Norwegian unless asked not to.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = getattr(request.user, "language", "") or request.COOKIES.get(
            settings.LANGUAGE_COOKIE_NAME, ""
        )
        if language not in SUPPORTED_LANGUAGES:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return self.get_response(request)
