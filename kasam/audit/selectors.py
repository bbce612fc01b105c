from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from kasam.audit.models import AuditEvent, AuditHit


def access_log_for(client: Any) -> QuerySet[AuditEvent]:
    """Who has accessed the client's record, newest first (caller has checked access): the
    entries about the client, and the lists that showed them (with the basis of that hit)."""
    hit = AuditHit.objects.filter(event=OuterRef("pk"), client=client)
    # The client's entries and their list hits, each by its index, then only those rows:
    # "about the client OR listed it" read the whole trail backwards for a rarely seen client.
    about = AuditEvent.objects.filter(client=client).order_by().values("pk")
    listed = AuditHit.objects.filter(client=client).order_by().values("event_id")
    return (
        AuditEvent.objects.filter(pk__in=about.union(listed, all=True))
        .annotate(
            hit_basis=Subquery(hit.values("basis")[:1]),
            hit_role=Subquery(hit.values("actor_role")[:1]),
            hit_unit_name=Subquery(hit.values("actor_unit__name")[:1]),
        )
        .select_related("actor", "actor_unit")
        .defer("changes", "digest")  # a list's entry names every client shown: not read here
        .order_by("-occurred_at", "-id")
    )
