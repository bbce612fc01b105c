"""Token authentication that also speaks the user's language.

Session requests get the user's language from UserLanguageMiddleware; a token is only read
inside the API view, after the middleware has run, so the language is set here instead.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from rest_framework.authentication import TokenAuthentication
from rest_framework.request import Request

from kasam.accounts.middleware import SUPPORTED_LANGUAGES


class LanguageTokenAuthentication(TokenAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None:
            language = getattr(result[0], "language", "")
            if language in SUPPORTED_LANGUAGES:
                translation.activate(language)
                request._request.LANGUAGE_CODE = language
        return result
