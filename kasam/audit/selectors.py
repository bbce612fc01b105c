from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kasam.audit.models import AuditEvent


def access_log_for(client: Any) -> QuerySet[AuditEvent]:
    """Who has accessed the client's record, newest first (caller has checked access)."""
    return (
        AuditEvent.objects.filter(client=client)
        .select_related("actor", "actor_unit")
        .order_by("-occurred_at", "-id")
    )
