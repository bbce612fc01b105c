from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kasam.audit.errors import AuditUnavailable


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus: no audit entry means no data (503)."""
    if isinstance(exc, AuditUnavailable):
        detail = _("The access log could not be written, so the data is not shown.")
        return Response({"detail": detail}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    return drf_exception_handler(exc, context)
