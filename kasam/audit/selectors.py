from __future__ import annotations

from django.db.models import QuerySet

from kasam.audit.models import AuditEvent
from kasam.registry.models import Client


def access_log_for(client: Client) -> QuerySet[AuditEvent]:
    """Who has accessed the client's record, newest first (caller has checked access)."""
    return (
        AuditEvent.objects.filter(client=client)
        .select_related("actor", "actor_unit")
        .order_by("-occurred_at", "-id")
    )
