"""Every FHIR error is an OperationOutcome, never an HTML page or a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings


class FhirError(Exception):
    """A request the FHIR API refuses: its HTTP status, FHIR issue code and message."""

    def __init__(self, message: str, *, code: str = "invalid", status_code: int = 400) -> None:
        super().__init__(message)
        self.message, self.code, self.status_code = message, code, status_code


def outcome(message: str, code: str, severity: str = "error") -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": message}],
    }


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    if isinstance(exc, FhirError):
        return Response(outcome(exc.message, exc.code), status=exc.status_code)
    if isinstance(exc, Http404):  # missing or not allowed: the same answer
        message = _("No such resource, or you have no care relationship with the person.")
        return Response(outcome(message, "not-found"), status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        message = _("Log in or send a valid token.")
        return Response(outcome(message, "login"), status=status.HTTP_401_UNAUTHORIZED)
    handler: Callable[..., Response | None] = api_settings.EXCEPTION_HANDLER  # type: ignore[assignment]
    answer = handler(exc, context)  # the API's own mapping (audit down, refused, stale)
    if answer is None:
        raise exc
    data = answer.data
    detail = data.get("detail", data) if isinstance(data, dict) else data
    return Response(outcome(str(detail), "processing"), status=answer.status_code)
