"""Writing audit entries. Callers run inside the transaction of the read or write they log,
so that if the entry cannot be written, the read or write fails too."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DatabaseError, models, transaction
from django.http import HttpRequest

from kasam.access.selectors import AccessBasis, ClientAccess
from kasam.accounts.models import User
from kasam.audit.errors import AuditUnavailable
from kasam.audit.models import AuditEvent

Action = AuditEvent.Action


@dataclass(frozen=True)
class Actor:
    """Who is acting, and from where."""

    user: User
    ip_address: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user
        assert isinstance(user, User)
        return cls(user=user, ip_address=request.META.get("REMOTE_ADDR") or None)


def _event(
    actor: Actor, access: ClientAccess, action: str, target: models.Model | None
) -> AuditEvent:
    basis: AccessBasis = access.basis
    target = target if target is not None else access.client
    return AuditEvent(
        actor=actor.user,
        actor_role=basis.role,
        actor_unit=basis.unit,
        client=access.client,
        action=action,
        object_type=target._meta.model_name or "",
        object_id=str(getattr(target, "public_id", target.pk)),
        basis=basis.kind,
        emergency_access=basis.emergency,
        ip_address=actor.ip_address,
    )


@transaction.atomic
def record_access(
    *, actor: Actor, access: ClientAccess, action: str, target: models.Model | None = None
) -> AuditEvent:
    event = _event(actor, access, action, target)
    try:
        event.save()
    except DatabaseError as error:
        raise AuditUnavailable from error
    return event


@transaction.atomic
def record_hits(*, actor: Actor, accesses: Iterable[ClientAccess]) -> int:
    """One SEARCH entry per client shown in a search result or list."""
    events = [_event(actor, access, Action.SEARCH, None) for access in accesses]
    try:
        AuditEvent.objects.bulk_create(events)
    except DatabaseError as error:
        raise AuditUnavailable from error
    return len(events)
