from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kasam.access.models import EmergencyAccess
from kasam.access.selectors import (
    AccessBasis,
    Basis,
    ClientAccess,
    access_bases,
    care_memberships,
    emergency_accesses_to_review,
    get_client_for,
)
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access, record_hits
from kasam.registry.models import Client


class AccessError(ValueError):
    pass


@transaction.atomic
def grant_emergency_access(*, actor: Actor, client: Client, reason: str) -> EmergencyAccess:
    """Open a record without a care relationship; lasts KASAM_EMERGENCY_ACCESS_HOURS."""
    reason = reason.strip()
    if len(reason) < 10:
        raise AccessError(_("State the reason for emergency access in a full sentence."))
    memberships = care_memberships(actor.user)
    now = timezone.now()
    grant = EmergencyAccess.objects.create(
        user=actor.user,
        unit=memberships[0].unit if memberships else None,
        client=client,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=settings.KASAM_EMERGENCY_ACCESS_HOURS),
    )
    basis = AccessBasis(Basis.EMERGENCY, unit=grant.unit, emergency=grant)
    record_access(
        actor=actor,
        access=ClientAccess(client, basis),
        action=AuditEvent.Action.CREATE,
        target=grant,
    )
    return grant


@transaction.atomic
def review_emergency_access(
    *, actor: Actor, grant: EmergencyAccess, comment: str
) -> EmergencyAccess:
    if not emergency_accesses_to_review(actor.user).filter(pk=grant.pk).exists():
        raise AccessError(_("This emergency access is not yours to review."))
    if not comment.strip():
        raise AccessError(_("Write a comment on the review."))
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = actor.user
    grant.review_comment = comment.strip()
    grant.save(update_fields=["reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    basis = AccessBasis(Basis.OVERSIGHT, role="unit_manager")
    record_access(
        actor=actor,
        access=ClientAccess(grant.client, basis),
        action=AuditEvent.Action.UPDATE,
        target=grant,
    )
    return grant


def open_client_for_form(request: Any, public_id: uuid.UUID | str) -> ClientAccess:
    """A GET shows the record (a logged read); a POST is logged by the service that writes."""
    actor = Actor.from_request(request)
    if request.method == "GET":
        return open_client(actor=actor, public_id=public_id)
    return get_client_for(actor.user, public_id)


def open_client(
    *, actor: Actor, public_id: uuid.UUID | str, action: str = AuditEvent.Action.READ
) -> ClientAccess:
    """Fetch a client the actor may see (404 otherwise) and log the access."""
    access = get_client_for(actor.user, public_id)
    record_access(actor=actor, access=access, action=action)
    return access


def record_client_hits(
    *, actor: Actor, clients: Iterable[Client], action: str = AuditEvent.Action.SEARCH
) -> int:
    """Log the clients a list shows (or an export holds), each with the basis on which the
    actor sees them."""
    unique = list({client.pk: client for client in clients}.values())
    bases = access_bases(actor.user, unique) if unique else {}
    accesses = [ClientAccess(c, bases[c.pk]) for c in unique]
    return record_hits(actor=actor, accesses=accesses, action=action)
