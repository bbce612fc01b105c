from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kasam.audit.errors import AuditUnavailable

logger = logging.getLogger(__name__)


class AuditUnavailableMiddleware:
    """No audit entry, no data: answer 503 with an explanation instead of the record."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AuditUnavailable):
            return None
        logger.error("Audit write failed; request refused", exc_info=exception)
        return render(request, "audit/unavailable.html", status=503)
