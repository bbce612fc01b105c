from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kasam.audit.errors import AuditUnavailable
from kasam.core.concurrency import StaleEdit
from kasam.core.errors import Refused


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus: no audit entry means no data (503); refused by a rule (400);
    saved by someone else in between (409)."""
    if isinstance(exc, AuditUnavailable):
        detail = _("The access log could not be written, so the data is not shown.")
        return Response({"detail": detail}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    if isinstance(exc, StaleEdit):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Refused):
        return Response({"detail": exc.message}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
